"""Fuzz the plain-text cleaner: bytes → decode → clean_document (text path, no spaCy)."""

from __future__ import annotations

from _harness import fuzz_main, instrumented

with instrumented():
    from barometer.clean import clean_document
    from barometer.ingest.raw import RawDocument, decode_bytes


def one_input(data: bytes) -> None:
    text, warnings = decode_bytes(data, source="<fuzz>", max_bytes=1_000_000)
    cleaned = clean_document(RawDocument(text=text, media_type="text", source="<fuzz>", warnings=warnings))
    art = cleaned.article
    assert art.text.strip(), "clean_document returned an article with no text"
    assert art.text == art.text.strip(), "clean text has leading/trailing whitespace"


if __name__ == "__main__":
    fuzz_main(one_input, "clean")

"""Fuzz the HTML path: bytes → decode → trafilatura/htmldate extraction → clean text."""

from __future__ import annotations

from _harness import fuzz_main, instrumented

with instrumented("trafilatura", "htmldate", "courlan", "justext"):
    import htmldate  # noqa: F401 - imported lazily by the cleaner; imported here to be instrumented
    import trafilatura  # noqa: F401

    from barometer.clean import clean_document
    from barometer.ingest.raw import RawDocument, decode_bytes


def one_input(data: bytes) -> None:
    text, warnings = decode_bytes(data, source="<fuzz>", max_bytes=1_000_000)
    cleaned = clean_document(RawDocument(text=text, media_type="html", source="<fuzz>", warnings=warnings))
    assert cleaned.article.text.strip(), "clean_document returned an article with no text"


if __name__ == "__main__":
    fuzz_main(one_input, "html")

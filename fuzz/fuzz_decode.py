"""Fuzz the byte checks every input passes first: size, binary sniffing, encoding, media type."""

from __future__ import annotations

from _harness import fuzz_main, instrumented

with instrumented():
    from barometer.ingest.raw import decode_bytes, sniff_media_type


def one_input(data: bytes) -> None:
    text, warnings = decode_bytes(data, source="<fuzz>", max_bytes=1_000_000)
    assert isinstance(text, str) and text.strip(), "decode_bytes returned empty text instead of refusing"
    assert sniff_media_type(text) in ("html", "text")


if __name__ == "__main__":
    fuzz_main(one_input, "decode")

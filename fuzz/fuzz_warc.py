"""Fuzz the WARC/ARC reader: archive bytes (plain or gzipped) → HTML responses as RawDocuments.

The reader takes a path (archives are streamed from disk), so each input is written to one scratch
file first; that costs a write per run, which is cheap next to warcio's parsing.
"""

from __future__ import annotations

import os
import tempfile

from _harness import fuzz_main, instrumented

with instrumented("warcio"):
    from barometer.ingest.warc import iter_warc

_SCRATCH = os.path.join(tempfile.mkdtemp(prefix="fuzz-warc-"), "input.warc")


def one_input(data: bytes) -> None:
    with open(_SCRATCH, "wb") as fh:
        fh.write(data)
    errors: list[tuple[str, str]] = []
    for raw in iter_warc(_SCRATCH, errors=errors, max_bytes=1_000_000):
        assert raw.text.strip() and raw.media_type == "html"


if __name__ == "__main__":
    fuzz_main(one_input, "warc")

"""Fuzz the JSON Lines reader: every line is a record or a recorded per-line error, never a crash."""

from __future__ import annotations

import io

from _harness import fuzz_main, instrumented

with instrumented():
    from barometer.ingest.jsonl import iter_jsonl


def one_input(data: bytes) -> None:
    # Read as `barometer ingest` does: text mode, UTF-8 with replacement.
    lines = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace")
    errors: list[tuple[str, str]] = []
    for raw in iter_jsonl(lines, "<fuzz>", errors=errors):
        assert raw.text.strip() and raw.media_type in ("html", "text")
    assert all(key.startswith("<fuzz>#L") and msg for key, msg in errors)


if __name__ == "__main__":
    fuzz_main(one_input, "jsonl")

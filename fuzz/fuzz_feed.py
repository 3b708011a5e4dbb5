"""Fuzz the RSS/Atom reader: bytes → feedparser → one RawDocument per entry (links never fetched)."""

from __future__ import annotations

from _harness import fuzz_main, instrumented

with instrumented("feedparser"):
    import feedparser  # noqa: F401 - imported lazily by the reader; imported here to be instrumented

    from barometer.ingest.feeds import iter_feed


def one_input(data: bytes) -> None:
    errors: list[tuple[str, str]] = []
    for raw in iter_feed(data, "<fuzz>", fetch_links=False, errors=errors):
        assert raw.text.strip(), "a feed entry became a document without text"
    assert all(isinstance(msg, str) and msg for _, msg in errors)


if __name__ == "__main__":
    fuzz_main(one_input, "feed")

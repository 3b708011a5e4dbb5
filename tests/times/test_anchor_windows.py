"""The time grammar scans only the ranges around anchor words: it must find what a full scan finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from barometer.times.resolver import _anchor_windows, _near_anchors, _patterns, lexicon

WORDS = ["for", "more", "than", "two", "hundred", "and", "fifty", "20", "1.5", "a", "an", "few", "several",
         "years", "year", "months", "week", "weeks", "days", "day", "hours", "24-hour", "decade", "ago",
         "in", "the", "past", "last", "next", "coming", "recent", "this", "morning", "night", "yesterday",
         "Today", "tomorrow", "'s", "time", "of", "Monday", "birthday", "daylight", "over", "within", "YEARS",
         "said", "troops", "\n", "\n\n", ",", "."]
SEPARATORS = [" ", "  ", "", "\n", "-"]


def scanned(text: str) -> dict[str, list[tuple[int, int]]]:
    pats = {k: _patterns()[k] for k in ("past_n", "ago", "in_n", "dur_adj", "dur")}
    pats.update({rid: rx for rid, rx, _ in lexicon().relative})
    windows = _anchor_windows(text)
    return {k: [m.span() for m in _near_anchors(rx, text, windows)] for k, rx in pats.items()}


def full(text: str) -> dict[str, list[tuple[int, int]]]:
    pats = {k: _patterns()[k] for k in ("past_n", "ago", "in_n", "dur_adj", "dur")}
    pats.update({rid: rx for rid, rx, _ in lexicon().relative})
    return {k: [m.span() for m in rx.finditer(text)] for k, rx in pats.items()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=120))
def test_windows_find_what_a_full_scan_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    assert scanned(text) == full(text)


def test_a_long_text_with_far_apart_expressions() -> None:
    filler = "Troops massed on the border while talks went on. " * 30
    text = f"Two weeks ago {filler}for more than 20 years {filler}in the coming days, a 24-hour strike."
    found = scanned(text)
    assert found == full(text)
    assert found["ago"] and found["dur"] and found["dur_adj"] and found["rel.coming-days"]
    # the windows cover a small part of the text
    assert sum(e - s for s, e in _anchor_windows(text)) < len(text) / 2

"""The mark scanners jump between candidate characters: they must find what a step-by-step scan finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from barometer.quotes import marks
from barometer.quotes.marks import (
    PAIRS,
    MarkSpan,
    _is_apostrophe,
    _opener_at,
    _paragraph_end,
    find_mark_spans,
)


def _close_stepwise(text: str, opener: str, i: int, limit: int) -> int:
    j = i + len(opener)
    while j < limit:
        for c in PAIRS[opener]:
            if text.startswith(c, j):
                if c == "’" and _is_apostrophe(text, j):
                    break
                if c == opener == "“" and (text[j + 1] if j + 1 < len(text) else " ").isalnum():
                    break
                return j
        j += 1
    return -1


def _spans_stepwise(text: str) -> list[MarkSpan]:
    spans: list[MarkSpan] = []
    i = 0
    while i < len(text):
        opener = _opener_at(text, i)
        if opener is None:
            i += 1
            continue
        para_end = _paragraph_end(text, i)
        j = _close_stepwise(text, opener, i, para_end)
        if j >= 0:
            close_len = next((len(c) for c in PAIRS[opener] if text.startswith(c, j)), 1)
            if j > i + len(opener):
                spans.append(MarkSpan(i, j + close_len, i + len(opener), j, True))
            i = j + close_len
            continue
        end = para_end
        while end > i and text[end - 1].isspace():
            end -= 1
        if end > i + len(opener):
            spans.append(MarkSpan(i, end, i + len(opener), end, False))
        i = para_end
    return marks._merge_paragraphs(text, spans)


PIECES = ["“", "”", "„", "«", "»", '"', "‘", "’", "‹", "›", "``", "''", "'", "don’t", "Jones’", "word", "a",
          " ", " ", "\n", "\n\n", ",", ".", "said"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_jumping_scan_finds_what_a_stepwise_scan_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert find_mark_spans(text) == _spans_stepwise(text)


def test_a_quote_far_from_the_previous_mark() -> None:
    text = "No marks here at all. " * 50 + "He said: “We will not,” and left.\n\n«Non» dit-il."
    spans = find_mark_spans(text)
    assert [text[s.inner_start:s.inner_end] for s in spans] == ["We will not,", "Non"]
    assert spans == _spans_stepwise(text)

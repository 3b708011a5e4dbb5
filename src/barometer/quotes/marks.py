"""Quotation-mark spans, tolerant of any mark style and of unbalanced marks.

Why a character scanner and not the parser: quotes cross sentence and paragraph boundaries, and a
missing closing mark must never raise (it ends the quote at the end of its paragraph). A paragraph
that ends inside an open quote and is followed by a paragraph opening with the same mark is one
multi-paragraph quotation (the newspaper convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: Opening mark -> closing marks accepted for it.
PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", "“"),  # some outlets close with the opening glyph
    "„": ("“", "”"),
    "«": ("»",),
    '"': ('"', "”"),
    "‘": ("’",),
    "‹": ("›",),
    "``": ("''",),
    "''": ("''",),  # NYT-style doubled apostrophes
    "”": ("”",),  # a closing glyph typed as opener, only at the start of a line (see _opener_at)
}
MULTI = ("``", "''")
#: The characters a mark can start with: the scanners jump from one to the next instead of testing
#: every character of the text (the same spans, found without a Python step per character).
_OPENER_START = re.compile("[" + re.escape("".join(sorted({m[0] for m in PAIRS}))) + "]")


@cache
def _closer_start(opener: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted({c[0] for c in PAIRS[opener]}))) + "]")


@dataclass(frozen=True)
class MarkSpan:
    """A quoted stretch: ``start``/``end`` include the marks; ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n\n", i)
    if j < 0:
        j = text.find("\n", i)
    return len(text) if j < 0 else j


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ‘ inside or at the edge of a word (don’t, ’90s, Jones’) is not a quote mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and (after.isalnum() or text[i] == "‘")


def _opener_at(text: str, i: int) -> str | None:
    for multi in MULTI:
        if text.startswith(multi, i):
            return multi
    ch = text[i]
    if ch not in PAIRS:
        return None
    if ch == "”":  # ”Text …” opening a line: the opening glyph mistyped as the closing one
        after = text[i + 1] if i + 1 < len(text) else " "
        return ch if (i == 0 or text[i - 1] == "\n") and after.isalnum() else None
    if ch == "‘":
        before = text[i - 1] if i > 0 else " "
        if before.isalnum():
            return None
    if ch == '"' and i + 1 < len(text) and text[i + 1] in " \n\t" and i > 0 and text[i - 1].isalnum():
        return None  # a stray closing straight quote ("word" followed by space)
    return ch


def _find_close(text: str, opener: str, i: int, limit: int) -> int:
    """Index of the closing mark for an opener at ``i`` (search stops at ``limit``), or -1."""
    closers = PAIRS[opener]
    candidate = _closer_start(opener)
    j = i + len(opener)
    while j < limit:
        m = candidate.search(text, j, limit)
        if m is None:
            return -1
        j = m.start()
        for c in closers:
            if text.startswith(c, j):
                if c in ("’",) and _is_apostrophe(text, j):
                    break
                if c == opener and c == "“":
                    # an opening glyph used as closer only when followed by space/punctuation
                    nxt = text[j + 1] if j + 1 < len(text) else " "
                    if nxt.isalnum():
                        break
                return j
        j += 1
    return -1


def find_mark_spans(text: str) -> list[MarkSpan]:
    """All quoted stretches in ``text``, left to right, never overlapping."""
    spans: list[MarkSpan] = []
    i, n = 0, len(text)
    while i < n:
        opener = _opener_at(text, i)
        if opener is None:
            m = _OPENER_START.search(text, i + 1)
            if m is None:
                break
            i = m.start()
            continue
        para_end = _paragraph_end(text, i)
        j = _find_close(text, opener, i, para_end)
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
    return _merge_paragraphs(text, spans)


def _merge_paragraphs(text: str, spans: list[MarkSpan]) -> list[MarkSpan]:
    """An unclosed quote followed by a paragraph that opens a quote continues into it."""
    merged: list[MarkSpan] = []
    for sp in spans:
        prev = merged[-1] if merged else None
        if prev is not None and not prev.closed and text[prev.end:sp.start].strip() == "":
            merged[-1] = MarkSpan(prev.start, sp.end, prev.inner_start, sp.inner_end, sp.closed)
            continue
        merged.append(sp)
    return merged

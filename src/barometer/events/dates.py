"""An event's date: the resolved time expression that belongs to its clause, else publication date.

A time expression belongs to the event when, climbing from it through the parse, the first verb
(or event noun) reached is the event's trigger or the verb that carries it: in "Moscow rejected the
proposal on Wednesday, officials said Friday" the REJECT gets Wednesday, not Friday.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from barometer.model import TimeRef


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def time_path(doc: Doc, t: TimeRef) -> list[int]:
    """Token indices from a time expression up to (and including) the first verb that governs it."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return []
    path: list[int] = []
    cur = span.root
    for _ in range(10):
        head = cur.head
        if head is cur:
            break
        path.append(head.i)
        if head.pos_ in ("VERB", "AUX"):
            break
        cur = head
    return path


def event_date(anchors: set[int], doc: Doc, times: list[TimeRef], published: dt.date | None) -> dt.date | None:
    """Date of the event whose trigger/carrier tokens are ``anchors`` (token indices)."""
    if anchors:
        sent = doc[min(anchors)].sent
        for t in times:
            if not (sent.start_char <= t.start < sent.end_char):
                continue
            day = _day(t.value)
            if day is None:
                continue
            if anchors.intersection(time_path(doc, t)):
                return day
    return published

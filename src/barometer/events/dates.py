"""An event's date and place: the time expression and place that govern its clause.

Dates: the resolved time expression that governs the trigger's clause
(``TimeLayer.governing``: "rejected … on Wednesday, officials said Friday" gives the REJECT
Wednesday, not Friday), else the publication date. A time that resolves only to a month or a year
never dates an event to a day, so those fall back to the publication date too.
Places: ``PlaceLayer.for_span`` (locative attachments to the trigger's clause). Both are questions
to the layers, whichever time and place stages made them.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from barometer.layers import PlaceLayer, TimeLayer


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def event_date(tokens: list[Token], times: TimeLayer, published: dt.date | None) -> dt.date | None:
    """Date of the event carried by ``tokens`` (trigger first, then the verb carrying it)."""
    for tok in tokens:
        t = times.governing(tok)
        if t is not None:
            day = _day(t.value)
            if day is not None:
                return day
    return published


def event_place(tok: Token, doc: Doc, places: PlaceLayer, taken: list[tuple[int, int]] = ()) -> str | None:
    """Name of the place the trigger's clause puts the event in, or None.

    ``taken`` are character spans of the event's source/target mentions: a country that is the
    target ("condemned Iran") is who the event is about, not where it happened.
    """
    if not places:
        return None
    name = places.for_span(tok.idx, tok.idx + len(tok.text), doc)
    if name is None or not taken:
        return name
    sent = tok.sent
    spans = [p for p in places if (p.name or p.text) == name and sent.start_char <= p.start < sent.end_char]
    if spans and all(any(p.start < e and s < p.end for s, e in taken) for p in spans):
        return None
    return name

"""An event's date and place: the time expression and place that govern its clause.

Dates: the resolved time expression that governs the trigger's clause
(``barometer.times.governing_time``: "rejected … on Wednesday, officials said Friday" gives the
REJECT Wednesday, not Friday), else the publication date. A time that resolves only to a month or
a year never dates an event to a day, so those fall back to the publication date too.
Places: ``barometer.places.place_for_span`` (locative attachments to the trigger's clause).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from barometer.model import Place, TimeRef
from barometer.places.resolver import place_for_span
from barometer.times.resolver import governing_time


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def event_date(tokens: list[Token], times: list[TimeRef], published: dt.date | None) -> dt.date | None:
    """Date of the event carried by ``tokens`` (trigger first, then the verb carrying it)."""
    for tok in tokens:
        t = governing_time(times, tok)
        if t is not None:
            day = _day(t.value)
            if day is not None:
                return day
    return published


def event_place(tok: Token, doc: Doc, places: list[Place]) -> str | None:
    """Name of the place the trigger's clause puts the event in, or None."""
    if not places:
        return None
    return place_for_span(places, tok.idx, tok.idx + len(tok.text), doc)

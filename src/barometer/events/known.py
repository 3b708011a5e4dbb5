"""Known background events: "the invasion", "the annexation of Crimea", "9/11" (data/events/known_events.yaml).

Real news names well-known past events by a bare noun. An event whose trigger noun names such an
event and whose sentence gives it no date of its own is dated at the event's start
(``known_date``), and so is historical when that start is a month or more before the article
(``past.historical``). Only when the event's parties are consistent with the entry: "Russia's
invasion" and "the invasion" in a 2023 article are the 2022 invasion, "Israel's invasion" is not;
"Russia attacked again on Tuesday" is dated by its sentence and untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

from pydantic import field_validator
from spacy.tokens import Token

from barometer.data import DataFile, Strict, load_data


class KnownEvent(Strict):
    id: str
    type: str
    source: list[str]
    target: list[str]
    nouns: list[str]
    modifiers: list[str] = []
    needs: Literal["none", "party", "modifier"]
    start: dt.date
    published: tuple[dt.date, dt.date]
    url: str

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not v.startswith("https://"):
            raise ValueError("url must be an https address of the event's source")
        return v


class KnownEventsFile(DataFile):
    """``data/events/known_events.yaml``."""

    VERSION = 1
    events: list[KnownEvent]


@lru_cache(maxsize=1)
def known_events() -> tuple[KnownEvent, ...]:
    return tuple(load_data("events/known_events.yaml", KnownEventsFile).events)


def _phrase_words(tok: Token) -> set[str]:
    """Lower-case words of the noun's own phrase: its modifiers and their subtrees, "of"/"on" objects."""
    return {t.lower_ for c in tok.children if c.i != tok.i for t in c.subtree} | {
        p.lower_ for p in tok.lefts}


def known_date(tok: Token, etype: str, source: str | None, target: str | None,
               actor: Callable[[str], tuple[str | None, str | None]], published: dt.date | None) -> KnownEvent | None:
    """The known event the trigger noun ``tok`` (an event of ``etype`` from ``source`` on ``target``) names, if any."""
    if tok.pos_ not in ("NOUN", "PROPN") or published is None:
        return None
    for k in known_events():
        if k.type != etype or tok.lower_ not in k.nouns or not (k.published[0] <= published <= k.published[1]):
            continue
        (src, _), (tgt, tkind) = (actor(source) if source else (None, None)), (actor(target) if target else (None, None))
        if (source and k.source and src not in k.source) or (target and k.target and tgt not in k.target):
            continue  # "Israel's invasion", "the invasion of Kuwait": another event
        words = _phrase_words(tok)
        party = bool(source or target)
        if k.needs == "party" and not (source and target and tkind == "state"):
            continue  # "their attack on Ukraine", not "Russia's attack on Kharkiv"
        if k.needs == "modifier" and not words & set(k.modifiers):
            continue
        if k.needs == "none" and not (party or words & set(k.modifiers)) and any(
                c.dep_ == "prep" for c in tok.children if c.lower_ in ("of", "on", "against")):
            continue  # "the invasion of" an unrecognised party: not the bare noun
        return k
    return None

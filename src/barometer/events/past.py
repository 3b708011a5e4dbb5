"""Background is not the present: which events are ``historical`` (docs/annotation.md, section 5).

An event dated by its sentence is historical when that date ends a month or more before the article
(``model.HISTORICAL_DAYS``; a year or a month counts from its last day: "last month" in a paper of
the 8th is news, "in February" in August is not). An event with no date of its own is historical when
its sentence shows a sign of the past (``data/events/past.yaml``): an adverb such as "previously", a
background event noun in a prepositional phrase ("sanctions over its invasion", "throughout the
invasion"), the object of a retrospective ("the eighth anniversary of the annexation").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from barometer.data import DataFile, Strict, load_data
from barometer.events.dates import period_end
from barometer.model import HISTORICAL_DAYS


class _Words(Strict):
    id: str
    words: list[str]


class _Background(Strict):
    id: str
    nouns: list[str]
    preps: list[str]


class PastFile(DataFile):
    """``data/events/past.yaml``."""

    VERSION = 1
    adverbs: list[_Words]
    background_nouns: list[_Background]
    retrospective: list[_Words]


@dataclass(frozen=True)
class PastSigns:
    adverbs: frozenset[str]
    nouns: frozenset[str]
    preps: frozenset[str]
    retrospective: frozenset[str]


@lru_cache(maxsize=1)
def past_signs() -> PastSigns:
    f = load_data("events/past.yaml", PastFile)

    def low(groups: list) -> frozenset[str]:
        return frozenset(w.lower() for g in groups for w in getattr(g, "words", None) or g.nouns)

    return PastSigns(low(f.adverbs), low(f.background_nouns),
                     frozenset(p.lower() for g in f.background_nouns for p in g.preps), low(f.retrospective))


def shows_past(tok: Token, anchor: Token) -> bool:
    """Whether the sentence of the trigger ``tok`` (carried by ``anchor``) tells it as background."""
    signs = past_signs()
    for t in {tok, anchor}:
        if any(c.dep_ == "advmod" and c.lower_ in signs.adverbs for c in t.children):
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in signs.retrospective:
        return True  # "the eighth anniversary of the annexation"
    # "sanctions over its invasion", "throughout the invasion"; not "condemned Russia's invasion",
    # whose object is as often the news itself (train+dev: 5 more background events wrongly flagged)
    return (tok.pos_ == "NOUN" and tok.lemma_.lower() in signs.nouns and anchor.i == tok.i
            and tok.dep_ == "pobj" and tok.head.lower_ in signs.preps)


def historical(date: dt.date | None, granularity: str | None, published: dt.date | None, own_date: bool,
               signs: bool) -> bool:
    """Background: dated a month or more before the article, or undated in its sentence with a sign of the past."""
    if date is not None and published is not None and (published - period_end(date, granularity)).days >= HISTORICAL_DAYS:
        return True
    return signs and not own_date

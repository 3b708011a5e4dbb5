"""One event per fact per article (docs/annotation.md §1): duplicates merged, all their evidence kept.

A fact stated again later in the article (the lead, then the body, then a recap) is one event: the
same type, the same parties (either order for a joint act: a CONSULT of X with Y is one of Y with X),
the same status, the same background flag, compatible dates (equal, or one period holding the
other: "in 2014" and "on 18 March 2014") and places (equal or one unknown). The first statement stays
the event's ``evidence``; the others' sentences go to ``mentions``, in text order. An event with no
party at all is never merged: nothing says two unnamed attacks are one. Two dated statements of
different days stay two events ("shelled Kharkiv on Monday ... again on Wednesday"). A statement
that names only one of the parties ("the invasion of Ukraine", "Russia's invasion") is the same fact
as the article's one event of that type, status and background flag with that party and another
("Russia invaded Ukraine"), when there is exactly one such event.
"""

from __future__ import annotations

from collections.abc import Callable

from barometer.events.argdata import arg_rules
from barometer.events.dates import period_end
from barometer.model import Actor, Event, Span

_RANK = {"year": 3, "month": 2, "week": 1, "day": 0, None: 0}


#: Sectors of a code that are the state itself: "Russia", "the Kremlin" and "Russian forces" are one party.
_STATE = frozenset({"", "GOV", "MIL", "GOVMIL", "MILGOV"})


def _party(actor_id: str | None, actors: Callable[[str], Actor | None]) -> str | None:
    """What a party is for telling facts apart: a state, its government and its forces are the state
    (its country code); any other actor is its code (``HKGCOP`` police and ``HKGMED`` reporters stay two),
    a person or an actor with no code itself (two officials are two parties)."""
    a = actors(actor_id) if actor_id else None
    if a is None or a.kind == "person":
        return actor_id
    code = a.code or a.country
    if not code:
        return actor_id
    if a.country and code.startswith(a.country) and code[len(a.country):] in _STATE:
        return a.country
    return code


def _key(e: Event, joint: frozenset[str], actors: Callable[[str], Actor | None]) -> tuple:
    parties: tuple = (_party(e.source, actors), _party(e.target, actors))
    if e.type in joint:
        parties = tuple(sorted(p or "" for p in parties))
    return e.type, parties, e.status, e.historical


def _dates_agree(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return a.date == b.date
    wide, narrow = (a, b) if _RANK[a.date_granularity] >= _RANK[b.date_granularity] else (b, a)
    return wide.date <= narrow.date <= period_end(wide.date, wide.date_granularity)


def _places_agree(a: Event, b: Event) -> bool:
    return a.place is None or b.place is None or a.place == b.place


def merge_facts(events: list[Event], actors: Callable[[str], Actor | None] | None = None) -> list[Event]:
    """``events`` with each fact once; a merged event keeps every sentence that states it."""
    joint = arg_rules().joint
    actors = actors or (lambda _: None)
    kept: list[Event] = []
    groups: dict[tuple, list[Event]] = {}
    for e in sorted(events, key=lambda x: x.evidence.start):
        if e.source is None and e.target is None:
            kept.append(e)
            continue
        same = groups.setdefault(_key(e, joint, actors), [])
        first = next((k for k in same if _dates_agree(k, e) and _places_agree(k, e)), None)
        if first is None:
            same.append(e)
            kept.append(e)
            continue
        _absorb(first, e)
    kept = _fold_partial(kept, actors)
    kept.sort(key=lambda x: x.evidence.start)
    for i, e in enumerate(kept, 1):
        e.id = f"e{i}"
    return kept


def _absorb(first: Event, other: Event) -> None:
    """Fold ``other``'s statements into ``first`` (the more precise date and the higher confidence win)."""
    seen = {(first.evidence.start, first.evidence.end), *((m.start, m.end) for m in first.mentions)}
    for span in (other.evidence, *other.mentions):
        if (span.start, span.end) not in seen:
            first.mentions.append(Span(start=span.start, end=span.end, text=span.text))
            seen.add((span.start, span.end))
    first.mentions.sort(key=lambda m: m.start)
    if _RANK[other.date_granularity] < _RANK[first.date_granularity]:
        first.date, first.date_granularity = other.date, other.date_granularity
    first.place = first.place or other.place
    first.confidence = max(first.confidence, other.confidence)


def _fold_partial(events: list[Event], actors: Callable[[str], Actor | None]) -> list[Event]:
    """Events with one party missing folded into the single fuller event that has the other one."""
    def same(a: str | None, b: str | None) -> bool:
        return _party(a, actors) == _party(b, actors)

    full = [e for e in events if e.source is not None and e.target is not None]
    out = []
    for e in events:
        if (e.source is None) == (e.target is None):
            out.append(e)
            continue
        fits = [f for f in full if f.type == e.type and f.status == e.status and f.historical == e.historical
                and (same(f.source, e.source) if e.source is not None else same(f.target, e.target))
                and _dates_agree(f, e) and _places_agree(f, e)]
        if len(fits) != 1:
            out.append(e)
            continue
        _absorb(fits[0], e)
    return out

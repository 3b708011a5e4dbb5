"""Actors: recognise and resolve political actors (states, governments, IGOs, people) as of a date.

Public helpers for other stages: :func:`resolve_actors` (the registered stage),
:func:`country_of` (ISO alpha-3 of an actor or code) and :func:`load_kb`.
"""

from __future__ import annotations

from barometer.actors.kb import KB, KBError, load_kb
from barometer.actors.resolver import resolve_actors
from barometer.model import Actor

__all__ = ["KB", "KBError", "country_of", "load_kb", "resolve_actors"]


def country_of(actor: Actor | str | None) -> str | None:
    """ISO alpha-3 country of an actor, or of a CAMEO-style code/KB id ("RUSMIL" -> "RUS").

    IGOs, groups ("WST") and people without a known country give None.
    """
    if actor is None:
        return None
    if isinstance(actor, Actor):
        if actor.country:
            return actor.country
        actor = actor.code or actor.id
    kb = load_kb()
    rec = kb.records.get(actor)
    if rec is not None:
        return rec.country
    head = actor[:3]
    rec = kb.records.get(head)
    return rec.country if rec is not None and rec.kind == "state" else None

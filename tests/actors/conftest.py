"""Helpers for actor tests: resolve a hand-written text as of a date."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(scope="session")
def resolve(nlp):
    from barometer.actors import resolve_actors
    from barometer.model import Article

    def run(text: str, date: str | dt.date | None = "2022-01-28"):
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        layer = resolve_actors(nlp(text), Article(id="t", text=text, published=date))
        for m in layer.mentions:  # the contract every test relies on
            assert m.start < m.end
        for a in layer.actors:
            for s in a.mentions:
                assert text[s.start:s.end] == s.text
        return layer

    return run


def at(layer, text: str, phrase: str, nth: int = 0):
    """The actor whose mention covers the nth occurrence of phrase (None when unresolved)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return layer.by_id(layer.actor_at(start, start + len(phrase)))

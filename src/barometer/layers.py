"""Typed layers that stages hand to later stages (beyond the public model).

The public ``Analysis`` holds what users see; these hold what stages need from each other while
the spaCy ``Doc`` is still alive, e.g. which tokens were resolved to which actor and by which rule.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from barometer.model import Actor, Article, Place, Quote, TimeRef


@dataclass(frozen=True)
class ActorMention:
    """One resolved mention: characters [start, end) of the clean text refer to ``actor_id``."""

    start: int
    end: int
    actor_id: str
    rule: str
    confidence: float = 1.0


@dataclass
class ActorLayer:
    actors: list[Actor] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    _cache_key: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)
    _cache: tuple = field(default=((), (), 0), init=False, repr=False, compare=False)

    def by_id(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def mention_at(self, start: int, end: int) -> ActorMention | None:
        """The mention that best covers the character range (largest overlap, then shortest, then
        the earliest added)."""
        starts, ordered, longest = self._index()
        best: tuple[int, int, int] | None = None
        found: ActorMention | None = None
        # only mentions starting before ``end`` and less than the longest mention before ``start`` can overlap
        for k in range(bisect_right(starts, start - longest), bisect_left(starts, end)):
            i, m = ordered[k]
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            key = (overlap, m.start - m.end, -i)
            if best is None or key > best:
                best, found = key, m
        return found

    def _index(self) -> tuple[list[int], list[tuple[int, ActorMention]], int]:
        """Mentions sorted by start (with their position in ``mentions``), rebuilt when the list
        changes. Why: the event coder and the quote stage ask ~130 times per article, and a scan of
        every mention made ``mention_at`` the dearest function after spaCy's own (bench/stage_cpu.py)."""
        key = (id(self.mentions), len(self.mentions))
        if self._cache_key != key:
            ordered = sorted(enumerate(self.mentions), key=lambda im: im[1].start)
            self._cache = ([m.start for _, m in ordered], ordered,
                           max((m.end - m.start for m in self.mentions), default=0))
            self._cache_key = key
        return self._cache

    def actor_at(self, start: int, end: int) -> str | None:
        m = self.mention_at(start, end)
        return m.actor_id if m else None


@dataclass
class EventContext:
    """Everything the event coder reads besides the Doc."""

    article: Article
    actors: ActorLayer
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    @property
    def published(self) -> dt.date | None:
        return self.article.published

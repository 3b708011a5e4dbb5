"""Typed layers that stages hand to later stages (beyond the public model).

The public ``Analysis`` holds what users see; these hold what stages need from each other while
the spaCy ``Doc`` is still alive, e.g. which tokens were resolved to which actor and by which rule.
"""

from __future__ import annotations

import datetime as dt
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

    def by_id(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def mention_at(self, start: int, end: int) -> ActorMention | None:
        """The mention that best covers the character range (largest overlap, then shortest)."""
        best: tuple[int, int, ActorMention] | None = None
        for m in self.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            key = (overlap, -(m.end - m.start))
            if best is None or key > best[:2]:
                best = (key[0], key[1], m)
        return best[2] if best else None

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

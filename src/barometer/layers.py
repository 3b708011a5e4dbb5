"""Typed layers that stages hand to later stages (beyond the public model).

The public ``Analysis`` holds what users see; these hold what stages need from each other while
the spaCy ``Doc`` is still alive, e.g. which tokens were resolved to which actor and by which rule.

A stage reads the layers it declares in ``requires`` and returns the one it ``assigns`` (see
``barometer.registry``). What one stage asks of another's output is a method of that output's
layer — ``TimeLayer.governing(token)``, ``PlaceLayer.for_span(start, end)``,
``ActorLayer.local_group(...)`` — so a stage never imports another stage's implementation, and a
stage swapped by its registry name is the one the others talk to.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from barometer.model import Actor, Amount, Article, Event, Place, Quote, TimeRef
from barometer.model import Span as Span_
from barometer.nlp.syntax import governing_place, governing_time

#: The layers, in the order the pipeline assigns them (``article`` is there before any stage runs).
LAYERS = ("article", "actors", "times", "amounts", "places", "quotes", "events")


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

    # -- what later stages may ask the actor stage to add (its own layer class answers) ----------
    def local_group(self, head: Token | None, places: Sequence[Place], group_nouns: frozenset[str],
                    sectors: dict[str, str]) -> str | None:
        """The id of an article-local group actor for a group noun that names where it is ("rebels in
        Chad"), added to this layer, or None. The plain layer adds nothing; the v1 actor stage's layer
        (``barometer.actors.local.ArticleActorLayer``) does."""
        return None

    def group_in_country(self, actor_id: str, country: str) -> str | None:
        """The id of an article-local actor for the countryless group ``actor_id`` of ``country``,
        added to this layer, or None (the plain layer adds nothing; see ``ArticleActorLayer``)."""
        return None

    def fill_person_country(self, actor_id: str | None, sent: Span_, doc: Doc, others: set[str],
                            place: str | None, places: Sequence[Place]) -> None:
        """Give an article-local person with no country the country its sentence puts it in (the
        plain layer leaves it alone; see ``ArticleActorLayer``)."""


class TimeLayer(list[TimeRef]):
    """The time stage's layer: its resolved time expressions (a list), and what later stages ask of them."""

    def governing(self, token: Token) -> TimeRef | None:
        """The dated expression that governs the clause of ``token`` (never a duration or a reference
        year), or None: ``nlp.syntax.governing_time``."""
        return governing_time(self, token)

    def claimed(self) -> list[tuple[int, int]]:
        """The character ranges the time expressions take (the amount stage reads no number there)."""
        return [(t.start, t.end) for t in self]


class PlaceLayer(list[Place]):
    """The place stage's layer: its places (a list) over ``doc``, and what later stages ask of them."""

    def __init__(self, places: Iterable[Place] = (), doc: Doc | None = None) -> None:
        super().__init__(places)
        self.doc = doc

    def for_span(self, start: int, end: int, doc: Doc | None = None) -> str | None:
        """The name of the place the clause of the trigger at characters [start, end) puts the event
        in, or None: ``nlp.syntax.governing_place``."""
        return governing_place(self, start, end, doc if doc is not None else self.doc)


@dataclass
class Layers:
    """Everything the stages have made of one article so far: what a stage reads besides the Doc."""

    article: Article
    actors: ActorLayer = field(default_factory=ActorLayer)
    times: TimeLayer = field(default_factory=TimeLayer)
    amounts: list[Amount] = field(default_factory=list)
    places: PlaceLayer = field(default_factory=PlaceLayer)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.times, TimeLayer):
            self.times = TimeLayer(self.times)
        if not isinstance(self.places, PlaceLayer):
            self.places = PlaceLayer(self.places)

    @property
    def published(self) -> dt.date | None:
        return self.article.published

    def assign(self, name: str, value: object, doc: Doc | None = None) -> None:
        """Set the layer a stage returned (a plain list of times or places becomes its layer class)."""
        if name == "times" and not isinstance(value, TimeLayer):
            value = TimeLayer(value)  # type: ignore[arg-type]
        elif name == "places" and not isinstance(value, PlaceLayer):
            value = PlaceLayer(value, doc)  # type: ignore[arg-type]
        setattr(self, name, value)


#: The name the event coder's argument had before every stage read ``Layers``.
EventContext = Layers

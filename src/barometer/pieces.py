"""Long documents in bounded pieces: split a clean text at paragraph breaks, merge the pieces' analyses.

Why: one spaCy ``Doc`` over a whole document costs memory in proportion to it and more than linear
time (985k characters: 98 s and 3.4 GB; over 1,000,000 characters spaCy refuses it with E088).
A text longer than the ``piece_chars`` setting is cut into pieces of whole paragraphs (a paragraph
longer than a piece is cut at a sentence end, else at a space), the pieces go through ``nlp.pipe``
one small batch at a time, each is analysed alone, and its spans are shifted by the piece's offset
in the clean text, so every offset still points into ``article.text``. Actors the pieces share (the
same knowledge-base record, code, name, kind, country and sector) become one actor; every other id is
renumbered so that ids stay unique. What a piece does not see is the other pieces: an actor named
in one and referred to in the next is resolved per piece. Texts under ``piece_chars`` (every article
of the news corpora: the longest has 26,754 characters) are analysed whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from barometer.model import Actor, Analysis, Article

_PARAGRAPH_BREAK = re.compile(r"\n\n+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """(start, end) of pieces of at most ``limit`` characters covering the paragraph ``text[start:end]``,
    cut at the last sentence end (else the last space, else anywhere) before the limit."""
    while end - start > limit:
        window = text[start:start + limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends and ends[-1] > limit // 2 else (window.rfind(" ") + 1 or limit)
        if cut <= limit // 4:
            cut = limit
        piece_end = start + cut
        stripped = piece_end
        while stripped > start and text[stripped - 1].isspace():
            stripped -= 1
        yield start, stripped
        start = piece_end
    if end > start:
        yield start, end


def split_pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) offsets of pieces of whole paragraphs, each at most ``limit`` characters (one
    piece when the text is not longer). Paragraph breaks between pieces belong to none."""
    if len(text) <= limit:
        return [(0, len(text))]
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(text)))
    pieces: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for start, end in paragraphs:
        if end - start > limit:
            if cur:
                pieces.append(cur)
                cur = None
            pieces.extend(_cut(text, start, end, limit))
        elif cur is None:
            cur = (start, end)
        elif end - cur[0] <= limit:
            cur = (cur[0], end)
        else:
            pieces.append(cur)
            cur = (start, end)
    if cur:
        pieces.append(cur)
    return [p for p in pieces if p[1] > p[0]]


def piece_article(article: Article, start: int, end: int) -> Article:
    """The article as one piece sees it: its metadata, the piece's text."""
    return article.model_copy(update={"text": article.text[start:end]})


_OFFSETS = ("start", "end", "cue_start", "cue_end")


def _shift(obj: Any, offset: int, seen: set[int]) -> None:
    """Add ``offset`` to every character offset of a model and of the models it holds (in place; an
    object two items share, such as one ``Span``, is shifted once)."""
    if isinstance(obj, list):
        for x in obj:
            _shift(x, offset, seen)
        return
    if not isinstance(obj, BaseModel) or id(obj) in seen:
        return
    seen.add(id(obj))
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if name in _OFFSETS and isinstance(value, int):
            object.__setattr__(obj, name, value + offset)
        elif isinstance(value, (BaseModel, list)):
            _shift(value, offset, seen)


def _actor_key(a: Actor) -> tuple:
    return a.kb_id, a.code, a.name, a.kind, a.country, a.sector


class Merger:
    """Accumulates the analyses of an article's pieces into one analysis of the whole article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.out = Analysis(article=article)
        self._actors: dict[tuple, Actor] = {}
        self._ids: set[str] = set()

    def _fresh(self, prefix: str, wanted: str) -> str:
        new = wanted if wanted not in self._ids else f"{prefix}{len(self._ids) + 1}"
        while new in self._ids:
            new += "x"
        self._ids.add(new)
        return new

    def add(self, piece: Analysis, offset: int) -> None:
        """Take one piece's analysis (its offsets relative to the piece starting at ``offset``)."""
        _shift([piece.actors, piece.events, piece.quotes, piece.amounts, piece.times, piece.places], offset, set())
        actor_ids: dict[str, str] = {}
        for a in piece.actors:
            known = self._actors.get(_actor_key(a))
            if known is not None:
                known.mentions.extend(a.mentions)
                actor_ids[a.id] = known.id
                continue
            new_id = self._fresh("a", a.id)
            actor_ids[a.id] = new_id
            merged = a.model_copy(update={"id": new_id})
            self._actors[_actor_key(a)] = merged
            self.out.actors.append(merged)
        quote_ids = {q.id: self._fresh("q", q.id) for q in piece.quotes}
        for q in piece.quotes:
            self.out.quotes.append(q.model_copy(update={
                "id": quote_ids[q.id], "speaker": actor_ids.get(q.speaker, q.speaker),
                "reported_by": actor_ids.get(q.reported_by, q.reported_by)}))
        for e in piece.events:
            self.out.events.append(e.model_copy(update={
                "id": self._fresh("e", e.id), "source": actor_ids.get(e.source, e.source),
                "target": actor_ids.get(e.target, e.target), "said_by": actor_ids.get(e.said_by, e.said_by),
                "quote": quote_ids.get(e.quote, e.quote)}))
        for m in piece.amounts:
            self.out.amounts.append(m.model_copy(update={"actor": actor_ids.get(m.actor, m.actor)}))
        self.out.times.extend(piece.times)
        self.out.places.extend(piece.places)

    def result(self, warnings: list[str]) -> Analysis:
        self.out.warnings = list(warnings)
        return self.out

"""The resolver's per-article working state, shared by its passes and by coreference.

Why its own module: the resolver's passes (``aliases``, ``descriptions``, ``people``) and
``coref`` all read and extend the same mentions; with the state here, coreference no longer
imports the resolver that calls it (the import cycle between ``coref`` and ``resolver`` is gone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from barometer.actors.kb import KB
from barometer.model import Actor


@dataclass
class Info:
    """What the resolver and coreference know about an actor in this article."""

    actor: Actor
    gender: str | None = None
    kinds: tuple[str, ...] = ()
    plural: bool = False


@dataclass
class Mention:
    start: int  # token indices [start, end)
    end: int
    actor_id: str
    rule: str
    confidence: float = 1.0
    head: int | None = None  # token index of the syntactic head, for coreference


@dataclass
class State:
    """Per-article working state."""

    doc: Doc
    kb: KB
    on: dt.date
    infos: dict[str, Info] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)
    #: records named by a strong alias somewhere in the article (a full name, not a bare surname)
    strong: set[str] = field(default_factory=set)
    #: the article's title when it is not part of the text (the main country reads it)
    title: str | None = None

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.taken for i in range(start, end))

    def add(self, start: int, end: int, info: Info, rule: str, confidence: float = 1.0) -> None:
        aid = info.actor.id
        if aid not in self.infos:
            self.infos[aid] = info
        span = self.doc[start:end]
        self.mentions.append(Mention(start, end, aid, rule, confidence, span.root.i))
        self.taken.update(range(start, end))


@dataclass
class Anaphor:
    start: int
    end: int
    kinds: tuple[str, ...]


def head_token(st: State, m: Mention) -> Token:
    return st.doc[m.head if m.head is not None else m.start]


def local_by_surname(st: State, name: str) -> Info | None:
    """'Smith' after 'John Smith' is the same article-local person."""
    words = name.split()
    for info in st.infos.values():
        if info.actor.kind == "person" and info.actor.kb_id is None:
            other = info.actor.name.split()
            # "Van Schaack" after "Beth Van Schaack": one name is the end of the other
            short, long_ = sorted((words, other), key=len)
            if info.actor.name == name or (short[-1] == long_[-1] and long_[-len(short):] == short
                                           and (len(short) == 1 or len(long_) > len(short))):
                return info
    return None

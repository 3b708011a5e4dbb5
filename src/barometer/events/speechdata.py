"""The statement table of ``data/events/speech_acts.yaml``: its file model, validated at load, and the
index ``events/speech.py`` reads it through (``speech_acts()`` there loads it)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator

from barometer.data import DataFile, Strict, load_data
from barometer.errors import KnowledgeBaseError
from barometer.events.lexicon import lexicon
from barometer.events.ontology import ontology

#: PLOVER types that are acts of saying: a statement's act is one of these.
SPEECH_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE"})


class Act(Strict):
    id: str
    type: str
    mode: str | None = None
    cameo: str


class CueAct(Act):
    """A cue word that decides the act by itself."""

    lemmas: list[str] = Field(min_length=1)
    replaces: list[str] = []
    needs_target: bool = False


class NeutralCue(Strict):
    """Cue words without an act of their own whose trigger readings yield on a statement."""

    id: str
    lemmas: list[str] = Field(min_length=1)
    replaces: list[str] = []


class ContentAct(Act):
    """An act the reported words decide (fields at the top of the data file)."""

    phrases: list[str] = []
    cues: list[str] = []
    subject: Literal["any", "other", "self", "actor"] = "any"
    target: Literal["subject", "agent", "object", "possessor", "claimant", "none"] = "none"
    needs_target: bool = False
    #: an unnamed other party ("someone", "those who ...", "foreign powers": ``unnamed`` words) also holds
    #: as the subject `other`, with no target: gold codes "someone wants to provoke a war" speaker -> None
    unnamed: bool = False


class Referring(Strict):
    """A word list: nouns that refer back to what someone said ("condemned his remarks": the target is
    its speaker), verbs that label their object ("called X a crime": X's doer is accused)."""

    id: str
    words: list[str] = Field(min_length=1)


class SpeechActsFile(DataFile):
    """``data/events/speech_acts.yaml``."""

    VERSION = 2
    cues: list[CueAct]
    neutral: list[NeutralCue] = []
    content: list[ContentAct]
    statements: Referring | None = None
    labelling: Referring | None = None
    unnamed: Referring | None = None
    deeds: Referring | None = None

    @model_validator(mode="after")
    def _codes(self) -> SpeechActsFile:
        onto = ontology()
        seen: dict[str, str] = {}
        for e in (*self.cues, *self.content):
            if e.type not in SPEECH_TYPES:
                raise ValueError(f"{e.id}: {e.type} is no act of saying ({', '.join(sorted(SPEECH_TYPES))})")
            if e.cameo not in onto.cameo or onto.plover_for(e.cameo) != e.type:
                raise ValueError(f"{e.id}: CAMEO {e.cameo} is not a {e.type} code")
        for e in (*self.cues, *self.neutral):
            for lem in e.lemmas:
                if lem in seen:
                    raise ValueError(f"{e.id}: cue {lem!r} is already listed under {seen[lem]}")
                seen[lem] = e.id
        return self


class SpeechActs:
    """The validated table, indexed (``speech_acts()``)."""

    def __init__(self, data: SpeechActsFile) -> None:
        self.data = data
        self.cue_acts = {lem: e for e in data.cues for lem in e.lemmas}
        self.neutral = {lem: e for e in data.neutral for lem in e.lemmas}
        self.replaces = {lem: frozenset(e.replaces) for e in (*data.cues, *data.neutral) for lem in e.lemmas}
        self.patterns = {e.id: _phrase_re(e.phrases) for e in data.content if e.phrases}
        self.statement_nouns = frozenset(data.statements.words) if data.statements else frozenset()
        self.labelling = frozenset(data.labelling.words) if data.labelling else frozenset()
        self.unnamed = frozenset(data.unnamed.words) if data.unnamed else frozenset()
        self.deed_nouns = frozenset(data.deeds.words) if data.deeds else frozenset()



def _phrase_re(phrases: list[str]) -> re.Pattern:
    parts = []
    for p in phrases:
        words = [r"\w+" if w == "*" else re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "")
                 for w in p.lower().split()]
        parts.append(r"(?<![\w-])" + r"\s+".join(words) + r"\b")  # "counter-terrorism" is no "terrorism"
    return re.compile("|".join(f"(?:{x})" for x in parts))


DATA = "events/speech_acts.yaml"


@lru_cache(maxsize=1)
def speech_acts() -> SpeechActs:
    data = load_data(DATA, SpeechActsFile)
    lex = lexicon()
    ids = {t.id: t for ts in lex.by_key.values() for t in ts}
    for e in (*data.cues, *data.neutral):
        for rid in e.replaces:
            if rid not in ids:
                raise KnowledgeBaseError(f"{DATA}: {e.id}: replaces {rid!r}, which is no entry of events/triggers.yaml")
    for e in data.cues:  # a cue the trigger lexicon always codes as this act would be coded twice
        for lem in e.lemmas:
            dup = [t.id for t in lex.candidates(lem, "VERB") + lex.candidates(lem, "NOUN")
                   if t.type == e.type and t.specificity == 1 and t.id not in e.replaces]
            if dup:
                raise KnowledgeBaseError(f"{DATA}: {e.id}: {lem!r} is already a {e.type} trigger ({dup[0]})")
    return SpeechActs(data)

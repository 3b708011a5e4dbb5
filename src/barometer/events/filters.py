"""Precision filters: wordings in which a trigger word codes no event (``data/events/filters.yaml``).

Why data: "a hostile attack on his reputation", "took place", "declined to comment", "the coronavirus
has killed six people" use trigger words that code nothing; each such reading is one entry with an
id and the reason it is no event, so an analyst can see, extend or drop it. A filter names the
triggers it applies to (by rule id, PLOVER type or lemma) and the conditions on the parse that make
the reading; when all of them hold, that trigger does not fire on the token (another entry of the
lexicon still may).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from barometer.data import DataFile, Strict, load_data
from barometer.errors import KnowledgeBaseError
from barometer.events import arguments as A
from barometer.events.ontology import ontology

if TYPE_CHECKING:
    from barometer.events.lexicon import Trigger

#: Prepositions whose object states what caused a death or damage ("killed in a crash").
CAUSE_PREPS = ("in", "by", "from", "during", "after", "of", "amid")


class FilterSpec(Strict):
    """One entry of ``filters.yaml`` (fields documented at the top of the file and in docs/rules.md)."""

    id: str
    reason: str
    rule: list[str] = []
    type: list[str] = []
    lemma: list[str] = []
    pos: list[str] = []
    object_any: list[str] = []
    prep_any: list[str] = []
    particle: list[str] = []
    subject_any: list[str] = []
    modifier_any: list[str] = []
    cause_any: list[str] = []
    complement_any: list[str] = []
    dep_any: list[str] = []
    head_any: list[str] = []
    child_dep_any: list[str] = []
    complement_mark: list[str] = []
    infinitive: bool = False
    passive: bool | None = None
    no_actor_object: bool = False


class FiltersFile(DataFile):
    """``data/events/filters.yaml``."""

    VERSION = 1
    filters: list[FilterSpec]


@dataclass(frozen=True)
class Filter:
    id: str
    rules: frozenset[str]
    types: frozenset[str]
    lemmas: frozenset[str]
    pos: frozenset[str]
    object_any: frozenset[str]
    prep_any: frozenset[str]
    particle: frozenset[str]
    subject_any: frozenset[str]
    modifier_any: frozenset[str]
    cause_any: frozenset[str]
    complement_any: frozenset[str]
    dep_any: frozenset[str]
    head_any: frozenset[str]
    child_dep_any: frozenset[str]
    complement_mark: frozenset[str]
    infinitive: bool
    passive: bool | None
    no_actor_object: bool

    def applies(self, trig_id: str, trig_type: str, lemma: str, pos: str) -> bool:
        if self.rules and trig_id not in self.rules:
            return False
        if self.types and trig_type not in self.types:
            return False
        if self.lemmas and lemma not in self.lemmas:
            return False
        return not self.pos or pos in self.pos


def _low(items: list[str]) -> frozenset[str]:
    return frozenset(x.lower() for x in items)


def object_words(tok: Token) -> set[str]:
    """Lemmas of what a trigger acts on: its objects and complements, the objects of its prepositions
    (never the "by" agent, who is the doer), and for a noun its modifiers."""
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "attr", "oprd", "nsubjpass", "xcomp", "ccomp", "acomp", "npadvmod"):
            words.update(t.lemma_.lower() for t in c.subtree)
            words.add(c.lemma_.lower())
        elif c.dep_ == "prep" or (c.dep_ == "prt" and c.pos_ == "ADP"):
            words.update(t.lemma_.lower() for t in c.subtree if t.i != c.i)
    if tok.pos_ == "NOUN":
        words.update(c.lemma_.lower() for c in tok.children)
    elif _acts_on_head(tok):
        head = tok.head  # "the naval mines laid by Kyiv", "Western-supplied weapons", "measures, which it dropped"
        words.add(head.lemma_.lower())
        words.update(c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod"))
    return words


#: Relative pronouns that stand for the noun a relative clause modifies.
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})


def _acts_on_head(tok: Token) -> bool:
    """A verb whose object is the noun it modifies: a past participle ("the mines laid by Kyiv", "the
    recently-captured city") or a relative clause whose object or passive subject is the relative
    pronoun ("the measures, which the government dropped")."""
    if tok.head.i == tok.i or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
        return True
    return tok.dep_ == "relcl" and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS
                                       for c in tok.children)


def _cause_words(tok: Token) -> set[str]:
    """Heads of what did it: the active subject, the passive agent, the objects of in/by/from/... and,
    for a noun, its possessor and modifiers ("the virus's toll", "storm damage")."""
    words: set[str] = set()
    subj, passive = A.subject(tok)
    if subj is not None and not passive:
        words.update(t.lemma_.lower() for t in subj.subtree)
    if (ag := A.agent(tok)) is not None:
        words.update(t.lemma_.lower() for t in ag.subtree)
    for p in A.pobjs(tok, CAUSE_PREPS):
        words.update(t.lemma_.lower() for t in p.subtree)
    if tok.pos_ == "NOUN":
        words.update(c.lemma_.lower() for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod"))
    return words


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "amod"))


def entry_fires(trig: Trigger, tok: Token) -> bool:
    """A trigger entry's argument constraints hold on ``tok`` (``matches`` plus ``exclude_object``):
    the entry would fire there."""
    if trig.exclude_object and object_words(tok) & trig.exclude_object:
        return False
    return matches(trig, tok)


def matches(f: Filter | Trigger, tok: Token, ctx=None) -> bool:  # noqa: ANN001 - EventContext | None
    """Whether every condition of ``f`` (a filter, or a trigger entry's constraints) holds on ``tok``."""
    if f.dep_any and tok.dep_ not in f.dep_any:
        return False
    if f.head_any and tok.head.lemma_.lower() not in f.head_any:
        return False
    if f.child_dep_any and not any(c.dep_ in f.child_dep_any for c in tok.children):
        return False
    if f.complement_mark and not any(c.dep_ in ("ccomp", "advcl", "xcomp") and any(
            k.dep_ == "mark" and k.lower_ in f.complement_mark for k in c.children) for c in tok.children):
        return False
    if f.infinitive and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if f.passive is not None and _passive(tok) != f.passive:
        return False
    if f.particle and not any(c.dep_ == "prt" and c.lower_ in f.particle for c in tok.children):
        return False
    if f.prep_any and not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in f.prep_any for c in tok.children):
        return False
    if f.modifier_any and not {c.lemma_.lower() for c in tok.children} & f.modifier_any:
        return False
    if f.object_any and not object_words(tok) & f.object_any:
        return False
    if f.complement_any and not {c.lemma_.lower() for c in tok.children
                                 if c.dep_ in ("xcomp", "ccomp", "dobj", "oprd")} & f.complement_any:
        return False
    if f.subject_any:
        subj, _ = A.subject(tok)
        if subj is None or not {t.lemma_.lower() for t in subj.subtree} & f.subject_any:
            return False
    if f.cause_any and not _cause_words(tok) & f.cause_any:
        return False
    if f.no_actor_object:
        if ctx is None:
            return False
        objs = A.children(tok, ("dobj",)) + A.pobjs(tok, ("with", "to", "on", "against", "at"))
        if any(A.actors_of(ctx, o) for o in objs):
            return False
    return True


@dataclass(frozen=True)
class Filters:
    by_lemma: dict[str, tuple[Filter, ...]]
    general: tuple[Filter, ...]  # filters that name no lemma (by rule or type)

    def blocking(self, tok: Token, lemma: str, trig_id: str, trig_type: str, ctx=None) -> str | None:  # noqa: ANN001
        """The id of the first filter that rules trigger ``trig_id`` out on ``tok``, else None."""
        for f in (*self.by_lemma.get(lemma, ()), *self.general):
            if f.applies(trig_id, trig_type, lemma, tok.pos_) and matches(f, tok, ctx):
                return f.id
        return None


def parse_filters(data: FiltersFile, trigger_ids: frozenset[str] | None = None) -> Filters:
    onto = ontology()
    by_lemma: dict[str, list[Filter]] = {}
    general: list[Filter] = []
    for s in data.filters:
        if not (s.rule or s.type or s.lemma):
            raise KnowledgeBaseError(f"events/filters.yaml: {s.id}: names no rule, type or lemma")
        for t in s.type:
            if t not in onto:
                raise KnowledgeBaseError(f"events/filters.yaml: {s.id}: unknown PLOVER type {t}")
        if trigger_ids is not None and (unknown := set(s.rule) - trigger_ids):
            raise KnowledgeBaseError(f"events/filters.yaml: {s.id}: unknown trigger ids {sorted(unknown)}")
        f = Filter(id=s.id, rules=frozenset(s.rule), types=frozenset(s.type), lemmas=_low(s.lemma),
                   pos=frozenset(s.pos), object_any=_low(s.object_any), prep_any=_low(s.prep_any),
                   particle=_low(s.particle), subject_any=_low(s.subject_any), modifier_any=_low(s.modifier_any),
                   cause_any=_low(s.cause_any), complement_any=_low(s.complement_any), dep_any=frozenset(s.dep_any),
                   head_any=_low(s.head_any), child_dep_any=frozenset(s.child_dep_any),
                   complement_mark=_low(s.complement_mark), infinitive=s.infinitive, passive=s.passive,
                   no_actor_object=s.no_actor_object)
        if f.lemmas:
            for lemma in f.lemmas:
                by_lemma.setdefault(lemma, []).append(f)
        else:
            general.append(f)
    return Filters({k: tuple(v) for k, v in by_lemma.items()}, tuple(general))


@lru_cache(maxsize=1)
def filters() -> Filters:
    from barometer.events.lexicon import lexicon

    ids = frozenset(t.id for ts in lexicon().by_key.values() for t in ts)
    return parse_filters(load_data("events/filters.yaml", FiltersFile), ids)

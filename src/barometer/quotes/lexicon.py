"""The cue lexicon (data/quotes/cues.yaml) as typed records, loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from barometer.data import DataFile, Strict, load_data
from barometer.errors import KnowledgeBaseError


class CueSpec(Strict):
    """A cue verb, speech noun or stance adjective of ``cues.yaml`` (frames in docs/rules.md)."""

    id: str
    lemma: str
    clause: bool = True
    infinitive: bool = False
    object: bool = False
    preps: list[str] = []
    particles: list[str] = []
    forms: list[str] = []
    #: objects that make the verb an act, not a saying ("claimed responsibility", "declared victory")
    acts: list[str] = []


class _Phrase(Strict):
    id: str
    words: list[str] = []
    lemma: str | None = None
    nouns: list[str] = []


class _Phrases(Strict):
    according_to: _Phrase
    citing: _Phrase
    in_source: _Phrase | None = None


class _Frame(Strict):
    id: str


class _Filter(Strict):
    """A class of cues the news guide does not count as quotations (``quotation:`` in cues.yaml)."""

    id: str
    cues: list[str]


class _Predicate(Strict):
    id: str
    cues: list[str]
    preps: list[str]


class _Filters(Strict):
    mental: _Filter
    acts: _Filter
    stance: _Filter
    predicate: _Predicate | None = None


class CuesFile(DataFile):
    """``data/quotes/cues.yaml``."""

    verbs: list[CueSpec]
    nouns: list[CueSpec] = []
    adjectives: list[CueSpec] = []
    phrases: _Phrases
    frames: dict[str, _Frame] = {}
    dashes: list[str] = []
    documents: list[str] = []
    bodies: dict[str, list[str]] = {}
    events: list[str] = []
    quotation: _Filters | None = None


@dataclass(frozen=True)
class CueVerb:
    id: str
    lemma: str
    clause: bool = True
    infinitive: bool = False
    object: bool = False
    preps: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # surface forms the tagger lemmatises wrongly ("hoping" -> "hop")


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, CueVerb]  # lemma -> its first entry
    according_to_id: str
    citing_id: str
    dashes: tuple[str, ...] = field(default=())
    documents: frozenset[str] = field(default=frozenset())
    #: generic body noun -> the nouns of a body's name it may stand for ("the office" -> the embassy)
    bodies: dict[str, frozenset[str]] = field(default_factory=dict)
    #: nouns of happenings, never a speaker ("how the attack unfolded, stating …")
    events: frozenset[str] = field(default_factory=frozenset)
    frames: dict[str, tuple[CueVerb, ...]] = field(default_factory=dict)  # lemma or form -> every entry
    that_clause_id: str | None = None  # frame: any main verb + that-clause with its own subject
    nouns: dict[str, CueVerb] = field(default_factory=dict)  # lemma -> speech noun ("claim that ...")
    adjectives: dict[str, CueVerb] = field(default_factory=dict)  # lemma -> stance adjective ("critical of")
    in_source_id: str | None = None  # "In a CNN poll, Clinton leads …": the poll is the source
    in_sources: frozenset[str] = field(default_factory=frozenset)
    #: cue id -> the filter that makes it no quotation (mental states, acts)
    not_quotation: dict[str, str] = field(default_factory=dict)
    #: cue id -> the filter that makes it a quotation only with a clause of its own (stance verbs)
    clause_only: dict[str, str] = field(default_factory=dict)
    #: cue id -> prepositions whose object is the published content ("blamed X for the attack")
    predicate: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: cue id -> object lemmas that make it an act, not a quotation (``acts:`` of a verb entry)
    act_objects: dict[str, frozenset[str]] = field(default_factory=dict)

    def entries(self, lemma: str, form: str) -> tuple[CueVerb, ...]:
        """Every cue entry of a verb token (a lemma may have several: "point out", "point to")."""
        return self.frames.get(lemma) or self.frames.get(form, ())


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    raw = load_data("quotes/cues.yaml", CuesFile)
    verbs: dict[str, CueVerb] = {}
    frames: dict[str, tuple[CueVerb, ...]] = {}
    for v in raw.verbs:
        entry = CueVerb(id=v.id, lemma=v.lemma, clause=v.clause, infinitive=v.infinitive, object=v.object,
                        preps=tuple(v.preps), particles=tuple(v.particles), forms=tuple(v.forms))
        verbs.setdefault(entry.lemma, entry)
        for key in (entry.lemma, *entry.forms):
            frames[key] = (*frames.get(key, ()), entry)
    nouns, adjectives = _by_lemma(raw.nouns), _by_lemma(raw.adjectives)
    phrases = raw.phrases
    that_clause = raw.frames.get("that_clause")
    known = {v.id for v in (*raw.verbs, *raw.nouns, *raw.adjectives)}
    not_quotation: dict[str, str] = {}
    clause_only: dict[str, str] = {}
    predicate: dict[str, tuple[str, ...]] = {}
    if raw.quotation is not None and raw.quotation.predicate is not None:
        for cid in raw.quotation.predicate.cues:
            if cid not in known:
                raise KnowledgeBaseError(f"quotes/cues.yaml: {raw.quotation.predicate.id}: {cid!r} is no cue of this file")
            predicate[cid] = tuple(raw.quotation.predicate.preps)
    if raw.quotation is not None:
        for f, into in ((raw.quotation.mental, not_quotation), (raw.quotation.acts, not_quotation),
                        (raw.quotation.stance, clause_only)):
            for cid in f.cues:
                if cid not in known:
                    raise KnowledgeBaseError(f"quotes/cues.yaml: {f.id}: {cid!r} is no cue of this file")
                into[cid] = f.id
    return CueLexicon(verbs=verbs, according_to_id=phrases.according_to.id,
                      citing_id=phrases.citing.id, dashes=tuple(raw.dashes),
                      documents=frozenset(raw.documents), frames=frames,
                      bodies={k: frozenset((k, *v)) for k, v in raw.bodies.items()}, events=frozenset(raw.events),
                      that_clause_id=that_clause.id if that_clause else None, nouns=nouns, adjectives=adjectives,
                      in_source_id=phrases.in_source.id if phrases.in_source else None,
                      in_sources=frozenset(phrases.in_source.nouns if phrases.in_source else ()),
                      not_quotation=not_quotation, clause_only=clause_only, predicate=predicate,
                      act_objects={v.id: frozenset(v.acts) for v in raw.verbs if v.acts})


def _by_lemma(items: list[CueSpec]) -> dict[str, CueVerb]:
    """Speech nouns or stance adjectives of cues.yaml, by lemma (their frames read like a verb's)."""
    return {n.lemma: CueVerb(id=n.id, lemma=n.lemma, clause=n.clause, infinitive=n.infinitive, preps=tuple(n.preps))
            for n in items}

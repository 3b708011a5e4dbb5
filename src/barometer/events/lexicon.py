"""Trigger lexicon and modality cues, loaded and validated from ``data/events/*.yaml``.

Why data: the words that express an event and the cues that change its status are knowledge,
not code; keeping them in YAML with ids lets an analyst extend them and lets every event name
the entry that produced it. The files are read through ``barometer.data.load_data``: unknown keys
and duplicate ids are rejected so a typo cannot silently disable a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from barometer.data import DataFile, Strict, load_data
from barometer.errors import KnowledgeBaseError
from barometer.events.ontology import ontology

DEFAULT_TARGET_PREPS = frozenset({"with", "on", "to", "against", "upon", "at", "into", "in"})


class TriggerSpec(Strict):
    """One entry of ``triggers.yaml`` (fields documented at the top of the file and in docs/rules.md)."""

    id: str
    lemma: list[str]
    pos: list[str]
    type: str
    mode: str | None = None
    cameo: str | None = None
    context: list[str] | None = None
    object_any: list[str] | None = None
    prep_any: list[str] | None = None
    particle: list[str] | None = None
    subject_any: list[str] | None = None
    exclude_object: list[str] | None = None
    modifier_any: list[str] | None = None
    head_any: list[str] | None = None
    dep_any: list[str] | None = None
    child_dep_any: list[str] | None = None
    target_prep: list[str] | None = None
    needs_between: bool = False
    needs_actor_arg: bool = False
    needs_light: bool = False
    needs_target: bool = False
    needs_source: bool = False
    symmetric: bool = False
    theme_object: bool = False
    converse: bool = False
    from_speaker: bool = False
    passive: bool | None = None


class TriggersFile(DataFile):
    """``data/events/triggers.yaml``."""

    VERSION = 2
    light_verbs: list[str]
    group_nouns: list[str] = []
    document_nouns: list[str] = []
    group_sectors: dict[str, list[str]] = {}
    triggers: list[TriggerSpec]


class _Cues(Strict):
    """A section of ``modality.yaml``: the status it sets (``id``) and its cue words."""

    id: str
    words: list[str] = []
    verbs: list[str] = []
    nouns: list[str] = []
    marks: list[str] = []
    phrases: list[list[str]] = []
    hypothetical_nouns: list[str] = []
    condition_verbs: list[str] = []
    aux: list[str] = []
    modifiers: list[str] = []


class DerivationSpec(Strict):
    """A ``derived`` rule of ``modality.yaml`` (see events/derived.py)."""

    id: str
    status: str
    type: str
    cameo: str
    quad_class: list[int] = []
    except_type: list[str] = []
    aux: list[str] = []
    except_aux: list[str] = []
    verbs: list[str] = []


class ModalityFile(DataFile):
    """``data/events/modality.yaml``: status cues (this module) and derived speech acts (``derived``)."""

    negation: _Cues
    denial: _Cues
    conditional: _Cues
    requested: _Cues
    hypothetical: _Cues | None = None
    announced: _Cues
    reporting: _Cues
    derived: list[DerivationSpec] = []


@dataclass(frozen=True)
class Trigger:
    id: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    type: str
    mode: str | None
    cameo: str
    context: tuple[str, ...]
    object_any: frozenset[str]
    prep_any: frozenset[str]
    particle: frozenset[str]
    subject_any: frozenset[str]
    exclude_object: frozenset[str]
    modifier_any: frozenset[str]
    needs_between: bool
    needs_actor_arg: bool
    needs_light: bool
    needs_target: bool
    symmetric: bool
    target_preps: frozenset[str]
    order: int
    theme_object: bool = False  # the direct object is what moves (troops, aid), not the target
    converse: bool = False  # the subject receives; the "from" object is the source
    from_speaker: bool = False  # the source is whoever says it ("the door is open", Macron said)
    head_any: frozenset[str] = frozenset()  # the lemma of the word the trigger depends on ("in support of")
    child_dep_any: frozenset[str] = frozenset()  # a child with one of these labels ("wants X to": xcomp)
    # conditions of the filter vocabulary (events/filters.py) a trigger entry does not use
    cause_any: frozenset[str] = frozenset()
    complement_any: frozenset[str] = frozenset()
    complement_mark: frozenset[str] = frozenset()
    dep_any: frozenset[str] = frozenset()
    infinitive: bool = False
    passive: bool | None = None  # the trigger is (True) / is not (False) passive
    no_actor_object: bool = False
    needs_source: bool = False  # only fire with a source actor ("Russia's war on X", not "the war in X")

    @property
    def specificity(self) -> int:
        """Entries with more constraints are tried first (sort key, lower first)."""
        constrained = bool(self.object_any or self.prep_any or self.particle or self.subject_any or self.modifier_any
                           or self.head_any or self.dep_any or self.child_dep_any or self.passive is not None)
        return 0 if constrained else 1


@dataclass(frozen=True)
class Lexicon:
    by_key: dict[tuple[str, str], tuple[Trigger, ...]]
    light_verbs: frozenset[str]
    group_nouns: frozenset[str] = frozenset()
    #: sector code of an article-local group actor named by a group noun ("rebel": REB), see locality.py
    group_sectors: dict[str, str] = field(default_factory=dict)
    #: texts that act for their authors ("adopted a resolution condemning Russia": the adopter condemns)
    document_nouns: frozenset[str] = frozenset()

    def candidates(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return self.by_key.get((lemma, pos), ())

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """Every lemma some trigger has, whatever its part of speech."""
        return frozenset(lemma for lemma, _ in self.by_key)


@dataclass(frozen=True)
class Modality:
    negation_words: frozenset[str]
    negation_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    denial_nouns: frozenset[str]
    conditional_marks: frozenset[str]
    conditional_nouns: frozenset[str]
    hypothetical_nouns: frozenset[str]
    request_verbs: frozenset[str]
    request_nouns: frozenset[str]
    announce_aux: frozenset[str]
    announce_verbs: frozenset[str]
    announce_modifiers: frozenset[str]
    reporting_verbs: frozenset[str]
    #: "linked de-escalation to the return of X": what a verb of these makes a price is asked for
    condition_verbs: frozenset[str] = frozenset()
    #: "Neither A nor B ...": determiners that make a subject or object nobody
    negation_marks: frozenset[str] = frozenset()
    #: "talks are impossible": predicates that deny the event
    negation_predicates: frozenset[str] = frozenset()
    #: possibility (coded conditional, cue status.hypothetical): modal auxiliaries, auxiliaries outside
    #: reported speech ("would"), adverbs and predicates ("likely"), adjectives of event nouns ("possible")
    hypothetical_aux: frozenset[str] = frozenset()
    hypothetical_unreported_aux: frozenset[str] = frozenset()
    hypothetical_words: frozenset[str] = frozenset()
    hypothetical_modifiers: frozenset[str] = frozenset()


def _set(items: list[str] | None) -> frozenset[str]:
    return frozenset(x.lower() for x in items or ())


def parse_triggers(data: TriggersFile) -> Lexicon:
    """Build the lexicon from the validated file (exposed so tests can build small lexicons)."""
    onto = ontology()
    index: dict[tuple[str, str], list[Trigger]] = {}
    for order, t in enumerate(data.triggers):
        tid = t.id
        if t.type not in onto:
            raise KnowledgeBaseError(f"events/triggers.yaml: {tid}: unknown PLOVER type {t.type}")
        cameo = str(t.cameo or onto.code_for(t.type, t.mode))
        if cameo not in onto.cameo:
            raise KnowledgeBaseError(f"events/triggers.yaml: {tid}: unknown CAMEO code {cameo}")
        trig = Trigger(
            id=tid, lemmas=_set(t.lemma), pos=frozenset(t.pos), type=t.type, mode=t.mode,
            cameo=cameo, context=tuple(t.context or onto.cameo[cameo].context),
            object_any=_set(t.object_any), prep_any=_set(t.prep_any), particle=_set(t.particle),
            subject_any=_set(t.subject_any), exclude_object=_set(t.exclude_object),
            modifier_any=_set(t.modifier_any), needs_between=t.needs_between,
            needs_actor_arg=t.needs_actor_arg, needs_light=t.needs_light,
            needs_target=t.needs_target, needs_source=t.needs_source, symmetric=t.symmetric,
            target_preps=_set(t.target_prep) or DEFAULT_TARGET_PREPS, order=order,
            theme_object=t.theme_object, converse=t.converse, head_any=_set(t.head_any),
            child_dep_any=frozenset(t.child_dep_any or ()), dep_any=frozenset(t.dep_any or ()), from_speaker=t.from_speaker,
            passive=t.passive)
        for lemma in trig.lemmas:
            for pos in trig.pos:
                index.setdefault((lemma, pos), []).append(trig)
    by_key = {k: tuple(sorted(v, key=lambda tr: (tr.specificity, tr.order))) for k, v in index.items()}
    sectors = {noun: code for code, nouns in data.group_sectors.items() for noun in nouns}
    return Lexicon(by_key, _set(data.light_verbs), _set(data.group_nouns), sectors, _set(data.document_nouns))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return parse_triggers(load_data("events/triggers.yaml", TriggersFile))


@lru_cache(maxsize=1)
def modality_file() -> ModalityFile:
    """``modality.yaml``, read once for both its readers (status cues here, derived speech acts)."""
    return load_data("events/modality.yaml", ModalityFile)


@lru_cache(maxsize=1)
def modality() -> Modality:
    raw = modality_file()
    hyp = raw.hypothetical or _Cues(id="status.hypothetical")
    return Modality(
        negation_words=_set(raw.negation.words), negation_verbs=_set(raw.negation.verbs),
        denial_verbs=_set(raw.denial.verbs), denial_nouns=_set(raw.denial.nouns),
        conditional_marks=_set(raw.conditional.marks), conditional_nouns=_set(raw.conditional.nouns),
        hypothetical_nouns=_set(raw.conditional.hypothetical_nouns),
        request_verbs=_set(raw.requested.verbs), request_nouns=_set(raw.requested.nouns),
        condition_verbs=_set(raw.requested.condition_verbs),
        announce_aux=_set(raw.announced.aux), announce_verbs=_set(raw.announced.verbs),
        announce_modifiers=_set(raw.announced.modifiers), reporting_verbs=_set(raw.reporting.verbs),
        negation_marks=_set(raw.negation.marks), negation_predicates=_set(raw.negation.modifiers),
        hypothetical_aux=_set(hyp.aux), hypothetical_unreported_aux=_set(hyp.verbs),
        hypothetical_words=_set(hyp.words), hypothetical_modifiers=_set(hyp.modifiers))

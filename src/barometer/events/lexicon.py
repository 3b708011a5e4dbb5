"""Trigger lexicon and modality cues, loaded and validated from ``data/events/*.yaml``.

Why data: the words that express an event and the cues that change its status are knowledge,
not code; keeping them in YAML with ids lets an analyst extend them and lets every event name
the entry that produced it. Unknown keys are rejected so a typo cannot silently disable a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

import yaml

from barometer.errors import KnowledgeBaseError
from barometer.events.ontology import ontology

_KEYS = {"id", "lemma", "pos", "type", "mode", "cameo", "context", "object_any", "prep_any", "particle",
         "needs_between", "needs_actor_arg", "needs_light", "needs_target", "symmetric", "target_prep",
         "subject_any", "exclude_object", "modifier_any", "theme_object", "converse"}
DEFAULT_TARGET_PREPS = frozenset({"with", "on", "to", "against", "upon", "at", "into", "in"})


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

    @property
    def specificity(self) -> int:
        """Entries with more constraints are tried first (sort key, lower first)."""
        constrained = bool(self.object_any or self.prep_any or self.particle or self.subject_any or self.modifier_any)
        return 0 if constrained else 1


@dataclass(frozen=True)
class Lexicon:
    by_key: dict[tuple[str, str], tuple[Trigger, ...]]
    light_verbs: frozenset[str]
    group_nouns: frozenset[str] = frozenset()
    #: sector code of an article-local group actor named by a group noun ("rebel": REB), see locality.py
    group_sectors: dict[str, str] = field(default_factory=dict)

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


def _read(name: str) -> dict:
    return yaml.safe_load(resources.files("barometer.data").joinpath(f"events/{name}").read_text("utf-8"))


def _set(spec: dict, key: str) -> frozenset[str]:
    items = spec.get(key) or []
    bad = [x for x in items if not isinstance(x, str)]
    if bad:  # YAML 1.1 reads bare on/no/yes as booleans: quote them
        raise KnowledgeBaseError(f"events data: {key}: non-string entries {bad} (quote them)")
    return frozenset(x.lower() for x in items)


def parse_triggers(raw: dict) -> Lexicon:
    """Build the lexicon from the parsed YAML (exposed so tests can build small lexicons)."""
    onto = ontology()
    index: dict[tuple[str, str], list[Trigger]] = {}
    seen: set[str] = set()
    for order, t in enumerate(raw["triggers"]):
        tid = t.get("id", f"#{order}")
        unknown = set(t) - _KEYS
        if unknown:
            raise KnowledgeBaseError(f"events/triggers.yaml: {tid}: unknown keys {sorted(unknown)}")
        if tid in seen:
            raise KnowledgeBaseError(f"events/triggers.yaml: duplicate id {tid}")
        seen.add(tid)
        if t["type"] not in onto:
            raise KnowledgeBaseError(f"events/triggers.yaml: {tid}: unknown PLOVER type {t['type']}")
        cameo = str(t.get("cameo") or onto.code_for(t["type"], t.get("mode")))
        if cameo not in onto.cameo:
            raise KnowledgeBaseError(f"events/triggers.yaml: {tid}: unknown CAMEO code {cameo}")
        trig = Trigger(
            id=tid, lemmas=_set(t, "lemma"), pos=frozenset(t["pos"]), type=t["type"], mode=t.get("mode"),
            cameo=cameo, context=tuple(t.get("context") or onto.cameo[cameo].context),
            object_any=_set(t, "object_any"), prep_any=_set(t, "prep_any"), particle=_set(t, "particle"),
            subject_any=_set(t, "subject_any"), exclude_object=_set(t, "exclude_object"),
            modifier_any=_set(t, "modifier_any"), needs_between=bool(t.get("needs_between")),
            needs_actor_arg=bool(t.get("needs_actor_arg")), needs_light=bool(t.get("needs_light")),
            needs_target=bool(t.get("needs_target")), symmetric=bool(t.get("symmetric")),
            target_preps=_set(t, "target_prep") or DEFAULT_TARGET_PREPS, order=order,
            theme_object=bool(t.get("theme_object")), converse=bool(t.get("converse")))
        for lemma in trig.lemmas:
            for pos in trig.pos:
                index.setdefault((lemma, pos), []).append(trig)
    by_key = {k: tuple(sorted(v, key=lambda tr: (tr.specificity, tr.order))) for k, v in index.items()}
    sectors = {str(noun): str(code) for code, nouns in (raw.get("group_sectors") or {}).items() for noun in nouns}
    return Lexicon(by_key, _set(raw, "light_verbs"), _set(raw, "group_nouns"), sectors)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return parse_triggers(_read("triggers.yaml"))


@lru_cache(maxsize=1)
def modality() -> Modality:
    raw = _read("modality.yaml")
    return Modality(
        negation_words=_set(raw["negation"], "words"), negation_verbs=_set(raw["negation"], "verbs"),
        denial_verbs=_set(raw["denial"], "verbs"), denial_nouns=_set(raw["denial"], "nouns"),
        conditional_marks=_set(raw["conditional"], "marks"), conditional_nouns=_set(raw["conditional"], "nouns"),
        hypothetical_nouns=_set(raw["conditional"], "hypothetical_nouns"),
        request_verbs=_set(raw["requested"], "verbs"), request_nouns=_set(raw["requested"], "nouns"),
        condition_verbs=_set(raw["requested"], "condition_verbs"),
        announce_aux=_set(raw["announced"], "aux"), announce_verbs=_set(raw["announced"], "verbs"),
        announce_modifiers=_set(raw["announced"], "modifiers"), reporting_verbs=_set(raw["reporting"], "verbs"))

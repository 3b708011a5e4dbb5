"""Speech-act events derived from non-asserted ones (rules in ``data/events/modality.yaml``, ``derived``).

Why: CAMEO and PLOVER code what an actor *did* in the sentence. "Finland will give Tanzania a grant"
reports an announcement (CAMEO 03, intent to cooperate: AGREE), "X threatened to ban Y" or "X will
blockade Y" a threat, "X refused to meet Y" a rejection. (What a statement asks of another — "Sudan
must return the helicopter, Russia said" — is the statement's act: events/speech.py.) The embedded
event stays, with its status; the derived event is added beside it,
names its rule (``derived.*`` + the embedded rule) and is skipped when the sentence already codes
that speech act for the same source ("threatened to ban" fires THREATEN on "threatened" itself).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from barometer.errors import KnowledgeBaseError
from barometer.events.lexicon import modality_file
from barometer.events.ontology import ontology
from barometer.model import Event


@dataclass(frozen=True)
class Derivation:
    id: str
    status: str
    quad_class: frozenset[int]
    except_type: frozenset[str]
    aux: frozenset[str]
    type: str
    cameo: str
    #: auxiliaries that rule the derivation out ("Iraq must cooperate" is nobody's offer to cooperate)
    except_aux: frozenset[str] = frozenset()
    #: verb lemmas the sentence must have ("failed to reach an agreement": fail)
    verbs: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def derivations() -> tuple[Derivation, ...]:
    onto = ontology()
    out = []
    for d in modality_file().derived:
        if d.cameo not in onto.cameo or onto.plover_for(d.cameo) != d.type:
            raise KnowledgeBaseError(f"events/modality.yaml: {d.id}: CAMEO {d.cameo} is not {d.type}")
        out.append(Derivation(d.id, d.status, frozenset(d.quad_class), frozenset(d.except_type), frozenset(d.aux),
                              d.type, d.cameo, frozenset(d.except_aux), frozenset(d.verbs)))
    return tuple(out)


@lru_cache(maxsize=1)
def _noun_trigger_ids() -> frozenset[str]:
    from barometer.events.lexicon import lexicon

    return frozenset(t.id for ts in lexicon().by_key.values() for t in ts if t.pos == {"NOUN"})


def _auxes(doc: Doc, e: Event) -> set[str]:
    """Auxiliaries of the verbs in the embedded event's sentence clause chain (cheap: the sentence)."""
    span = doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
    return {t.lower_ for t in span if t.dep_ == "aux"} if span is not None else set()


def _verbs(doc: Doc, e: Event) -> set[str]:
    """Verb lemmas of the embedded event's sentence."""
    span = doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
    return {t.lemma_.lower() for t in span if t.pos_ == "VERB"} if span is not None else set()


def derive(doc: Doc, events: list[Event], speaks_for: Callable[[str, str], bool] | None = None) -> list[Event]:
    """``events`` plus the speech acts their non-asserted members carry.

    ``speaks_for(said_by, source)``: whether the speaker is an official of the source state ("US Defence
    Secretary Lloyd Austin announced the US would allocate $713m of aid"): the derived act is then the
    state's own, asserted, not a third party's report of it."""
    onto = ontology()
    rules = derivations()
    noun_rules = _noun_trigger_ids()
    added: list[Event] = []
    for e in events:
        if e.status not in {r.status for r in rules}:
            continue
        if e.rule.split("+")[0] in noun_rules:
            continue  # "the planned talks between X and Y": nobody announced anything in this sentence
        for r in rules:
            if r.status != e.status or e.type in r.except_type or e.type == r.type:
                continue
            if r.quad_class and e.quad_class not in r.quad_class:
                continue
            if r.aux and not (_auxes(doc, e) & r.aux):
                continue
            if r.except_aux and _auxes(doc, e) & r.except_aux:
                continue
            if r.verbs and not (_verbs(doc, e) & r.verbs):
                continue
            source, target, said_by = e.source, e.target, e.said_by
            if source is None:
                continue
            if any(o.type == r.type and o.source == source and o.evidence.start == e.evidence.start
                   for o in (*events, *added)):
                break  # the sentence already codes this speech act
            quad, goldstein = onto.scores(r.cameo)
            reported = bool(said_by and said_by != source and not (speaks_for and speaks_for(said_by, source)))
            added.append(e.model_copy(update={
                "id": "", "type": r.type, "mode": None, "context": list(onto.cameo[r.cameo].context),
                "cameo": r.cameo, "quad_class": quad, "goldstein": goldstein, "source": source, "target": target,
                # the speaker's own act is asserted and has no said_by (docs/annotation.md, section 4)
                "status": "reported" if reported else "asserted", "said_by": said_by if reported else None,
                "rule": f"{r.id}<{e.rule}", "confidence": round(max(0.05, e.confidence - 0.05), 3)}))
            break
    out = events + added
    for i, ev in enumerate(out, 1):
        ev.id = f"e{i}"
    return out

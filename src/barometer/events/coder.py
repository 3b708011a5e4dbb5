"""First PLOVER event coder: trigger lexicon + dependency arguments + modality.

For each trigger token (lemma and part of speech from ``data/events/triggers.yaml``) the coder
takes the source from the subject (climbing through xcomp/conj), the target from the object,
a prepositional object or "between X and Y", the status from the verb's modality, and the date
from a time expression governed by the trigger, else the publication date.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from barometer.events.ontology import ontology
from barometer.layers import EventContext
from barometer.model import Event, Quote, Span
from barometer.registry import register

REPORTING = {"say", "estimate", "announce", "note", "stress", "add", "tell", "claim", "believe", "think",
             "report", "warn", "insist", "state", "declare", "according"}


@dataclass(frozen=True)
class Trigger:
    id: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    type: str
    mode: str | None
    cameo: str | None
    object_any: frozenset[str]
    prep_any: frozenset[str]
    needs_between: bool


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    raw = yaml.safe_load(resources.files("barometer.data").joinpath("events/triggers.yaml").read_text("utf-8"))
    index: dict[tuple[str, str], list[Trigger]] = {}
    for t in raw["triggers"]:
        trig = Trigger(t["id"], frozenset(t["lemma"]), frozenset(t["pos"]), t["type"], t.get("mode"),
                       t.get("cameo"), frozenset(t.get("object_any", [])), frozenset(t.get("prep_any", [])),
                       bool(t.get("needs_between", False)))
        for lemma in trig.lemmas:
            for pos in trig.pos:
                index.setdefault((lemma, pos), []).append(trig)
    return index


def _subject(tok: Token) -> Token | None:
    cur = tok
    for _ in range(4):
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if cur.dep_ in ("xcomp", "conj", "advcl", "acl") and cur.head is not cur:
            cur = cur.head
            continue
        break
    return None


def _actor(ctx: EventContext, tok: Token | None) -> str | None:
    if tok is None:
        return None
    hit = ctx.actors.actor_at(tok.idx, tok.idx + len(tok.text))
    if hit:
        return hit
    for child in tok.subtree:  # "the American president", "Russian troops"
        hit = ctx.actors.actor_at(child.idx, child.idx + len(child.text))
        if hit:
            return hit
    return None


def _conj_actors(ctx: EventContext, tok: Token | None) -> list[str]:
    if tok is None:
        return []
    ids: list[str] = []
    for t in [tok, *[c for c in tok.conjuncts]]:
        a = _actor(ctx, t) if t is tok else ctx.actors.actor_at(t.idx, t.idx + len(t.text))
        if a and a not in ids:
            ids.append(a)
    return ids


def _objects(tok: Token) -> list[Token]:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    return objs


def _pobj(tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _status(tok: Token, trig: Trigger) -> str:
    children = {c.lower_ for c in tok.children}
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    head = tok.head
    if tok.dep_ in ("xcomp", "ccomp", "dobj") and head.lemma_ in ("deny",):
        return "denied"
    if any(c.lower_ in ("if", "unless") for c in tok.subtree) or "event" in {
            t.lower_ for t in tok.subtree if t.head.lower_ == "in"}:
        return "conditional"
    if trig.type == "THREATEN" and any(t.lower_ == "event" for t in tok.subtree):
        return "conditional"
    if children & {"will", "shall", "'ll", "must", "would"} or any(
            c.lower_ in ("going",) for c in tok.children):
        return "announced"
    if tok.dep_ == "xcomp" and head.lemma_ in ("call", "urge", "ask", "demand"):
        return "requested"
    if tok.head.lemma_ in ("upcoming",) or any(c.lower_ == "upcoming" for c in tok.children):
        return "announced"
    return "asserted"


def _reporter(tok: Token, ctx: EventContext) -> str | None:
    """Actor who reports the clause of ``tok`` ("Austin estimated that Russia had amassed...")."""
    cur = tok
    while cur.dep_ in ("ccomp", "conj", "advcl") and cur.head is not cur:
        parent = cur.head
        if parent.lemma_ in REPORTING:
            return _actor(ctx, _subject(parent)) or "?"
        cur = parent
    return None


def _quote_for(tok: Token, quotes: list[Quote]) -> Quote | None:
    return next((q for q in quotes if q.start <= tok.idx < q.end), None)


def _date(tok: Token, ctx: EventContext) -> str | None:
    sent = tok.sent
    best = None
    for t in ctx.times:
        if not (sent.start_char <= t.start < sent.end_char) or not t.value or len(t.value) != 10:
            continue
        span = tok.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        anc = {a.i for a in span.root.ancestors}
        if tok.i in anc or span.root.head.i == tok.i:
            return t.value
        if best is None:
            best = t.value
    if best is not None:
        return best
    return ctx.published.isoformat() if ctx.published else None


@register("event_coder", "barometer.event_coder.v1")
def code_events(doc: Doc, ctx: EventContext) -> list[Event]:
    index = triggers()
    onto = ontology()
    events: list[Event] = []
    for tok in doc:
        for trig in index.get((tok.lemma_.lower(), tok.pos_), []):
            objs = _objects(tok)
            if trig.object_any:
                words = {t.lemma_.lower() for o in objs for t in o.subtree} | {
                    t.lemma_.lower() for p in _pobj(tok, {"of"}) for t in p.subtree}
                if not words & trig.object_any:
                    continue
            if trig.prep_any and not _pobj(tok, trig.prep_any) and not any(
                    c.dep_ == "prep" and c.lower_ in trig.prep_any for c in tok.children):
                continue
            sources = _conj_actors(ctx, _subject(tok))
            targets: list[str] = []
            between = _pobj(tok, {"between"})
            if between:
                pair = _conj_actors(ctx, between[0])
                if len(pair) >= 2:
                    sources, targets = [pair[0]], [pair[1]]
            elif trig.needs_between:
                continue
            if not targets:
                for o in objs:
                    targets += _conj_actors(ctx, o)
                for p in _pobj(tok, {"with", "on", "to", "against", "upon"}):
                    targets += _conj_actors(ctx, p)
            targets = [t for t in dict.fromkeys(targets) if t not in sources]
            if not sources and not targets:
                continue
            status = _status(tok, trig)
            reporter = _reporter(tok, ctx)
            quote = _quote_for(tok, ctx.quotes)
            said_by = quote.speaker if quote else (reporter if reporter not in (None, "?") else None)
            if reporter and status == "asserted" and not quote:
                status = "reported"
            spec = onto[trig.type]
            sent = tok.sent
            evidence = Span(start=sent.start_char, end=sent.end_char, text=sent.text)
            for s in sources or [None]:
                for t in targets or [None]:
                    events.append(Event(
                        id=f"e{len(events) + 1}", type=trig.type, mode=trig.mode, context=[],
                        cameo=trig.cameo or spec.cameo, quad_class=spec.quad_class, goldstein=spec.goldstein,
                        source=s, target=t, status=status, date=_date(tok, ctx), said_by=said_by,
                        quote=quote.id if quote else None, evidence=evidence, rule=trig.id,
                        confidence=0.6 if s is None or t is None else 0.8))
    return events

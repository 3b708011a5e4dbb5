"""Targets that an object noun refers back to: "NATO condemned these comments" (whose comments?).

An answering act — condemning, rejecting, welcoming — whose object is a definite speech or event
noun ("these comments", "the accusations", "that warning", "the attack") with no actor of its own
is aimed at whoever made the comments, the accusations, the warning or the attack: the actor of the
nearest earlier act of that kind in the article (``data/events/arguments.yaml``, ``anaphora``), or,
for words, the speaker of the nearest earlier quotation. Never the answering actor itself, and only
within a few sentences; the nearest antecedent decides, even when its own actor is unknown.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from barometer.events import arguments as A
from barometer.events.argdata import AnaphorSpec, arg_rules
from barometer.layers import EventContext
from barometer.model import Event

#: Determiners and possessive pronouns that make an object noun refer back ("these comments").
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such", "his", "her", "its", "their"})
#: How many sentences back an antecedent may be.
WINDOW = 4


def anaphoric_object(tok: Token, verb_type: str) -> tuple[Token, AnaphorSpec] | None:
    """The object noun of ``tok`` that refers back to an earlier act, with its entry."""
    rules = arg_rules()
    objs = A.children(tok, ("dobj", "nsubjpass")) + A.pobjs(tok, ("to", "at", "against", "over", "on", "of"))
    for o in objs:
        spec = rules.anaphor(o.lemma_.lower(), verb_type)
        if spec is not None and any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in o.children):
            return o, spec
    return None


def window_start(tok: Token, window: int = WINDOW) -> int:
    """The character offset of the sentence ``window`` sentences before ``tok``'s."""
    doc, first = tok.doc, tok.sent.start
    for _ in range(window):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    return doc[first].idx


def antecedent(ctx: EventContext, tok: Token, verb_type: str, sources: list[str],
               earlier: list[Event]) -> tuple[list[str], str | None]:
    """([target], rule id) from the act an object noun of ``tok`` refers back to, or ([], None).

    ``earlier``: the events coded so far for tokens before ``tok`` (the coder goes in text order).
    """
    found = anaphoric_object(tok, verb_type)
    if found is None:
        return [], None
    _, spec = found
    lo = window_start(tok)
    best: tuple[int, str | None] | None = None  # (position, actor)
    for k, e in enumerate(earlier):
        if e.type in spec.refers_to and e.evidence.start >= lo and e.source not in sources:
            best = max(best or (-1, None), (e.evidence.start * 1000 + k, e.source), key=lambda b: b[0])
    if spec.quote:
        for q in ctx.quotes:
            if lo <= q.start and q.end <= tok.idx and q.speaker and q.speaker not in sources:
                # a quotation ending before the trigger is later than an event of its sentence
                pos = q.end * 1000
                if best is None or pos > best[0]:
                    best = (pos, q.speaker)
    if best is None or best[1] is None:
        return [], None
    return [best[1]], spec.id


def ongoing_target(trig_type: str, pos: str, sources: list[str], earlier: list[Event],
                   same_side: Callable[[str, str], bool], tok: Token | None = None) -> tuple[list[str], str | None]:
    """([target], rule id) for an event with a source and no target ("its military campaign"): the
    target of the nearest earlier event of its type by the same side (``ongoing`` in arguments.yaml);
    for a definite noun of a ``definite`` entry ("the attack was claimed by the Houthis"), the target of
    the nearest earlier event of its type within a few sentences, whoever was coded doing it."""
    spec = next((n for n in arg_rules().ongoing if trig_type in n.types and pos in n.pos), None)
    if spec is None or not sources:
        return [], None
    for e in reversed(earlier):
        if e.type == trig_type and e.source is not None and e.target is not None and e.target not in sources \
                and any(same_side(e.source, s) for s in sources):
            return [e.target], spec.id
    definite = spec.definite and tok is not None and tok.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children)
    if definite:
        lo = window_start(tok)
        for e in reversed(earlier):
            if e.type == trig_type and e.target is not None and e.target not in sources and e.evidence.start >= lo:
                return [e.target], spec.id + ".definite"
    return [], None


def disjoint_targets(ctx: EventContext, tok: Token, sources: list[str],
                     targets: list[str]) -> tuple[list[str], str | None]:
    """(``targets``, rule id) with an object pronoun of ``tok`` that the actor stage resolved to one of ``sources``
    (or left unresolved) read as someone else: "police fired tear gas at them" are not the police
    (``disjoint`` in arguments.yaml). The nearest earlier actor of the pronoun's or the previous
    sentence that is no source and agrees with it; none, the pronoun gives no target."""
    words = arg_rules().disjoint
    objs = [o for o in A.children(tok, ("dobj", "dative")) + A.pobjs(tok, ("at", "on", "against", "to", "with"))
            if o.lower_ in words and o.tag_ == "PRP"]
    if not objs or not sources:
        return targets, None
    out, rule = list(targets), None
    for o in objs:
        m = ctx.actors.mention_at(o.idx, o.idx + len(o.text))
        if m is not None and m.actor_id not in sources:
            continue
        if m is not None and m.actor_id in out:
            out.remove(m.actor_id)
        found = _disjoint_antecedent(ctx, o, set(sources))
        if found is not None and found not in out:
            out.append(found)
            rule = words[o.lower_]
    return out, rule


def _disjoint_antecedent(ctx: EventContext, pron: Token, sources: set[str]) -> str | None:
    doc = pron.doc
    lo = window_start(pron, 1)
    plural = pron.lower_ == "them"
    best = None
    for m in ctx.actors.mentions:
        if not lo <= m.start < pron.idx or m.actor_id in sources or (best is not None and m.start <= best.start):
            continue
        a = ctx.actors.by_id(m.actor_id)
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if a is None or span is None or span.root.tag_ == "PRP":
            continue
        if (a.kind == "group" or span.root.tag_ in ("NNS", "NNPS")) if plural else a.kind == "person":
            best = m
    return best.actor_id if best is not None else None


def ongoing_source(trig_type: str, pos: str, targets: list[str], earlier: list[Event],
                   same_side: Callable[[str, str], bool], same_country: Callable[[str, str], bool],
                   tok: Token | None = None) -> tuple[list[str], str | None]:
    """([source], rule id) for an event with a target and no source ("the invasion of Ukraine", "the
    aggression against Ukraine", "other firms were also sanctioned"): the doer of the nearest earlier
    event of its type against the same country in an earlier sentence (``ongoing_doer`` in
    arguments.yaml), never one of the targets' own side."""
    spec = next((n for n in arg_rules().ongoing_doer if trig_type in n.types and pos in n.pos), None)
    if spec is None or not targets:
        return [], None
    lo = window_start(tok, spec.window) if tok is not None and spec.window else 0
    for e in reversed(earlier):
        if e.evidence.start < lo:
            break
        if tok is not None and e.evidence.start >= tok.sent.start_char:
            continue  # an act of its own sentence is this one told twice ("killed civilians during the war")
        if e.type == trig_type and e.source is not None and e.target is not None and e.source not in targets \
                and not any(same_side(e.source, t) for t in targets) \
                and any(same_country(e.target, t) for t in targets):
            return [e.source], spec.id
    return [], None

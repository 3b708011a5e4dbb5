"""Who an argument stands for when no actor mention covers it, read off the article (never changing it).

"the two leaders" / "both sides" refer back to the pair of actors coordinated just before
(``pair_antecedent``); an event done to something in a country names that country's actor as its
target (``place_target``). Article-local group actors ("rebels in Chad") and a local person's
country are added by the actor stage's own layer (``ActorLayer.local_group``,
``ActorLayer.fill_person_country``; ``barometer.actors.local``), which the coder asks.
"""

from __future__ import annotations

from spacy.tokens import Token

from barometer.events.argdata import arg_rules
from barometer.layers import EventContext

#: Plural nouns that "the two ..." / "both ..." use to refer back to a pair of actors.
PAIR_NOUNS = frozenset({"leader", "president", "side", "country", "nation", "minister", "man", "government",
                        "party", "head", "counterpart", "premier", "chancellor", "state"})


def pair_antecedent(ctx: EventContext, head: Token | None, max_sentences: int = 3) -> list[str]:
    """The two actors "the two leaders" / "both sides" refer back to, else [].

    The antecedent is the nearest earlier coordination of two different resolved actors
    ("the interview between Vladimir Putin and Emmanuel Macron") within a few sentences.
    """
    if head is None or head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in PAIR_NOUNS:
        return []
    if not any(c.lower_ in ("two", "both") for c in head.children):
        return []
    doc = head.doc
    first = head.sent.start
    for _ in range(max_sentences):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for tok in reversed(doc[first:head.i]):
        conj = [c for c in tok.children if c.dep_ == "conj"]
        if not conj:
            continue
        ids = []
        for t in (tok, conj[0]):
            m = ctx.actors.mention_at(t.idx, t.idx + len(t.text))
            if m is not None and m.actor_id not in ids:
                ids.append(m.actor_id)
        if len(ids) == 2:
            return ids
    return []


def place_target(ctx: EventContext, trigger: Token, place: str | None, sources: set[str]) -> str | None:
    """The country actor of the event's place, as target of an event done to something there.

    "Sudan lifted a state of emergency in West Darfur", "Israel will evacuate settlements in the
    Gaza Strip": the object is no actor, so the country where it happens is the one acted upon
    (the PLOVER convention for domestic events). Only a trigger with a direct object that names
    no actor qualifies, only a country already resolved in the article (a state actor) is used,
    and a source is never its own target.
    """
    if place is None or not any(c.dep_ == "dobj" and ctx.actors.mention_at(c.idx, c.idx + len(c.text)) is None
                                for c in trigger.children):
        return None
    doc, sent = trigger.doc, trigger.sent
    here = [p for p in ctx.places if (p.name or p.text) == place and sent.start_char <= p.start < sent.end_char]
    if here and all(_in_condition(doc.char_span(p.start, p.end, alignment_mode="expand"), trigger) for p in here):
        return None
    countries = {p.country for p in ctx.places if p.country and (p.name or p.text) == place}
    if len(countries) != 1:
        return None
    country = countries.pop()
    return next((a.id for a in ctx.actors.actors if a.kind == "state" and a.country == country
                 and a.id not in sources), None)


def _in_condition(span: object, trigger: Token) -> bool:
    """Whether a place sits in a condition of the event rather than where it happens: "sanctions in
    the event of an attack on Ukraine" threatens the attacker, not Ukraine."""
    from barometer.events.lexicon import modality
    from barometer.events.modality import opens_condition

    if span is None or not len(span):
        return False
    m = modality()
    tok = span.root
    while tok.i != tok.head.i and tok.i != trigger.i:
        if opens_condition(tok, m):
            return True
        tok = tok.head
    return False


def located_targets(ctx: EventContext, tok: Token, trig_type: str, pairs: list[tuple[str | None, str | None]],
                    rule: str | None) -> tuple[list[tuple[str | None, str | None]], str | None]:
    """``pairs`` with a countryless group target ("civilians") of a source of a known country placed
    in the one other country its sentence names, else the previous sentence (``located`` in
    arguments.yaml): "Russian forces tortured civilians ... in Ukraine" are Ukrainian civilians."""
    spec = arg_rules().located.get(trig_type)
    if spec is None:
        return pairs, rule
    sent = tok.sent
    prev = tok.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    out = []
    for s, t in pairs:
        src, tgt = ctx.actors.by_id(s), ctx.actors.by_id(t)
        if src is not None and src.country and tgt is not None and not tgt.country and tgt.sector in spec[1]:
            for lo, hi in ((sent.start_char, sent.end_char), (prev, sent.start_char)):
                found = _countries_between(ctx, lo, hi) - {src.country}
                if len(found) == 1:
                    t = ctx.actors.group_in_country(tgt.id, found.pop()) or t
                    rule = rule or spec[0]
                    break
                if found:
                    break
        out.append((s, t))
    return out, rule


def _countries_between(ctx: EventContext, lo: int, hi: int) -> set[str]:
    out = {a.country for m in ctx.actors.mentions if lo <= m.start < hi
           if (a := ctx.actors.by_id(m.actor_id)) is not None and a.country and a.kind != "person"}
    return out | {p.country for p in ctx.places if lo <= p.start < hi and p.country}

"""Countries for actors the actor stage left without one, read from the argument's own phrase.

News names many domestic actors by a group noun and where they are ("rebels in the Ivory Coast",
"demonstrators in Baghdad", "Vietnamese-led forces", "thousands of students throughout Indonesia").
The actor stage resolves only the country mention inside such a phrase, so the event would have no
source. Here a group-noun head (``group_nouns`` in ``triggers.yaml``) whose own phrase names exactly
one country (a resolved actor mention or a place with a country, in a modifier or an ``in``/``of``/
``from``/``throughout`` phrase) becomes an article-local group actor of that country
(id ``local:<iso3>-<noun>``), with the head noun as its mention; its sector comes from
``group_sectors``. Phrases that name no country, or several, stay unresolved.
"""

from __future__ import annotations

from spacy.tokens import Token

from barometer.layers import ActorMention, EventContext
from barometer.model import Actor, Span

#: Prepositions whose object locates a group ("rebels in X", "workers of X", "students across X").
LOCATING_PREPS = frozenset({"in", "of", "from", "throughout", "across", "inside"})


def _countries_in(ctx: EventContext, toks: list[Token]) -> set[str]:
    out: set[str] = set()
    for t in toks:
        m = ctx.actors.mention_at(t.idx, t.idx + len(t.text))
        if m is not None:
            a = ctx.actors.by_id(m.actor_id)
            if a is not None and a.country:
                out.add(a.country)
                continue
        for p in ctx.places:
            if p.country and p.start <= t.idx < p.end:
                out.add(p.country)
    return out


def _phrase_tokens(head: Token) -> list[Token]:
    """The head's modifiers before it, and the objects of its locating prepositions (one level)."""
    toks = [t for t in head.subtree if t.i < head.i]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in LOCATING_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    toks.extend(t for t in p.subtree if t.dep_ not in ("relcl", "acl"))
    return toks


def local_group(ctx: EventContext, head: Token | None, group_nouns: frozenset[str],
                sectors: dict[str, str]) -> str | None:
    """An article-local actor for a group noun located in exactly one country, else None."""
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = head.lemma_.lower()
    if noun not in group_nouns:
        return None
    if ctx.actors.mention_at(head.idx, head.idx + len(head.text)) is not None:
        return None
    countries = _countries_in(ctx, _phrase_tokens(head))
    if len(countries) != 1:
        return None
    country = next(iter(countries))
    actor_id = f"local:{country.lower()}-{noun}"
    span = Span(start=head.idx, end=head.idx + len(head.text), text=head.text)
    actor = ctx.actors.by_id(actor_id)
    if actor is None:
        sector = sectors.get(noun)
        actor = Actor(id=actor_id, name=f"{head.text} ({country})", kind="group", country=country, sector=sector,
                      code=country + (sector or ""), confidence=0.6)
        ctx.actors.actors.append(actor)
    if all(m.start != span.start for m in actor.mentions):
        actor.mentions.append(span)
        ctx.actors.mentions.append(ActorMention(span.start, span.end, actor_id, "events.local_group", 0.6))
    return actor_id

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
    # a sentence-initial capital can make the tagger read "Rebels" as a proper noun with itself as lemma
    noun = next((n for n in (head.lemma_.lower(), head.lower_.removesuffix("s")) if n in group_nouns), None)
    if noun is None:
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


def _sentence_countries(ctx: EventContext, start: int, end: int, skip: set[str]) -> set[str]:
    out: set[str] = set()
    for m in ctx.actors.mentions:
        a = ctx.actors.by_id(m.actor_id)
        if start <= m.start < end and a is not None and a.country and m.actor_id not in skip:
            out.add(a.country)
    out |= {p.country for p in ctx.places if p.country and start <= p.start < end}
    return out


def fill_person_country(ctx: EventContext, actor_id: str | None, sent: Span, doc, others: set[str],  # noqa: ANN001
                        place: str | None) -> None:
    """Give an article-local person with no country the country its sentence puts it in.

    In order: a country named in the person's own phrase ("Palestinian leader Yasser Arafat");
    the country of the event's place; the one country the sentence names besides the event's
    other actors ("President Askar Akayev agreed to resign without returning to Kyrgyzstan").
    The countries of the other arguments never count: "Bush threatened Russia" leaves Bush alone.
    """
    a = ctx.actors.by_id(actor_id)
    if a is None or a.country or a.kb_id or a.kind != "person":
        return
    skip_countries = {c for o in others if (oa := ctx.actors.by_id(o)) and (c := oa.country)}
    for m in ctx.actors.mentions:
        if m.actor_id != actor_id or not sent.start <= m.start < sent.end:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        toks = [t for t in span.root.subtree if t.i < span.start]
        toks += [t for c in span.root.children if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of")
                 for t in c.subtree]
        found = _countries_in(ctx, toks)
        if len(found) == 1:
            a.country = found.pop()
            return
    if place:
        found = {p.country for p in ctx.places if p.country and (p.name or p.text) == place
                 and sent.start <= p.start < sent.end}
        if len(found) == 1:
            a.country = found.pop()
            return
    found = _sentence_countries(ctx, sent.start, sent.end, {actor_id, *others}) - skip_countries
    if len(found) == 1:
        a.country = found.pop()


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

"""The v1 actor stage's layer: what later stages may ask it to add once they know more.

News names many domestic actors by a group noun and where they are ("rebels in the Ivory Coast",
"demonstrators in Baghdad", "Vietnamese-led forces", "thousands of students throughout Indonesia").
The actor stage resolves only the country mention inside such a phrase; which phrases matter is
known only to the event coder, when it reads an event's arguments. So the coder asks the actor
layer, and the actor stage's own layer class answers:

* ``local_group``: a group-noun head (``group_nouns`` in ``triggers.yaml``) whose own phrase names
  exactly one country (a resolved actor mention or a place with a country, in a modifier or an
  ``in``/``of``/``from``/``throughout`` phrase) becomes an article-local group actor of that
  country (id ``local:<iso3>-<noun>``), with the head noun as its mention; its sector comes from
  ``group_sectors``. Phrases that name no country, or several, stay unresolved.
* ``group_in_country``: a countryless group ("civilians") the event coder has placed in one country
  becomes an article-local group of that country (``barometer.events.locality.located_targets``).
* ``fill_person_country``: an article-local person with no country takes the one their own phrase
  in the event's sentence states (never a merely nearby place).

Why here and not in the event coder: these passes change the actor stage's output, so they belong
to the actor stage; a different actor stage (by registry name) brings its own layer class, or none.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from barometer.actors.groups import backer
from barometer.actors.kb import load_kb
from barometer.layers import ActorLayer, ActorMention
from barometer.model import Actor, Place, Span

#: Prepositions whose object locates a group ("rebels in X", "workers of X", "students across X").
LOCATING_PREPS = frozenset({"in", "of", "from", "throughout", "across", "inside"})


def _countries_in(layer: ActorLayer, places: Sequence[Place], toks: list[Token]) -> set[str]:
    out: set[str] = set()
    for t in toks:
        m = layer.mention_at(t.idx, t.idx + len(t.text))
        if m is not None:
            a = layer.by_id(m.actor_id)
            if a is not None and a.country:
                out.add(a.country)
                continue
        for p in places:
            if p.country and p.start <= t.idx < p.end:
                out.add(p.country)
    return out


def _phrase_tokens(head: Token) -> list[Token]:
    """The head's modifiers before it (not a backer: "Russia-backed separatists"), and the objects
    of its locating prepositions (one level)."""
    kb = load_kb()
    toks = [t for t in head.subtree if t.i < head.i and not backer(kb, t)]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in LOCATING_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    toks.extend(t for t in p.subtree if t.dep_ not in ("relcl", "acl"))
    return toks


class ArticleActorLayer(ActorLayer):
    """The actors of one article as the v1 actor stage resolved them, extended on request."""

    def local_group(self, head: Token | None, places: Sequence[Place], group_nouns: frozenset[str],
                    sectors: dict[str, str]) -> str | None:
        """An article-local actor for a group noun located in exactly one country, else None."""
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        # a sentence-initial capital can make the tagger read "Rebels" as a proper noun with itself as lemma
        noun = next((n for n in (head.lemma_.lower(), head.lower_.removesuffix("s")) if n in group_nouns), None)
        if noun is None:
            return None
        if self.mention_at(head.idx, head.idx + len(head.text)) is not None:
            return None
        countries = _countries_in(self, places, _phrase_tokens(head))
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        actor_id = f"local:{country.lower()}-{noun}"
        span = Span(start=head.idx, end=head.idx + len(head.text), text=head.text)
        actor = self.by_id(actor_id)
        if actor is None:
            sector = sectors.get(noun)
            actor = Actor(id=actor_id, name=f"{head.text} ({country})", kind="group", country=country, sector=sector,
                          code=country + (sector or ""), confidence=0.6)
            self.actors.append(actor)
        if all(m.start != span.start for m in actor.mentions):
            actor.mentions.append(span)
            self.mentions.append(ActorMention(span.start, span.end, actor_id, "events.local_group", 0.6))
        return actor_id

    def group_in_country(self, actor_id: str, country: str) -> str | None:
        """An article-local actor of ``country`` for the countryless group ``actor_id`` (same noun
        and sector), once the event coder knows where the group is; None unless it is one."""
        a = self.by_id(actor_id)
        if a is None or a.kind != "group" or a.country or not a.sector or a.code != a.sector:
            return None
        new_id = f"local:{country.lower()}-{actor_id.removeprefix('local:')}"
        if self.by_id(new_id) is None:
            name = a.name.removesuffix(f" ({a.sector})")
            self.actors.append(Actor(id=new_id, name=f"{name} ({country})", kind="group", country=country,
                                     sector=a.sector, code=country + a.sector, confidence=0.5))
        return new_id

    def fill_person_country(self, actor_id: str | None, sent: Span, doc: Doc, others: set[str],
                            place: str | None, places: Sequence[Place]) -> None:
        """Give an article-local person with no country the one their own words state.

        Only the person's own phrase counts: a country named in a modifier before the name
        ("Palestinian leader Yasser Arafat"), in an apposition or an ``of`` phrase ("X, of Kyiv,").
        Never a merely nearby place (issue 20): neither the event's place ("Y died in Kabul") nor
        another country of the sentence ("Beth Van Schaack ... said torture was used in Ukraine"),
        so ``others`` and ``place`` are no evidence; what the person is stays unknown instead.
        """
        a = self.by_id(actor_id)
        if a is None or a.country or a.kb_id or a.kind != "person":
            return
        for m in self.mentions:
            if m.actor_id != actor_id or not sent.start <= m.start < sent.end:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            toks = [t for t in span.root.subtree if t.i < span.start]
            toks += [t for c in span.root.children if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of")
                     for t in c.subtree]
            found = _countries_in(self, places, toks)
            if len(found) == 1:
                a.country = found.pop()
                return

"""Resolve every mention of a political actor to a stable actor record, as of the article's date.

Steps (one pass each, no loop over the KB):
1. two PhraseMatchers find KB aliases (case-sensitive) and role words / sector nouns (lower case);
2. epithets (``epithets``: "the Kremlin chief", "the world body", "the regime") take their phrases;
   adjacent hits compose into descriptions: ``[the] <country|seat|IGO> ['s] <role> [Name]``,
   ``<role> of <country|IGO> [Name]``, ``<role> <Name>`` and ``<country> <sector noun>``;
   a description without a name is looked up among the office holders on the article date
   ("the American president" on 2022-01-28 -> Joe Biden);
3. remaining aliases become states, governments (capitals, seats of power), IGOs or KB people;
   spaCy PERSON entities not in the KB become article-local people;
4. coreference (``barometer.actors.coref``) adds pronouns and "the president"-style mentions.

The passes live in modules named for them: ``aliases`` (step 1 and 3's plain aliases),
``descriptions`` (step 2, appositives and counterparts), ``people`` (PERSON entities), ``coref``;
``groups`` (article-local group actors: "riot police", "the authorities"); ``records`` makes actors
from KB records, ``state`` holds what they share.

Every mention names the rule that produced it. Ambiguous aliases ("Georgia", "Washington")
need a place/nationality NER label and are never taken inside a PERSON entity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc

from barometer.actors.affiliation import affiliations
from barometer.actors.aliases import ent_labels, find_aliases, find_roles, plain_aliases
from barometer.actors.coref import resolve_coreference
from barometer.actors.descriptions import (
    apposed_roles,
    appositives,
    counterparts,
    definite_anaphors,
    descriptions,
    role_of_body,
)
from barometer.actors.epithets import epithets
from barometer.actors.groups import local_groups, local_people_countries
from barometer.actors.kb import load_kb
from barometer.actors.local import ArticleActorLayer
from barometer.actors.matcher import get_matchers
from barometer.actors.people import appositive_names, ner_people, repeated_names
from barometer.actors.state import State
from barometer.layers import ActorMention, Layers
from barometer.model import Actor, Article
from barometer.model import Span as Span_
from barometer.registry import register
from barometer.settings import Settings


@register("actor_resolver", "barometer.actor_resolver.v1", requires=("article",), assigns="actors",
          default_config={"model": Settings.model})
def make_actor_stage(model: str = Settings.model) -> Callable[[Doc, Layers], ArticleActorLayer]:
    """The v1 actor stage: actors of ``doc`` as of the article's publication date (``model``, the
    setting, names the spaCy model whose lemmatizer the PERSON filter reads)."""

    def actor_stage(doc: Doc, layers: Layers) -> ArticleActorLayer:
        return resolve_actors(doc, layers.article, model=model)

    return actor_stage


def resolve_actors(doc: Doc, article: Article, *, model: str = Settings.model) -> ArticleActorLayer:
    """Resolve actors in ``doc`` as of ``article.published`` (today when unknown)."""
    kb = load_kb()
    st = State(doc, kb, article.published or dt.date.today())
    if article.title and not article.text.startswith(article.title):
        st.title = article.title
    matchers = get_matchers(doc.vocab, kb)
    labels = ent_labels(doc)
    alias_at = find_aliases(st, matchers, labels)
    role_at = find_roles(st, matchers, alias_at)

    epithets(st, alias_at)
    descriptions(st, alias_at, role_at)
    plain_aliases(st, alias_at)
    local_groups(st, alias_at, role_at)
    ner_people(st, labels, model)
    appositive_names(st)
    role_of_body(st, role_at)
    appositives(st)
    apposed_roles(st, role_at)
    affiliations(st)
    local_people_countries(st, alias_at)
    repeated_names(st)
    anaphors = definite_anaphors(st, role_at)
    resolve_coreference(st, anaphors)
    counterparts(st)
    return _layer(st)


def _layer(st: State) -> ArticleActorLayer:
    doc = st.doc
    layer = ArticleActorLayer()
    seen: dict[str, Actor] = {}
    for m in sorted(st.mentions, key=lambda m: (m.start, m.end)):
        info = st.infos[m.actor_id]
        actor = seen.get(m.actor_id)
        if actor is None:
            actor = info.actor.model_copy(update={"mentions": []})
            seen[m.actor_id] = actor
            layer.actors.append(actor)
        span = doc[m.start:m.end]
        actor.mentions.append(Span_(start=span.start_char, end=span.end_char, text=span.text))
        layer.mentions.append(ActorMention(span.start_char, span.end_char, m.actor_id, m.rule, m.confidence))
    return layer

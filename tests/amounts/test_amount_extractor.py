"""Amounts: value, approximation, unit, counted noun and owner; years and names are not amounts."""

from __future__ import annotations

import datetime as dt

import pytest

from barometer.amounts import extract_amounts
from barometer.layers import ActorLayer, ActorMention, TimeLayer
from barometer.model import Actor
from barometer.nlp.numbers import parse_number
from barometer.times import resolve_times


def _amounts(nlp, text: str, actors: ActorLayer | None = None):
    doc = nlp(text)
    out = extract_amounts(doc, actors or ActorLayer(), TimeLayer(resolve_times(doc, None)).claimed())
    for a in out:
        assert text[a.start:a.end] == a.text
    return out


@pytest.mark.parametrize(("text", "value"), [
    ("8,500", 8500), ("1.5 million", 1.5e6), ("2bn", 2e9), ("twenty-three", 23), ("Eighty", 80),
    ("five hundred", 500), ("one hundred and twenty", 120),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_more_than_keeps_qualifier_and_floor(nlp):
    [a] = _amounts(nlp, "With more than 100,000 troops deployed, Russia could invade.")
    assert (a.value, a.low, a.high, a.qualifier, a.what) == (100000, 100000, None, "more than", "troops")


def test_actor_from_the_counted_phrase(nlp):
    text = "With more than 100,000 Russian troops deployed on the border."
    start = text.index("Russian")
    layer = ActorLayer(actors=[Actor(id="RUS", name="Russia", kind="state", country="RUS")],
                       mentions=[ActorMention(start, start + 7, "RUS", "test")])
    [a] = _amounts(nlp, text, layer)
    assert a.what == "Russian troops" and a.actor == "RUS"


def test_actor_from_the_subject(nlp):
    text = "The United States has already placed 8,500 soldiers on alert."
    start = text.index("United States")
    layer = ActorLayer(actors=[Actor(id="USA", name="United States", kind="state", country="USA")],
                       mentions=[ActorMention(start, start + 13, "USA", "test")])
    [a] = _amounts(nlp, text, layer)
    assert (a.value, a.what, a.actor) == (8500, "soldiers", "USA")


@pytest.mark.parametrize(("text", "value", "low", "high", "unit"), [
    ("The EU pledged $2bn in aid.", 2e9, None, None, "USD"),
    ("Officials counted 1.5 million refugees.", 1.5e6, None, None, None),
    ("A dozen tanks crossed the border.", 12, None, None, None),
    ("Tens of thousands of students marched.", None, 10000, 100000, None),
    ("Doctors delivered 700 kg of medicine.", 700, None, None, "kg"),
    ("Up to 1,000 ethnic Turks began a hunger strike.", 1000, None, 1000, None),
])
def test_values_units_and_words(nlp, text, value, low, high, unit):
    [a] = _amounts(nlp, text)
    assert (a.value, a.low, a.high, a.unit) == (value, low, high, unit)


def test_counted_noun_after_of(nlp):
    [a] = _amounts(nlp, "Tens of thousands of university students staged demonstrations.")
    assert a.what == "university students"
    [b] = _amounts(nlp, "Doctors delivered 700 kg of medicine.")
    assert b.what == "medicine"


@pytest.mark.parametrize(("text", "what"), [
    ("Russian aircraft killed 46 Afghan civilians in an attack.", "Afghan civilians killed"),
    ("Three US servicemen were killed by an explosive device.", "US servicemen killed"),
    ("Irish guerrillas wounded two British soldiers in a bomb attack.", "British soldiers wounded"),
])
def test_casualties(nlp, text, what):
    [a] = _amounts(nlp, text)
    assert a.what == what


def test_particle_over_is_not_a_qualifier(nlp):
    [a] = _amounts(nlp, "Swiss doctors handed over 700 kg of medicine.")
    assert a.qualifier is None and a.low is None


@pytest.mark.parametrize("text", [
    "Were mentioned the strategic gas pipeline Nord Stream 2 between Russia and Germany.",
    "The G7 leaders met in 2021.",
    "Russia wants a return to the 1997 borders.",
    "NATO has expanded for 20 years.",
    "Fighting broke out on January 28.",
    "The France 24 app is free.",
    "One of the leaders spoke first.",
    "The tensions rose.",
])
def test_non_amounts(nlp, text):
    assert _amounts(nlp, text) == []


def test_seed_article_amounts(seed_text, nlp):
    from tests.conftest import SEED_DATE  # noqa: F401 - the seed fixture skips when ../shared is absent

    amounts = _amounts(nlp, seed_text)
    by_value = {a.value: a for a in amounts}
    assert by_value[8500].what == "soldiers"
    assert by_value[100000].qualifier == "more than"
    assert not any(a.value in (2, 1997, 2021, 20, 24) and a.what is None for a in amounts)
    assert isinstance(SEED_DATE, dt.date)

"""Coverage: the diplomatic, legal and military wordings of real news, and event nouns in light-verb,
possessive, "between", "in support of" and passive constructions.

Each sentence is hand-made for one entry of ``data/events/triggers.yaml``; none is taken from a gold set.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2022, 1, 28)


def _coded(text: str) -> list[tuple[str, str | None, str | None, str]]:
    from barometer.eval.events import code_text

    events, layer = code_text(text, DAY)
    codes = {a.id: a.code for a in layer.actors}
    return [(e.type, codes.get(e.source), codes.get(e.target), e.rule) for e in events]


@pytest.mark.parametrize(("text", "type_", "source", "target"), [
    ("The Polish foreign ministry summoned the Russian ambassador on Monday.", "ACCUSE", "POL", "RUS"),
    ("The Chilean Senate passed a resolution in support of Peru.", "SUPPORT", "CHL", "PER"),
    ("The UN General Assembly adopted a resolution condemning Chile.", "ACCUSE", "UNO", "CHL"),
    ("The interview between Vladimir Putin and Emmanuel Macron lasted five hours.", "CONSULT", "RUS", "FRA"),
    ("The upcoming dispatch of British soldiers was announced on Friday.", "MOBILIZE", "GBR", None),
    ("Macron said that the door is open to talks.", "AGREE", "FRA", None),
    ("The Chilean government requested international assistance.", "REQUEST", "CHL", None),
    ("The Chilean president advocated tougher sanctions against Peru.", "REQUEST", "CHL", "PER"),
    ("The prime minister of Chile recommended that Peruvian troops withdraw.", "REQUEST", "CHL", None),
    ("Peru entered into an agreement with Chile on the border.", "SUPPORT", "PER", "CHL"),
    ("The United States designated the group in Chile as a terrorist organization.", "SANCTION", "USA", None),
    ("Peruvian forces took control of the Chilean town of Arica.", "COERCE", "PER", None),
    ("Chile cracked down on protesters in Santiago.", "COERCE", "CHL", None),
    ("The Chilean president deeply regrets the incident with Peru.", "SUPPORT", "CHL", None),
    ("Peru increased its cooperation with Chile.", "COOPERATE", "PER", "CHL"),
    ("The Chilean government evacuated civilians from the border with Peru.", "AID", "CHL", None),
])
def test_real_news_wordings_code_their_event(text, type_, source, target):
    found = [(s, t) for ty, s, t, _ in _coded(text) if ty == type_]
    assert found, (text, _coded(text))
    from barometer.eval.newsgold import code_root  # the scorer's country or organisation of a code

    assert any(code_root(s) == source and (target is None or code_root(t) == target) for s, t in found), (text, found)


def test_an_explosion_is_an_attack_even_with_no_known_attacker():
    assert "ASSAULT" in {ty for ty, *_ in _coded("As each bomb exploded, residents of Santiago fled.")}
    assert "ASSAULT" not in {ty for ty, *_ in _coded("As each firework went up, residents of Santiago cheered.")}


def test_an_obligation_or_a_bill_withdrawn_is_no_retreat_of_troops():
    found = {ty for ty, *_ in _coded("The government of Chile will withdraw the proposed bill on extradition.")}
    assert "CONCEDE" in found and "RETREAT" not in found


@pytest.mark.parametrize(("text", "type_"), [
    ("Chilean farmers blame Peruvian sanctions for the rising price of fuel.", "SANCTION"),
    ("The Peruvian commander orchestrated attacks on Chilean bases in Arica.", "ASSAULT"),
    ("Peruvian forces used chemical weapons against Chilean troops.", "ASSAULT"),
    ("The Chilean rebels vowed revenge against Peru.", "THREATEN"),
    ("The Chilean army toppled the government of Peru.", "COERCE"),
    ("A military coup removed the Peruvian president in 1992.", "COERCE"),
    ("The parliament of Peru voted to expel Chilean troops from the country.", "SANCTION"),
    ("Chile urged Peru to halt its drilling operations near the coast.", "RETREAT"),
    ("Peruvian troops came to the Chilean border town of Arica.", "MOBILIZE"),
    ("The boat of the migrants was turned around by the Chilean navy.", "COERCE"),
    ("The former president of Peru will face trial in Lima.", "ACCUSE"),
    ("Chile will pursue the prosecution of the Peruvian general.", "ACCUSE"),
    ("The Peruvian opposition made several legal challenges against the government.", "ACCUSE"),
    ("The Chilean opposition challenged the constitutionality of the Peruvian treaty.", "ACCUSE"),
    ("The wounded Chilean opposition leader was airlifted from Lima to Santiago.", "AID"),
    ("Chilean police recovered weapons in the house of the Peruvian suspect.", "COERCE"),
    ("The Peruvian government made concessions to the Chilean miners.", "CONCEDE"),
    ("The president of Peru granted an amnesty to the Chilean prisoners.", "RETREAT"),
    ("Peru granted recognition to the new government of Chile.", "SUPPORT"),
    ("The evacuation of Chilean civilians by Peru began on Monday.", "AID"),
])
def test_nominal_and_light_verb_wordings_code_their_event(text, type_):
    assert type_ in {ty for ty, *_ in _coded(text)}, (text, _coded(text))


def test_a_statue_toppled_or_an_order_to_troops_is_no_coercion_or_expulsion():
    assert "COERCE" not in {ty for ty, *_ in _coded("Chilean protesters toppled a statue of a Peruvian general.")}
    assert "SANCTION" not in {ty for ty, *_ in _coded("Peru ordered its military to hold drills near Chile.")}


def test_a_business_suspending_operations_halts_no_military_operation():
    assert "RETREAT" not in {ty for ty, *_ in _coded("The Chilean embassy in Peru suspended operations on Monday.")}


def test_airlifted_troops_are_no_evacuation():
    assert "AID" not in {ty for ty, *_ in _coded("Chile airlifted troops to the border with Peru.")}

"""Trigger entries written from the PLOVER codebook's modes: each on a hand-made sentence."""

from __future__ import annotations

import datetime as dt

DAY = dt.date(2022, 1, 28)


def _types(text: str) -> set[str]:
    from barometer.eval.events import code_text

    return {e.type for e in code_text(text, DAY)[0]}


def test_capturing_ground_is_force_and_trying_is_no_trial():
    found = _types("Burmese troops captured a rebel stronghold near the Thai border.")
    assert "ASSAULT" in found and "COERCE" not in found
    assert "ACCUSE" not in _types("North Korea tried to hack into South Korean army computers.")


def test_signing_a_treaty_is_support_and_a_conviction_is_a_sanction():
    assert "SUPPORT" in _types("Chile and Peru signed a treaty of friendship.")
    assert "SANCTION" in _types("A court in Chile convicted the former minister of fraud.")
    assert "CONCEDE" in _types("Chile lifted the curfew in Santiago.")
    assert "CONCEDE" in _types("The teachers' union called off its strike against the government of Chile.")


def test_an_obligation_is_nobodys_offer():
    from barometer.eval.events import code_text

    events, _ = code_text("Workers in Chile staged rallies against the minister, saying he must resign.", DAY)
    assert not any(e.rule.startswith("derived.intent_") for e in events)
    assert "PROTEST" in {e.type for e in events}


def test_ceasefire_modes_follow_the_codebook():
    assert "AGREE" in _types("Chile and Peru agreed to a ceasefire.")
    assert "CONCEDE" in _types("The rebels in Chile declared a ceasefire.")
    assert "RETREAT" in _types("Chile observed the truce with Peru.")


def test_returning_property_is_a_retreat():
    assert "RETREAT" in _types("Chile returned the seized aircraft to Peru.")

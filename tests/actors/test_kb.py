"""The knowledge base loads, takes country data from packages, and rejects malformed entries clearly."""

from __future__ import annotations

import datetime as dt

import pytest

from barometer.actors import kb as kbmod
from barometer.actors import load_kb


def test_shared_demonyms_go_to_the_sovereign_state():
    kb = load_kb()
    assert [a.record for a in kb.aliases["American"]] == ["USA"]
    assert [a.record for a in kb.aliases["French"]] == ["FRA"]
    assert [a.record for a in kb.aliases["Indian"]] == ["IND"]


def test_country_data_comes_from_packages_and_covers_kosovo_and_taiwan():
    kb = load_kb()
    for a3 in ("UKR", "TWN", "XKX", "PSE", "VAT", "TUV"):
        assert kb.records[a3].kind == "state"
    assert kb.aliases["Kosovo"][0].record == "XKX"
    assert kb.aliases["Taiwan"][0].record == "TWN"
    # countryinfo capitals we did not type: Tuvalu's capital and Ukraine's plural people noun
    assert any(a.record == "TUV" and a.form == "capital" for a in kb.aliases["Funafuti"])
    assert any(a.record == "UKR" and a.form == "people" for a in kb.aliases["Ukrainians"])
    assert any(a.record == "BIH" for a in kb.aliases["Bosnia"])


def test_office_holders_change_on_the_hand_over_day():
    kb = load_kb()
    pm = lambda d: {t.person for t in kb.holders("GBR", "prime_minister", d)}  # noqa: E731
    assert pm(dt.date(2022, 10, 24)) == {"person:liz-truss"}
    assert pm(dt.date(2022, 10, 25)) == {"person:rishi-sunak"}


def test_every_fact_has_a_source():
    kb = load_kb()
    assert kb.terms and all(t.source for t in kb.terms)


def _patched(monkeypatch, name: str, mutate):
    original = kbmod._read

    def fake(fname: str):
        data = original(fname)
        if fname == name:
            mutate(data)
        return data

    monkeypatch.setattr(kbmod, "_read", fake)


def test_malformed_holder_dates_name_the_office(monkeypatch):
    def mutate(data):
        data["offices"][0]["holders"][0][2] = dt.date(1990, 1, 1)

    _patched(monkeypatch, "people.yaml", mutate)
    with pytest.raises(kbmod.KBError, match=r"(?s)people.yaml.*USA.president.*before"):
        kbmod.build_kb()


def test_unknown_holder_is_rejected(monkeypatch):
    def mutate(data):
        data["offices"][0]["holders"].append(["nobody-known", "2030-01-01", None])

    _patched(monkeypatch, "people.yaml", mutate)
    with pytest.raises(kbmod.KBError, match="nobody-known"):
        kbmod.build_kb()


def test_unknown_sector_is_rejected(monkeypatch):
    def mutate(data):
        data["kinds"]["president"]["sector"] = "XXX"

    _patched(monkeypatch, "roles.yaml", mutate)
    with pytest.raises(kbmod.KBError, match="(?s)roles.yaml.*XXX"):
        kbmod.build_kb()


def test_matchers_are_built_once_per_vocab(nlp):
    from barometer.actors.matcher import get_matchers

    assert get_matchers(nlp.vocab) is get_matchers(nlp.vocab)

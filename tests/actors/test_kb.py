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
    import barometer.data

    original = barometer.data.read_data

    def fake(path: str):
        data = original(path)
        if path == f"actors/{name}":
            mutate(data)
        return data

    monkeypatch.setattr(barometer.data, "read_data", fake)


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


#: Covered states (issue 3): the G20 members, Ukraine, Belarus, Poland and the Baltic states.
COVERED = ("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA "
           "UKR BLR POL EST LVA LTU").split()
#: Known vacancies or acting holders the KB does not list: (country, kind, sampled date).
VACANT = {("ITA", "head_of_state", dt.date(2015, 1, 15)), ("USA", "defence_minister", dt.date(2019, 7, 15)),
          ("LVA", "foreign_minister", dt.date(2023, 7, 15)), ("KOR", "defence_minister", dt.date(2025, 1, 15)),
          ("KOR", "defence_minister", dt.date(2025, 7, 15))}


def test_covered_states_have_exactly_one_holder_of_each_top_office_since_2014():
    kb = load_kb()
    problems = []
    for country in COVERED:
        for kind in ("head_of_state", "head_of_government", "foreign_minister", "defence_minister"):
            for year in range(2014, kb.revised.year + 1):
                for month in (1, 7):
                    day = dt.date(year, month, 15)
                    if day > kb.revised or (country, kind, day) in VACANT:
                        continue
                    holders = {t.person for t in kb.holders(country, kind, day)}
                    if len(holders) != 1:
                        problems.append((country, kind, str(day), sorted(holders)))
    assert not problems, problems[:10]


def test_overlapping_holders_of_one_office_are_rejected(monkeypatch):
    def mutate(data):
        office = next(o for o in data["offices"] if o["id"] == "GBR.prime_minister")
        office["holders"].append(["rishi-sunak", dt.date(2021, 1, 1), dt.date(2021, 6, 1)])

    _patched(monkeypatch, "people.yaml", mutate)
    with pytest.raises(kbmod.KBError, match=r"(?s)people.yaml.*GBR.prime_minister.*overlap"):
        kbmod.build_kb()


def test_igo_entry_missing_a_field_names_the_entry(monkeypatch):
    def mutate(data):
        igo = next(i for i in data["entries"] if i["id"] == "OSCE")
        del igo["code"]

    _patched(monkeypatch, "igos.yaml", mutate)
    with pytest.raises(kbmod.KBError, match=r"(?s)igos.yaml.*\.code \(id='OSCE'\).*required"):
        kbmod.build_kb()


def test_unknown_country_in_countries_yaml_is_rejected(monkeypatch):
    def mutate(data):
        data["countries"].append({"alpha3": "QQQ", "short": ["Qland"]})

    _patched(monkeypatch, "countries.yaml", mutate)
    with pytest.raises(kbmod.KBError, match=r"countries.yaml.*QQQ"):
        kbmod.build_kb()


def test_every_alias_and_role_word_is_split_like_spacy(nlp):
    """The matchers are built from vocab-only Docs; an alias split differently would never match."""
    from barometer.actors.matcher import words

    kb = load_kb()
    phrases = [*kb.aliases, *kb.role_words, *kb.sector_nouns, "Democratic People's Republic of Korea"]
    bad = [p for p in phrases if words(p) != [t.text for t in nlp.make_doc(p)]]
    assert not bad, bad[:10]


def test_non_state_actor_needs_country_with_sector(monkeypatch):
    def mutate(data):
        entry = next(i for i in data["entries"] if i["id"] == "HAMAS")
        del entry["sector"]

    _patched(monkeypatch, "igos.yaml", mutate)
    with pytest.raises(kbmod.KBError, match=r"(?s)igos.yaml.*HAMAS.*country and sector"):
        kbmod.build_kb()


def test_and_split_short_forms_skip_people_nouns_and_surnames():
    kb = load_kb()
    assert [a.record for a in kb.aliases["Bosnia"]] == ["BIH"]
    assert [a.record for a in kb.aliases["Turks"]] == ["TUR"]
    assert "Wallis" not in kb.aliases
    assert [a.record for a in kb.aliases["Northern Ireland"]] == ["GBR"]


def test_duplicate_country_entry_is_rejected(monkeypatch):
    def mutate(data):
        data["countries"].append({"alpha3": "UKR", "short": ["Ukraina"]})

    _patched(monkeypatch, "countries.yaml", mutate)
    with pytest.raises(kbmod.KBError, match=r"countries.yaml.*'UKR'.*twice"):
        kbmod.build_kb()


def test_act_nouns_are_event_nouns_of_the_lexicon():
    # the actor stage's own list of acts (roles.yaml act_nouns) must stay in step with the events lexicon
    from barometer.actors.kb import load_kb
    from barometer.events.lexicon import lexicon

    nouns = load_kb().act_nouns
    assert "sanction" in nouns
    assert not [n for n in nouns if not lexicon().candidates(n, "NOUN")]

"""Precision: idioms, metaphors, disasters, neither/nor, impossibility and possibility code no done event.

Each sentence is hand-made for one filter of ``data/events/filters.yaml`` or one modality cue; none is
taken from a gold set.
"""

from __future__ import annotations

import datetime as dt

import pytest

from barometer.errors import KnowledgeBaseError

DAY = dt.date(2022, 1, 28)


def _events(text: str):
    from barometer.eval.events import code_text

    return code_text(text, DAY)[0]


@pytest.mark.parametrize(("text", "type_"), [
    ("The senator's speech was a hostile attack on the reputation of the Chilean minister.", "ASSAULT"),
    ("The coronavirus has killed six people in Chile this week.", "ASSAULT"),
    ("Six people in Peru were killed in a crash on the motorway.", "ASSAULT"),
    ("The summit of Peru and Chile took place in the capital of Chile.", "ASSAULT"),
    ("The summit of Peru and Chile took place in the capital of Chile.", "COERCE"),
    ("The Chilean minister declined to comment on the report from Peru.", "REJECT"),
    ("The Chilean government rejected the accusations of Peru, calling them baseless.", "CONSULT"),
    ("Any attack on Chile will be met with a firm response, the Chilean president said.", "CONSULT"),
    ("The Chilean president spoke out against the decision of Peru.", "CONSULT"),
    ("The opposition of Chile attacked the government's budget proposal.", "ASSAULT"),
    ("The law of Chile forbids protests near the parliament.", "COERCE"),
    ("Atrocities committed by Peruvian soldiers in Chile were documented.", "MOBILIZE"),
    ("Our thoughts and prayers go to the families in Peru, the Chilean minister said.", "CONSULT"),
    ("Chilean troops came to Peru to fight the rebels.", "CONSULT"),
    ("The Chilean minister said the priority of Chile is to support Peru.", "SUPPORT"),
    ("The new tariffs of Chile will hit the economy of Peru.", "ASSAULT"),
    ("The foreign ministers of Chile and Peru gathered in Lima to discuss trade.", "PROTEST"),
    ("The Chilean president will reinforce this argument when he addresses the summit in Peru.", "MOBILIZE"),
    ("The Chilean minister warned that a catastrophe at the plant would threaten the whole of Peru.", "THREATEN"),
    ("Polls from Chile show support to the war of Peru.", "SUPPORT"),
    ("A Chilean ship left Peru after the agreement.", "SANCTION"),
    ("The president of Chile has not yet conceded the election to the opposition.", "CONCEDE"),
    ("The Chilean minister said it was the duty of Chile to protect Peru.", "AID"),
])
def test_idioms_metaphors_and_disasters_code_no_such_event(text, type_):
    found = [(e.type, e.rule) for e in _events(text)]
    assert type_ not in {t for t, _ in found}, (text, found)


def test_attacking_a_proposal_is_still_not_force_but_a_real_attack_is():
    assert "ASSAULT" in {e.type for e in _events("Peruvian troops attacked a Chilean border post.")}
    assert "CONSULT" in {e.type for e in _events("The Chilean president spoke with the president of Peru.")}
    assert "CONSULT" in {e.type for e in _events("The Chilean president travelled to Peru on Monday.")}
    assert "SUPPORT" in {e.type for e in _events("The Chilean government backed Peru's bid to join the council.")}
    assert "ASSAULT" in {e.type for e in _events("Chilean missiles hit Peruvian banks in Lima.")}


def test_neither_nor_negates_every_party():
    events = [e for e in _events("Neither France, Germany nor Italy recognized the new government of Libya.")
              if e.type == "SUPPORT"]
    assert len(events) == 3 and {e.status for e in events} == {"negated"}


def test_impossible_talks_did_not_happen():
    events = [e for e in _events("Negotiations with Russia are impossible.") if e.type == "CONSULT"]
    assert events and all(e.status == "negated" for e in events)


@pytest.mark.parametrize("text", [
    "Russia could invade Ukraine.",
    "It is likely that Russia will invade Ukraine.",
    "Japan fears a possible invasion of Taiwan by China.",
])
def test_a_possibility_is_not_done_and_carries_no_speech_act(text):
    events = _events(text)
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and all(e.status == "conditional" and e.rule.endswith("+status.hypothetical") for e in assault)
    assert not any(e.rule.startswith("derived.") for e in events), [e.rule for e in events]


def test_future_in_reported_speech_stays_announced():
    (e,) = [e for e in _events("Biden said the United States would send troops to Poland.") if e.type == "MOBILIZE"]
    assert e.status == "announced"


def test_a_plain_negated_fact_is_no_refusal_but_a_failure_is():
    assert not any(e.type == "REJECT" for e in _events("Turkey did not recognize the government of Cyprus."))
    assert any(e.type == "REJECT" for e in _events("Israel and Egypt failed to reach an agreement on the border."))


def test_filters_are_validated():
    from barometer.events.filters import FiltersFile, parse_filters

    bad_rule = FiltersFile(version=1, filters=[{"id": "f.x", "reason": "r", "rule": ["no.such.rule"]}])
    with pytest.raises(KnowledgeBaseError, match="f.x"):
        parse_filters(bad_rule, frozenset({"assault.attack"}))
    no_selector = FiltersFile(version=1, filters=[{"id": "f.y", "reason": "r", "object_any": ["x"]}])
    with pytest.raises(KnowledgeBaseError, match="f.y"):
        parse_filters(no_selector, frozenset())


def test_speaking_and_warning_need_someone_spoken_to_or_warned():
    assert "CONSULT" not in {e.type for e in _events("The Chilean president spoke about the economy of Peru.")}
    assert "CONSULT" in {e.type for e in _events("The presidents of Chile and Peru spoke by phone.")}
    assert "THREATEN" not in {e.type for e in _events("Chile's president warned that a drought would hurt Peru.")}
    assert "THREATEN" in {e.type for e in _events("Chile warned Peru against moving troops to the border.")}


def test_an_invitation_is_an_offer_and_support_for_an_actor_is_support():
    assert "AGREE" in {e.type for e in _events("Chile invited Peru to open talks on the border.")}
    assert "SUPPORT" in {e.type for e in _events("Chile backed Peru in the dispute over the border.")}
    assert "SUPPORT" not in {e.type for e in _events("There is no evidence to support the claims of Peru.")}


@pytest.mark.parametrize("text", [
    "The Chilean minister said Chile adopted sanctions in response to Peru's invasion of Bolivia.",
    "The Chilean president urged Brazil to help halt Peru's war against Bolivia.",
])
def test_a_possessed_event_noun_is_a_known_fact_not_what_the_clause_asks_or_plans(text):
    assault = [e for e in _events(text) if e.type == "ASSAULT"]
    assert assault and all(e.status == "asserted" and e.said_by is None for e in assault), \
        [(e.status, e.rule) for e in assault]


def test_a_possessed_event_noun_keeps_its_own_cue():
    assault = [e for e in _events("Chile warned that Peru's possible invasion of Bolivia would be a disaster.")
               if e.type == "ASSAULT"]
    assert assault and all(e.status == "conditional" for e in assault)


def test_coverage_round_filters():
    # a coup removing a leader is coercion, not a withdrawal of troops
    found = {e.type for e in _events("A military coup removed the Peruvian president and his ministers in 1992.")}
    assert "RETREAT" not in found
    # a reward for information is a request, not aid
    found = {e.type for e in _events("The United States offered a reward of five million dollars for information on the Peruvian rebels.")}
    assert "AID" not in found and "REQUEST" in found
    # pushing two states together is no request
    assert "REQUEST" not in {e.type for e in _events("The sanctions of Chile pushed Peru and Bolivia together.")}


def test_tear_gas_halted_aid_and_forced_out_refugees_are_not_the_new_coverage_readings():
    rules = {e.rule.split("+")[0] for e in _events("Peruvian riot police used tear gas to disperse protesters in Lima.")}
    assert "assault.cbrn" not in rules
    found = {e.type for e in _events("Japan said it had halted economic aid to Peru in line with efforts to end the fighting.")}
    assert "RETREAT" not in found
    rules = {e.rule.split("+")[0] for e in _events("The Chilean army forced out hundreds of Peruvian refugees from a camp.")}
    assert "coerce.coup_remove" not in rules


def test_forced_cooperation_and_a_recognised_heritage_site_are_no_cooperation_or_recognition():
    assert "COOPERATE" not in {e.type for e in _events("Peruvian soldiers forced the Chilean villagers to cooperate.")}
    assert "SUPPORT" not in {e.type for e in _events("The church of Lima has been recognized by Chile as part of the world heritage.")}
    assert "SUPPORT" in {e.type for e in _events("Chile recognized the new government of Peru.")}


def test_an_owned_war_on_a_party_is_an_assault_and_an_ownerless_war_is_not():
    coded = {(e.type, e.source, e.target, e.rule.split("+")[0]) for e in _events(
        "The Chilean war against Peru dominated the regional summit.")}
    assert ("ASSAULT", "CHL", "PER", "assault.war_owned") in coded
    coded = {(e.source, e.target) for e in _events("Chile's war in Peru has cost billions.") if e.type == "ASSAULT"}
    assert ("CHL", "PER") in coded
    # a background reference without an owner, or "on the part of" its owner, codes no owned war
    for text in ("The war in Peru has changed the region.",
                 "There will be no Peruvian war on the part of Chile, the minister said."):
        assert "assault.war_owned" not in {e.rule.split("+")[0] for e in _events(text)}

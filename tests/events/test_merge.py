"""One event per fact per article (issue 16 item 5): sentences written for these tests, none from a gold set."""

from __future__ import annotations

from tests.events.test_coder import code


def test_a_fact_stated_twice_is_one_event_with_both_sentences():
    text = ("Poland expelled three Russian diplomats. Officials gave no reason. "
            "Poland expelled the Russian diplomats after a spy scandal.")
    found, _ = code(text)
    sanctions = [e for e, s, t, _ in found if e.type == "SANCTION" and s == "POL"]
    assert len(sanctions) == 1, found
    (e,) = sanctions
    assert e.evidence.text.startswith("Poland expelled three") and len(e.mentions) == 1
    assert e.mentions[0].text.startswith("Poland expelled the Russian diplomats after")


def test_the_same_act_on_different_days_stays_two_events():
    found, _ = code("Russia shelled Kharkiv on Monday. Russia shelled Kharkiv again on Wednesday.")
    assert len([e for e, s, *_ in found if e.type == "ASSAULT" and s == "RUS"]) == 2, found


def test_different_statuses_stay_apart():
    found, _ = code("Russia attacked Ukraine. Russia will attack Ukraine again, Moscow said.")
    statuses = sorted(e.status for e, s, *_ in found if e.type == "ASSAULT" and s == "RUS")
    assert len(statuses) == 2 and statuses[0] != statuses[1], found


def test_a_statement_naming_one_party_is_the_fact_that_names_both():
    found, _ = code("Russia invaded Ukraine. Officials met in Geneva. Sanctions followed the invasion of Ukraine.")
    assaults = [(s, t) for e, s, t, _ in found if e.type == "ASSAULT"]
    assert assaults == [("RUS", "UKR")], found


def test_a_partial_statement_with_two_candidates_stays_apart():
    found, _ = code("Russia attacked Ukraine. Russia attacked Georgia. The attack by Russia was condemned.")
    assert len([e for e, s, *_ in found if e.type == "ASSAULT"]) >= 2, found


def test_a_state_and_its_government_are_one_party_of_a_fact():
    text = ("The Kremlin expelled two Polish diplomats. Officials gave no reason. "
            "Russia expelled the Polish diplomats after a spy scandal.")
    found, _ = code(text)
    sanctions = [e for e, *_ in found if e.type == "SANCTION"]
    assert len(sanctions) == 1 and len(sanctions[0].mentions) == 1, found


def test_police_and_journalists_of_one_country_stay_two_targets():
    found, _ = code("Serbian protesters attacked Serbian police officers. Then Serbian protesters attacked Serbian journalists.")
    assert sorted(t for e, _, t, _ in found if e.type == "ASSAULT") == ["SRBCOP", "SRBMED"], found

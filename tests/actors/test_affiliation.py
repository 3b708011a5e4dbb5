"""Issue 20: a person outside the KB takes the code of the body their own phrase names; group phrases
definite wherever their "the" hangs; places the KB lacks give a country by the gazetteer; a bare KB
surname named nowhere in full is no KB person out of office."""

from __future__ import annotations

import pytest
from tests.actors.conftest import at


@pytest.mark.parametrize(("text", "phrase", "code"), [
    ("Reuters' Anna Kowalczyk wrote that the talks had failed.", "Anna Kowalczyk", "GBRMED"),
    ("Piotr Nowicki of Reuters said the convoy had turned back.", "Piotr Nowicki", "GBRMED"),
    ("A member of the Kenyan Parliament, Otieno Wafula said the tax was unfair.", "Otieno Wafula", "KENLEG"),
    ("Tunisia's courts heard the case against Tunisia. It is sound, argued the government's lawyer, Karim Ben Salah.",
     "Karim Ben Salah", "TUNGOV"),
    ("Iraq's water crisis deepened across Iraq. Haider Jasim, of the Basra provincial council, said the water was poisoned.", "Haider Jasim", "IRQLEG"),
    ("Houthi military spokesperson Abdullah Qasim said the drones had struck.", "Abdullah Qasim", "YEMREB"),
    # national news agencies and broadcasters of organisations.yaml
    ("Deutsche Welle's Lena Hartmann asked the minister about the pipeline.", "Lena Hartmann", "DEUMED"),
    ("The strike was reported by the Syrian Arab News Agency.", "Syrian Arab News Agency", "SYRMED"),
])
def test_a_person_takes_the_code_of_the_body_their_phrase_names(resolve, text, phrase, code):
    assert at(resolve(text), text, phrase).code == code


def test_a_capital_says_where_someone_lives_not_their_body(resolve):
    text = "Olena Marchenko, of Kyiv, said the sirens woke her."
    a = at(resolve(text), text, "Olena Marchenko")
    assert a is None or a.code != "UKRGOV"


def test_a_group_noun_of_the_table_is_definite_wherever_its_the_hangs(resolve):
    text = "Maria Lopez, a representative for the Dallas Sheriff's office, said the man was released."
    layer = resolve(text)
    assert at(layer, text, "Sheriff's office").sector == "COP"
    assert at(layer, text, "Maria Lopez").code.endswith("COP")


def test_a_sector_noun_still_needs_the_right_before_it(resolve):
    text = "The international criminal court (ICC) opened a case."
    assert at(resolve(text), text, "court") is None


@pytest.mark.parametrize(("name", "country"), [
    ("Lagos", "NGA"), ("Los Angeles", "USA"), ("Florida", "USA"), ("Ontario", "CAN"), ("Paris", "FRA"),
    ("Punjab", None),  # a province in India and one in Pakistan: in doubt
])
def test_place_country_reads_the_gazetteer_and_iso_3166_2(name, country):
    from barometer.actors.groups import place_country

    assert place_country(name) == country


def test_a_city_the_kb_lacks_locates_a_group_and_the_article(resolve):
    text = "Lagos police fired tear gas."
    assert at(resolve(text), text, "police").code == "NGACOP"
    text = ("The Los Angeles mayor spoke in Los Angeles. Fires spread across California and Los Angeles. "
            "Jane Kirby, 41, said she lost her home.")
    assert at(resolve(text, "2019-09-01"), text, "Jane Kirby").code == "USACVL"


def test_a_bare_kb_surname_out_of_office_is_no_kb_person(resolve):
    text = "A university student named Wong said the rally would go on."
    a = at(resolve(text, "2019-08-19"), text, "Wong")
    assert a is None or a.kb_id is None


def test_a_presiding_officer_of_a_legislature_is_leg_not_gov(resolve):
    text = "The president of the National Assembly of Kenya, Jane Mwangi, said the bill would pass."
    assert at(resolve(text), text, "Jane Mwangi").code == "KENLEG"

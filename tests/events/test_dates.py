"""Event dates from the sentence (issue 16 item 3): sentences written for these tests, none from a gold set."""

from __future__ import annotations

import datetime as dt

from tests.events.test_coder import FRIDAY, code, only


def test_a_year_or_a_month_dates_the_event_at_that_granularity():
    (e, *_), = only("Russia annexed Crimea in 2014.", "COERCE")
    assert (e.date, e.date_granularity) == (dt.date(2014, 1, 1), "year")
    (e, *_), = only("Turkey attacked Syria last March.", "ASSAULT")
    assert (e.date, e.date_granularity) == (dt.date(2021, 3, 1), "month")


def test_a_time_on_the_object_noun_dates_that_noun_not_the_verb():
    found, _ = code("Britain seized the Security Council on Thursday, calling for a meeting on Monday.")
    request = [e for e, *_ in found if e.type == "REQUEST"]
    assert request and all(e.date == dt.date(2022, 1, 27) for e in request), found


def test_during_a_visit_on_monday_dates_the_clause():
    (e, *_), = only("During his visit on Monday, Xi Jinping praised Vladimir Putin.", "SUPPORT")
    assert e.date == dt.date(2022, 1, 24)


def test_a_reported_fact_takes_the_day_it_was_reported():
    (e, *_), = only("On Tuesday, Iranian media reported that Iran had arrested a French journalist.", "COERCE")
    assert e.date == dt.date(2022, 1, 25)


def test_an_undated_current_event_takes_the_day_the_article_is_about():
    found, _ = code("On Wednesday, Germany said Navalny had been poisoned. Angela Merkel demanded an explanation "
                    "from Russia.")
    (e,) = [e for e, *_ in found if e.type == "REQUEST"]
    assert e.date == dt.date(2022, 1, 26)
    found, _ = code("Angela Merkel demanded an explanation from Russia.")
    (e,) = [e for e, *_ in found if e.type == "REQUEST"]
    assert e.date == FRIDAY


def test_an_event_told_in_the_present_is_of_the_publication_day_not_the_paragraph_day():
    found, _ = code("On Wednesday, Germany said Navalny had been poisoned. Poland demands that Russia "
                    "releases Navalny.")
    (e,) = [e for e, *_ in found if e.type == "REQUEST"]
    assert e.date == FRIDAY
    found, _ = code("On Wednesday, Germany said Navalny had been poisoned. Angela Merkel has demanded an "
                    "explanation from Russia.")
    (e,) = [e for e, *_ in found if e.type == "REQUEST"]
    assert e.date == FRIDAY


def test_a_time_in_a_when_or_before_clause_dates_the_main_clause():
    found, _ = code("Hours before the plane crashed on Monday, Syria fired rockets at Israeli troops.")
    assault = [e for e, *_ in found if e.type == "ASSAULT"]
    assert assault and all(e.date == dt.date(2022, 1, 24) for e in assault), found
    found, _ = code("Britain has avoided criticising Russia, while France condemned Russia on Monday.")
    (e,) = [e for e, *_ in found if e.type == "ACCUSE" and e.status == "negated"]
    assert e.date == FRIDAY  # "while" is a contrast here, not a time

"""Background is not the present (issue 16 item 4): which events are historical. Sentences written
for these tests, none from a gold set."""

from __future__ import annotations

import datetime as dt

from tests.events.test_coder import code, only


def test_an_event_dated_a_month_or_more_before_the_article_is_historical():
    (e, *_), = only("Russia annexed Crimea in 2014.", "COERCE")
    assert e.historical
    (e, *_), = only("Russia annexed Crimea on Monday.", "COERCE")
    assert not e.historical


def test_a_month_counts_from_its_last_day():
    july_8 = dt.date(2019, 7, 8)
    (e, *_), = only("Militants bombed a police station in Tunis last month.", "ASSAULT", july_8)
    assert (e.date, e.date_granularity, e.historical) == (dt.date(2019, 6, 1), "month", False)
    (e, *_), = only("Militants bombed a police station in Tunis last March.", "ASSAULT", july_8)
    assert e.historical


def test_previously_marks_an_undated_event_as_background():
    (e, *_), = only("President Joe Biden has previously warned Russia against deploying chemical weapons.",
                    "THREATEN")
    assert e.historical
    (e, *_), = only("President Joe Biden warned Russia against deploying chemical weapons.", "THREATEN")
    assert not e.historical


def test_a_background_event_noun_in_a_phrase_is_historical_but_its_context_is_not():
    found, _ = code("The European Union extended its sanctions against Russia over its invasion of Ukraine.")
    by_type = {e.type: e for e, *_ in found}
    assert by_type["ASSAULT"].historical and not by_type["SANCTION"].historical, found


def test_the_act_an_anniversary_marks_is_historical():
    found, _ = code("Ukrainians marked the eighth anniversary of the annexation of Crimea by Russia.")
    assert [e.historical for e, *_ in found if e.type == "COERCE"] == [True], found

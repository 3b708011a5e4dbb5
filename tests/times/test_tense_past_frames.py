"""A planned-event noun in a past clause is past; a future weekday of the publication's weekday is that day."""

from __future__ import annotations

import datetime as dt

from barometer.times import resolve_times


def _values(nlp, text: str, published: dt.date) -> dict[str, str | None]:
    return {t.text: t.value for t in resolve_times(nlp(text), published)}


def test_a_visit_noun_in_a_past_clause_is_past(nlp):
    wednesday = dt.date(2023, 3, 22)
    assert _values(nlp, "During his visit on Monday, Xi praised Putin.", wednesday)["on Monday"] == "2023-03-20"
    assert _values(nlp, "The visit on Monday will be short.", wednesday)["on Monday"] == "2023-03-27"


def test_a_future_weekday_of_a_papers_own_weekday_is_that_day(nlp):
    monday = dt.date(2022, 3, 14)
    assert _values(nlp, "Sullivan will meet Yang on Monday in Rome.", monday)["on Monday"] == "2022-03-14"
    assert _values(nlp, "Sullivan will meet Yang next Monday in Rome.", monday)["next Monday"] == "2022-03-21"

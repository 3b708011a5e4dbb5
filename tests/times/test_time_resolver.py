"""Time expressions resolved against the publication date, by tense, with the known traps."""

from __future__ import annotations

import datetime as dt

import pytest

from barometer.layers import TimeLayer
from barometer.times import resolve_times

FRIDAY = dt.date(2022, 1, 28)


def _times(nlp, text: str, published: dt.date | None = FRIDAY):
    doc = nlp(text)
    refs = resolve_times(doc, published)
    for r in refs:
        assert text[r.start:r.end] == r.text
    return doc, refs


def _one(nlp, text: str, needle: str):
    _, refs = _times(nlp, text)
    hits = [r for r in refs if needle in r.text]
    assert hits, f"no time expression containing {needle!r} in {[r.text for r in refs]}"
    return hits[0]


@pytest.mark.parametrize(("text", "needle", "value"), [
    ("The United States and NATO formally rejected these requests on Wednesday.", "Wednesday", "2022-01-26"),
    # dateparser's prefer-past trap: "on Friday" in a Friday article is that very day, not a week back.
    ("Zelensky on Friday called on Westerners not to sow panic.", "Friday", "2022-01-28"),
    # dateparser's future trap: "will meet on Monday" is the coming Monday.
    ("The two leaders will meet on Monday in Geneva.", "Monday", "2022-01-31"),
    ("The United States also seized the UN Security Council on Thursday, calling for a meeting on Monday.",
     "Monday", "2022-01-31"),
    ("The United States also seized the UN Security Council on Thursday, calling for a meeting on Monday.",
     "Thursday", "2022-01-27"),
    ("Rebels attacked the town last Friday.", "Friday", "2022-01-21"),
    ("Joe Biden announced on Friday, January 28, the dispatch of soldiers.", "January 28", "2022-01-28"),
    ("The treaty was signed on 3 February 2021.", "February", "2021-02-03"),
    ("Troops withdrew two weeks ago.", "ago", "2022-W02"),
    ("Talks resume next month.", "next month", "2022-02"),
    ("There was no escalation last year.", "last year", "2021"),
    ("It was not less severe in 2021.", "2021", "2021"),
    ("He resigned last March.", "March", "2021-03"),
    ("The Prime Minister must meet Putin in the coming days.", "coming days", "2022-01-29/2022-02-04"),
    ("Talks were held yesterday.", "yesterday", "2022-01-27"),
])
def test_dates_resolved_against_publication_date(nlp, text, needle, value):
    assert _one(nlp, text, needle).value == value


def test_month_day_without_year_takes_the_year_nearest_publication(nlp):
    ref = _one(nlp, "Fighting broke out on December 30.", "December")
    assert ref.value == "2021-12-30"


def test_duration_is_not_a_date(nlp):
    # dateparser turns "20 years" into a date; it is a duration.
    ref = _one(nlp, "Russia considers itself threatened by the expansion of NATO for 20 years.", "20 years")
    assert ref.role == "duration" and ref.value == "P20Y" and ref.granularity == "duration"
    hour = _one(nlp, "Activists staged a 24-hour hunger strike.", "24-hour")
    assert hour.value == "PT24H" and hour.role == "duration"


def test_year_used_as_reference_is_not_an_event_date(nlp):
    ref = _one(nlp, "Russia wants the return of Western deployments to the 1997 borders.", "1997")
    assert ref.role == "reference" and ref.value == "1997"


def test_bare_number_before_a_unit_is_not_a_duration(nlp):
    _, refs = _times(nlp, "The France 24 week invites you back.")
    assert refs == []


def test_may_the_modal_is_not_a_month(nlp):
    _, refs = _times(nlp, "Russia may attack.")
    assert refs == []


def test_without_publication_date_relative_expressions_have_no_value(nlp):
    _, refs = _times(nlp, "Troops withdrew on Wednesday.", published=None)
    assert [r.value for r in refs] == [None]


def test_time_layer_governing_dates_the_clause_not_the_reported_event(nlp):
    text = "Bosnian Serbs said on Tuesday their forces had completed their withdrawal from the town."
    doc, refs = _times(nlp, text)
    said = next(t for t in doc if t.text == "said")
    completed = next(t for t in doc if t.text == "completed")
    assert TimeLayer(refs).governing(said).value == "2022-01-25"
    assert TimeLayer(refs).governing(completed) is None


def test_time_layer_governing_skips_durations_and_references(nlp):
    text = "Russia considers itself threatened by the expansion of NATO for 20 years."
    doc, refs = _times(nlp, text)
    assert TimeLayer(refs).governing(next(t for t in doc if t.text == "considers")) is None


def test_time_layer_governing_for_rejected_on_wednesday(nlp):
    text = "The United States and NATO formally rejected these requests on Wednesday."
    doc, refs = _times(nlp, text)
    assert TimeLayer(refs).governing(next(t for t in doc if t.text == "rejected")).value == "2022-01-26"


def test_may_after_a_preposition_is_the_month(nlp):
    _, refs = _times(nlp, "In May the council finally backed the plan.")
    assert [r.value[5:] for r in refs if r.value] == ["05"], refs

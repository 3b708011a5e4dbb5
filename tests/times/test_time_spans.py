"""time_spans: the ranges the amount extractor blocks are the time grammar's, whatever the date."""

import datetime as dt

from barometer.times.resolver import resolve_times, time_spans

TEXT = ("On Monday, 3 February, NATO said it would send 5,000 troops within two weeks; in 2014 Russia "
        "annexed Crimea, and next month talks resume. Last year the 1997 borders were discussed for 10 days.")


def test_spans_found_with_a_date_equal_spans_without_one(nlp):
    dated = nlp(TEXT)
    refs = resolve_times(dated, dt.date(2022, 1, 28))
    assert refs and time_spans(dated) == [(r.start, r.end) for r in refs]
    undated = nlp(TEXT)
    assert time_spans(undated) == [(r.start, r.end) for r in resolve_times(nlp(TEXT), None)]
    assert time_spans(dated) == time_spans(undated)


def test_a_doc_never_seen_by_the_time_stage_runs_the_grammar(nlp):
    doc = nlp("Talks resume next week.")
    assert time_spans(doc) == [(r.start, r.end) for r in resolve_times(nlp("Talks resume next week."), None)]
    assert time_spans(doc)

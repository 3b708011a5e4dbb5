"""TimeLayer.claimed: the ranges the amount stage blocks are the time grammar's, whatever the date."""

import datetime as dt

from barometer.layers import TimeLayer
from barometer.times.resolver import resolve_times

TEXT = ("On Monday, 3 February, NATO said it would send 5,000 troops within two weeks; in 2014 Russia "
        "annexed Crimea, and next month talks resume. Last year the 1997 borders were discussed for 10 days.")


def test_claimed_ranges_do_not_depend_on_the_publication_date(nlp):
    dated = TimeLayer(resolve_times(nlp(TEXT), dt.date(2022, 1, 28)))
    undated = TimeLayer(resolve_times(nlp(TEXT), None))
    assert dated and dated.claimed() == [(r.start, r.end) for r in dated]
    assert dated.claimed() == undated.claimed()


def test_the_amount_stage_reads_the_claims_of_the_time_layer_it_is_given(nlp):
    from barometer.amounts.extractor import extract_amounts
    from barometer.layers import ActorLayer

    doc = nlp("Talks resume in 2023 with 40 delegates.")
    assert [a.text for a in extract_amounts(doc, ActorLayer(), [])] == ["2023", "40"]
    claimed = TimeLayer(resolve_times(doc, None)).claimed()
    assert [a.text for a in extract_amounts(doc, ActorLayer(), claimed)] == ["40"]

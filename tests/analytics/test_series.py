"""Dyad series over the synthetic crisis store (tests/conftest.py): counts, normalisation, statuses."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import SYNTHETIC_BUSY_WEEK, SYNTHETIC_SPIKE_WEEK

from barometer.analytics.series import dyad_events, dyad_series, network, period_label, top_dyads
from barometer.errors import InputError
from barometer.store import DuckStore


def by_period(series):
    return {r["period"]: r for r in series.rows}


def test_weekly_series_has_one_row_per_week_with_articles(store):
    s = dyad_series(store, "RUS", "UKR", by="week")
    assert [r["label"] for r in s.rows] == [f"2022-W{w:02d}" for w in range(1, 11)]
    assert all(r["period"].weekday() == 0 for r in s.rows)
    assert sum(r["articles"] for r in s.rows) == 130


def test_country_key_merges_government_and_military(store):
    rows = by_period(dyad_series(store, "RUS", "UKR"))
    spike = rows[SYNTHETIC_SPIKE_WEEK]
    # 10 articles, each with one RUSMIL strike and one RUS attack: all count for RUS→UKR.
    assert spike["events"] == 20 and spike["q4"] == 20 and spike["types"] == {"ASSAULT": 20}
    assert spike["goldstein_sum"] == -200.0 and spike["goldstein_mean"] == -10.0
    only_mil = by_period(dyad_series(store, "RUSMIL", "UKR"))[SYNTHETIC_SPIKE_WEEK]
    assert only_mil["events"] == 10


def test_busy_week_is_not_an_escalation_by_itself(store):
    rows = by_period(dyad_series(store, "RUS", "UKR"))
    busy, before = rows[SYNTHETIC_BUSY_WEEK], rows[SYNTHETIC_BUSY_WEEK - dt.timedelta(weeks=1)]
    assert busy["events"] == 4 * before["events"]
    assert busy["conflict_intensity"] == before["conflict_intensity"] == 1.0
    assert busy["escalation_index"] == before["escalation_index"]
    assert rows[SYNTHETIC_SPIKE_WEEK]["conflict_intensity"] == 20.0


def test_threats_are_counted_apart_from_done_events(store):
    rows = dyad_series(store, "RUS", "UKR").rows
    w06 = rows[5]
    assert w06["label"] == "2022-W06"
    assert w06["threats"] == 3 and w06["events"] == 5
    assert w06["conflict_intensity"] == 1.0  # the announced threats do not count as done conflict
    assert w06["threat_intensity"] == pytest.approx(3 * 7.0 / 10)
    assert "THREATEN" not in w06["types"]


def test_cooperation_lowers_the_escalation_index_and_direction_matters(store):
    fra_rus = by_period(dyad_series(store, "FRA", "RUS"))
    w06 = dt.date(2022, 2, 7)
    assert fra_rus[w06]["q1"] == 3 and fra_rus[w06]["cooperation_intensity"] == pytest.approx(0.3)
    assert fra_rus[w06]["escalation_index"] == pytest.approx(-0.3)
    assert sum(r["events"] for r in dyad_series(store, "RUS", "FRA").rows) == 0
    undirected = dyad_series(store, "RUS", "FRA", directed=False)
    assert sum(r["events"] for r in undirected.rows) == 3 and undirected.label == "RUS–FRA"


def test_daily_and_monthly_periods(store):
    days = dyad_series(store, "RUS", "UKR", by="day", since=dt.date(2022, 2, 21), until=dt.date(2022, 2, 25))
    assert [r["label"] for r in days.rows] == [f"2022-02-{d}" for d in range(21, 26)]
    assert sum(r["events"] for r in days.rows) == 20
    months = dyad_series(store, "RUS", "UKR", by="month")
    assert [r["label"] for r in months.rows] == ["2022-01", "2022-02", "2022-03"]
    assert period_label(dt.date(2022, 2, 21), "week") == "2022-W08"


def test_bad_period_is_an_input_error(store):
    with pytest.raises(InputError):
        dyad_series(store, "RUS", "UKR", by="fortnight")
    with pytest.raises(InputError):
        dyad_series(store, "RUS", " ")


def test_point_events_point_back_to_their_evidence(store):
    events = dyad_events(store, "RUS", "UKR", period=SYNTHETIC_SPIKE_WEEK, by="week")
    assert len(events) == 20 and {e["type"] for e in events} == {"ASSAULT"}
    article = store.analysis(events[0]["article_id"])
    e = events[0]
    assert article.article.text[e["evidence_start"]:e["evidence_end"]] == e["evidence"]


def test_top_dyads_and_network(store):
    top = top_dyads(store, directed=False)
    assert (top[0]["a"], top[0]["b"]) == ("RUS", "UKR")
    net = network(store, since=SYNTHETIC_SPIKE_WEEK, until=SYNTHETIC_SPIKE_WEEK + dt.timedelta(days=6))
    assert net["edges"] == [{"src": "RUS", "tgt": "UKR", "events": 20, "goldstein_sum": -200.0, "conflict": 200.0,
                             "cooperation": 0.0}]
    assert {n["id"] for n in net["nodes"]} == {"RUS", "UKR"}


def test_a_syndicated_story_counts_once(tmp_path):
    """A wire copy (same story, another outlet, a day later) changes no figure of any dyad."""
    from barometer import analyze

    original = ("Border talks fail\n\nRussian troops attacked Ukrainian positions near Donetsk on Monday. "
                "The United States condemned Russia for the attack on Tuesday. Germany said talks with Moscow "
                "would continue in Berlin next week despite the tension.")
    copy = original.replace("Border talks fail", "Talks fail at the border") + " Reporting by the wire desk."
    a1, a2 = analyze(original, "2022-01-24"), analyze(copy, "2022-01-25")
    pairs = {(e.source, e.target) for e in a1.events if e.source and e.target}
    codes = {a.id: a.country or a.code for a in a1.actors}
    assert pairs, "the original must code at least one dyad"
    with DuckStore(tmp_path / "one.duckdb") as one, DuckStore(tmp_path / "two.duckdb") as two:
        one.add(a1)
        two.add(a1)
        two.add(a2)
        assert two.query("SELECT COUNT(DISTINCT story_id) FROM articles")[1][0][0] == 1
        for src, tgt in pairs:
            s1 = dyad_series(one, codes[src], codes[tgt], by="week")
            s2 = dyad_series(two, codes[src], codes[tgt], by="week")
            assert [(r["events"], r["articles"], r["escalation_index"]) for r in s1.rows] == \
                [(r["events"], r["articles"], r["escalation_index"]) for r in s2.rows]
            assert sum(r["events"] for r in s2.rows) >= 1

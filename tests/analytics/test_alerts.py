"""Alerts over the synthetic crisis store, and the guards that make an alert defensible."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from tests.conftest import SYNTHETIC_OUTLETS, SYNTHETIC_SPIKE_WEEK

from barometer.analytics.alerts import find_alerts, outlet_key
from barometer.analytics.change import poisson_tail
from barometer.analytics.scope import Scope
from barometer.errors import InputError
from barometer.model import Actor, Analysis, Article, Event, Span
from barometer.store import DuckStore


def test_the_spike_week_fires_one_alert_and_the_busy_week_none(store):
    alerts = find_alerts(store)
    assert [(a.a, a.b, a.label) for a in alerts] == [("RUS", "UKR", "2022-W08")]
    a = alerts[0]
    assert a.period == SYNTHETIC_SPIKE_WEEK and a.method == "sigma"
    assert a.value == 20.0 and a.baseline_mean == 1.0 and a.baseline_periods == 7
    assert (a.events, a.stories, a.outlets, a.articles) == (20, 10, 3, 10)
    assert a.message.startswith(f"RUS→UKR conflict intensity {a.z:.1f}σ above its 8-week baseline in week 2022-W08")
    assert "20 events in 10 stories from 3 outlets" in a.message


def test_an_alert_lists_the_stories_and_top_events_it_rests_on(store):
    a = find_alerts(store)[0]
    assert len(a.evidence) == 10 and sorted(a.outlet_names) == sorted(o.lower() for o in SYNTHETIC_OUTLETS)
    for story in a.evidence:
        text = store.analysis(story["article_id"]).article.text
        assert story["events"] and story["weight"] == 20.0
        for e in story["events"]:  # each listed event leads back to its sentence
            assert e["type"] == "ASSAULT" and text[e["evidence_start"]:e["evidence_end"]] == e["evidence"]
    assert a.top_event["type"] == "ASSAULT" and a.top_event["weight"] == 10.0


def test_baseline_window_is_the_preceding_periods_only(store):
    # With a 3-week window the baseline of W08 is W05–W07; W09 (back to normal) must not alert.
    alerts = find_alerts(store, window=3)
    assert [a.label for a in alerts] == ["2022-W08"] and alerts[0].baseline_periods == 3


def test_thresholds_metric_direction_and_actor_filters(store):
    z = find_alerts(store)[0].z
    assert find_alerts(store, threshold=z + 1) == []
    assert [a.label for a in find_alerts(store, metric="escalation")] == ["2022-W08"]
    und = find_alerts(store, directed=False)
    assert len(und) == 1 and "RUS–UKR" in und[0].message
    assert find_alerts(store, actor="FRA") == []
    assert len(find_alerts(store, actor="ukr")) == 1
    # A large noise floor keeps a modest rise from alerting.
    assert find_alerts(store, min_sigma=100.0) == []


@pytest.mark.parametrize(("method", "threshold"), [("cusum", None), ("poisson", 1.3)])
def test_every_change_test_finds_the_spike_week(store, method, threshold):
    alerts = find_alerts(store, method=method, threshold=threshold)
    assert [(a.a, a.b, a.label, a.method) for a in alerts] == [("RUS", "UKR", "2022-W08", method)]
    if method == "poisson":
        # 10 of 10 stories carry RUS→UKR conflict, against 50 of 100 in the seven weeks before: a
        # story count can at most double here, so its p-value is modest (docs/analytics.md).
        assert alerts[0].expected_stories == pytest.approx((50 + 1) / (100 + 1) * 10, abs=1e-3)
        assert 1e-3 < alerts[0].p_value < 0.05 and "p = " in alerts[0].message
        assert find_alerts(store, method="poisson") == []  # at its default p ≤ 0.001


def test_daily_alerts_need_a_baseline(store):
    # Two reports a day: a daily alert can rest on two stories at most.
    assert find_alerts(store, by="day", window=14, min_periods=5) == []
    days = find_alerts(store, by="day", window=14, min_periods=5, min_stories=2)
    assert days and all(a.period >= SYNTHETIC_SPIKE_WEEK for a in days)
    assert all(a.label.startswith("2022-02-2") for a in days)


def _one_article_spike(path, *, historical: bool = False) -> DuckStore:
    """Seven calm weeks (three reports from three outlets, one accusation a week), then a week in
    which one long article codes ten strikes while two other reports say nothing of RUS→UKR."""
    store = DuckStore(path)
    start = dt.date(2022, 1, 3)
    for week in range(8):
        for i in range(3):
            day = start + dt.timedelta(weeks=week, days=i)
            spike = week == 7 and i == 0
            n = 10 if spike else (1 if i == 0 else 0)
            sents = [f"Report {week}.{i}."] + [f"Russia struck Ukraine, strike {k}." for k in range(n)]
            text = " ".join(sents)
            actors = [Actor(id="r", name="Russia", kind="state", country="RUS", code="RUS",
                            mentions=[Span(start=text.index("Russia"), end=text.index("Russia") + 6, text="Russia")]),
                      Actor(id="u", name="Ukraine", kind="state", country="UKR", code="UKR",
                            mentions=[Span(start=text.index("Ukraine"), end=text.index("Ukraine") + 7,
                                           text="Ukraine")])] if n else []
            events, pos = [], len(sents[0]) + 1
            for k, s in enumerate(sents[1:]):
                typ, quad, gold = ("ASSAULT", 4, -10.0) if spike else ("ACCUSE", 3, -2.0)
                events.append(Event(id=f"e{k}", type=typ, quad_class=quad, goldstein=gold, source="r", target="u",
                                    status="asserted", date=dt.date(2014, 3, 1) if spike and historical else day,
                                    historical=spike and historical, rule="test.strike",
                                    evidence=Span(start=pos, end=pos + len(s), text=s)))
                pos += len(s) + 1
            events.append(Event(id="bg", type="CONSULT", quad_class=1, goldstein=1.0, status="asserted", date=day,
                                rule="test.background", evidence=Span(start=0, end=len(sents[0]), text=sents[0])))
            store.add(Analysis(article=Article(id=f"{week}{i}".rjust(64, "a"), title=f"r{week}.{i}", published=day,
                                               text=text, outlet=f"outlet {i}"), actors=actors, events=events))
    return store


def test_one_article_is_never_an_alert_by_itself(tmp_path):
    with _one_article_spike(tmp_path / "one.duckdb") as store:
        assert find_alerts(store) == []
        lone = find_alerts(store, min_stories=1, min_outlets=1)  # the guard is what keeps it out
        assert [(a.label, a.stories, a.outlets) for a in lone] == [("2022-W08", 1, 1)]


def test_historical_events_count_only_at_their_own_date_when_asked(tmp_path):
    with _one_article_spike(tmp_path / "hist.duckdb", historical=True) as store:
        kw = {"min_stories": 1, "min_outlets": 1}
        assert find_alerts(store, **kw) == []  # the ten strikes of 2014 are not news of 2022-W08
        asked = find_alerts(store, scope=Scope(historical=True), **kw)
        assert all(a.period.year == 2022 for a in asked)  # 2014 has no baseline: at its own date, no alert


def test_confidence_bound_leaves_events_out(store):
    assert find_alerts(store, scope=Scope(min_confidence=1.0))  # the synthetic events have confidence 1.0
    with pytest.raises(InputError):
        Scope(min_confidence=1.5)


def test_outlet_key_falls_back_to_the_url_host():
    assert outlet_key(" BBC  News ", None) == "bbc news"
    assert outlet_key(None, "https://www.theguardian.com/world/x") == "theguardian.com"
    assert outlet_key("", "") is None and outlet_key(None, None) is None


def test_poisson_tail_matches_the_closed_form():
    mu = 2.5
    for k in range(0, 12):
        exact = 1 - sum(math.exp(-mu) * mu ** j / math.factorial(j) for j in range(k))
        assert poisson_tail(k, mu) == pytest.approx(exact, rel=1e-9, abs=1e-15)
    assert poisson_tail(3, 0.0) == 0.0 and poisson_tail(0, 0.0) == 1.0
    assert 0 < poisson_tail(400, 50.0) < 1e-100  # the far tail, without overflow


def test_bad_parameters_are_input_errors(store):
    with pytest.raises(InputError):
        find_alerts(store, metric="tone")
    with pytest.raises(InputError):
        find_alerts(store, method="fourier")
    with pytest.raises(InputError):
        find_alerts(store, window=1)
    with pytest.raises(InputError):
        find_alerts(store, min_sigma=0)

"""Spike alerts over the synthetic crisis store."""

from __future__ import annotations

import pytest
from tests.conftest import SYNTHETIC_SPIKE_WEEK

from barometer.analytics.alerts import find_alerts
from barometer.errors import InputError


def test_the_spike_week_fires_one_alert_and_the_busy_week_none(store):
    alerts = find_alerts(store)
    assert [(a.a, a.b, a.label) for a in alerts] == [("RUS", "UKR", "2022-W08")]
    a = alerts[0]
    assert a.period == SYNTHETIC_SPIKE_WEEK
    assert a.value == 20.0 and a.baseline_mean == 1.0 and a.baseline_periods == 7
    assert a.message.startswith(f"RUS→UKR conflict intensity {a.z:.1f}σ above its 8-week baseline in week 2022-W08")


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


def test_daily_alerts_need_a_baseline(store):
    days = find_alerts(store, by="day", window=14, min_periods=5)
    assert days and all(a.period >= SYNTHETIC_SPIKE_WEEK for a in days)
    assert all(a.label.startswith("2022-02-2") for a in days)


def test_bad_parameters_are_input_errors(store):
    with pytest.raises(InputError):
        find_alerts(store, metric="tone")
    with pytest.raises(InputError):
        find_alerts(store, window=1)
    with pytest.raises(InputError):
        find_alerts(store, min_sigma=0)

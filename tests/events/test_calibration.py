"""Calibrated confidence (``events/calibration.py``, ``data/events/calibration.yaml``, docs/events.md)."""

from __future__ import annotations

import pytest

from barometer.data import load_data, parse_data
from barometer.errors import KnowledgeBaseError
from barometer.events.calibration import CalibrationFile, Features, bin_of, calibration, raw_scores


def _f(family="trigger", parties="both", placed=True, same_root=False, raw=0.9, status="asserted") -> Features:
    return Features(family, parties, placed, same_root, raw, status)


def test_the_file_loads_and_every_confidence_is_its_smoothed_dev_share():
    table = load_data("events/calibration.yaml", CalibrationFile)
    assert table.fitted_on == "dev" and table.right == "event"
    assert table.bins[-1].catch_all() and not any(b.catch_all() for b in table.bins[:-1])
    dev_n = sum(b.dev.n for b in table.bins)
    dev_right = sum(b.dev.right for b in table.bins)
    for b in table.bins:
        assert b.dev is not None and b.train is not None, f"{b.id}: fitted without counts"
        n, right = (b.dev.n, b.dev.right) if b.dev.n else (dev_n, dev_right)
        assert b.confidence == pytest.approx(round((right + 1) / (n + 2), 2)), b.id


@pytest.mark.parametrize(("features", "bin_id"), [
    (_f(family="derived"), "calib.derived"),
    (_f(parties="none", placed=False), "calib.no_party"),
    (_f(parties="source", placed=False), "calib.source_only"),
    (_f(parties="target", placed=False), "calib.target_only"),
    (_f(placed=False), "calib.countryless"),
    (_f(same_root=True), "calib.same_side"),
    (_f(raw=0.9), "calib.main_clause_asserted"),
    (_f(raw=0.9, status="reported"), "calib.main_clause"),
    (_f(raw=0.89), "calib.main_clause"),
    (_f(raw=0.85), "calib.main_clause"),
    (_f(raw=0.84), "calib.two_parties"),
    (_f(family="speech", raw=0.8), "calib.two_parties"),
])
def test_events_fall_in_the_documented_bin(features, bin_id):
    assert bin_of(features).id == bin_id


def test_only_asserted_main_clause_events_of_two_different_sides_reach_0_7():
    table = calibration()
    assert [b.id for b in table.bins if b.confidence >= 0.7] == ["calib.main_clause_asserted"]


def _raw(**change) -> dict:
    raw = {"version": 1, "fitted_on": "dev", "right": "event", "smoothing": "x",
           "bins": [{"id": "a", "description": "x", "parties": ["both"], "confidence": 0.5},
                    {"id": "b", "description": "all", "confidence": 0.1}]}
    raw.update(change)
    return raw


@pytest.mark.parametrize("bad", [
    _raw(bins=[{"id": "a", "description": "x", "parties": ["both"], "confidence": 0.5}]),  # no catch-all bin last
    _raw(bins=[{"id": "a", "description": "x", "raw_min": 0.9, "raw_max": 0.5, "confidence": 0.5},
               {"id": "b", "description": "all", "confidence": 0.1}]),
    _raw(bins=[{"id": "a", "description": "x", "parties": ["both"], "confidence": 1.5},
               {"id": "b", "description": "all", "confidence": 0.1}]),
    _raw(bins=[{"id": "a", "description": "x", "parties": ["both"], "confidence": 0.5,
                "dev": {"n": 3, "right": 4, "type_right": 0}}, {"id": "b", "description": "all", "confidence": 0.1}]),
    _raw(bins=[{"id": "a", "description": "x", "parties": ["several"], "confidence": 0.5},
               {"id": "b", "description": "all", "confidence": 0.1}]),
    _raw(fitted_on="test"),
])
def test_a_malformed_calibration_is_refused(bad):
    with pytest.raises(KnowledgeBaseError):
        parse_data("events/calibration.yaml", bad, CalibrationFile)
    assert parse_data("events/calibration.yaml", _raw(), CalibrationFile).bins[0].id == "a"


def test_the_coder_reports_the_calibrated_confidence_and_keeps_its_raw_score_for_fitting():
    from barometer.eval.events import code_text

    text = "Russia attacked Ukraine on Monday."
    events, _ = code_text(text)
    main = calibration().bins[[b.id for b in calibration().bins].index("calib.main_clause_asserted")]
    assert [(e.type, e.confidence) for e in events] == [("ASSAULT", main.confidence)]
    with raw_scores():
        raw, _ = code_text(text)
    assert [e.confidence for e in raw] == [0.9]  # a main-clause verb with both parties

"""`barometer eval actors` follows the eval contract: run(args) -> exit code, table or JSON output."""

from __future__ import annotations

import json

import pytest
from tests.conftest import shared_path

from barometer.cli import build_parser
from barometer.eval import actors


def test_below_floor_names_the_figure_and_the_hash_change():
    baseline = {"g": {"sha256": "abc", "precision": 0.9, "recall": 0.8}}
    assert actors.below_floor({"g": {"sha256": "abc", "precision": 0.95, "recall": 0.8}}, baseline) == []
    low = actors.below_floor({"g": {"sha256": "abc", "precision": 0.85, "recall": 0.8}}, baseline)
    assert low == ["g: precision 0.85 below floor 0.9"]
    changed = actors.below_floor({"g": {"sha256": "def", "precision": 0.95, "recall": 0.9}}, baseline)
    assert len(changed) == 1 and "changed" in changed[0]
    assert actors.below_floor({"g": {"skipped": "absent"}}, baseline) == []


@pytest.mark.gold
def test_cli_dispatch_prints_json_and_returns_zero(capsys):
    data = shared_path("data")
    args = build_parser().parse_args(["eval", "actors", "--data", str(data), "--gold", "plover-gsr-cameo",
                                      "--limit", "15", "--format", "json"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    figures = out["plover-gsr-cameo"]
    assert figures["records"] == 15 and 0.0 <= figures["precision"] <= 1.0 and len(figures["sha256"]) == 64


def test_missing_gold_data_is_reported_not_raised(tmp_path, capsys):
    args = build_parser().parse_args(["eval", "actors", "--data", str(tmp_path), "--format", "json", "--check"])
    assert args.func(args) == 2
    out = json.loads(capsys.readouterr().out)
    assert "skipped" in out["plover-gsr-cameo"] and "skipped" in out["petr2-gsr-validation"]


def test_record_dates_in_both_petrarch_forms():
    import datetime as dt

    assert actors.record_date("20150609") == dt.date(2015, 6, 9)
    assert actors.record_date("121108") == dt.date(2012, 11, 8)
    assert actors.record_date(None) is None and actors.record_date("soon") is None

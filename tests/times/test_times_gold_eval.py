"""`barometer eval times` on PLOVER-GSR-CAMEO place and amount fields (needs ../shared)."""

from __future__ import annotations

import argparse
import json

import pytest

from tests.conftest import shared_path


@pytest.mark.gold
def test_eval_times_on_plover_gsr(capsys):
    from barometer.eval import times

    gold = shared_path("data", "plover-gsr-cameo", "PLOVER_GSR_CAMEO.normalized.jsonl")
    parser = argparse.ArgumentParser()
    times.add_arguments(parser)
    assert times.run(parser.parse_args(["--gold", str(gold), "--json"])) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["event_loc.any"]["total"] == 48
    # Floors well under the measured figures (0.85 / 0.81 / 0.80): they catch regressions, not noise.
    assert scores["event_loc.any"]["accuracy"] >= 0.6
    assert scores["size"]["accuracy"] >= 0.6
    assert scores["dead"]["accuracy"] >= 0.6

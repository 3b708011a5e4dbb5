"""`barometer eval times` on PLOVER-GSR-CAMEO place and amount fields (needs ../shared): the CI gate."""

from __future__ import annotations

import argparse
import json

import pytest

from barometer.eval import load_floors, sha256
from tests.conftest import shared_path


@pytest.mark.gold
def test_eval_times_meets_its_floors(capsys):
    from barometer.eval import times

    floors = load_floors("times")["plover-gsr-cameo"]
    gold = shared_path("data", "plover-gsr-cameo", "PLOVER_GSR_CAMEO.normalized.jsonl")
    assert sha256(gold) == floors["sha256"], \
        "gold file changed: re-measure with `barometer eval times` and update baseline.yaml"
    parser = argparse.ArgumentParser()
    times.add_arguments(parser)
    assert times.run(parser.parse_args(["--gold", str(gold), "--json"])) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["event_loc.any"]["total"] == 48
    below = {k: (scores[k]["accuracy"], v) for k, v in floors.items()
             if k != "sha256" and scores[k]["accuracy"] < v}
    assert not below, f"below floor (measured, floor): {below}"

"""PolNeAR dev figures of the quotation stage must not drop below the floors in eval/baseline.yaml."""

from __future__ import annotations

import pytest
from tests.conftest import shared_path

pytestmark = pytest.mark.gold


@pytest.fixture(scope="module")
def measured():
    from barometer.eval import quotes

    root = shared_path("data", "polnear")
    floors = quotes.load_baseline()["polnear-dev"]
    return quotes.evaluate(root, floors["split"]), floors


def _figure(result: dict, name: str) -> float:
    if name.endswith("_accuracy"):
        return result["accuracy"][name.removesuffix("_accuracy")]["accuracy"]
    comp, mode, stat = name.split("_")
    return result["scores"][f"{comp}_{mode}"][stat]


def test_gold_file_is_the_one_the_floors_were_measured_on(measured):
    result, floors = measured
    assert result["gold_sha256"] == floors["sha256"], "PolNeAR changed: re-measure and update eval/baseline.yaml"


@pytest.mark.parametrize("name", ["content_exact_f1", "content_overlap_p", "content_overlap_r", "content_overlap_f1",
                                  "source_exact_p", "source_exact_r", "source_exact_f1", "cue_exact_f1",
                                  "speaker_accuracy", "cue_accuracy"])
def test_figure_keeps_its_floor(measured, name):
    result, floors = measured
    assert _figure(result, name) >= floors[name], (name, result["scores"], result["accuracy"])

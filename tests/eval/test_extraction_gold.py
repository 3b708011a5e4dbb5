"""Accuracy gate for the clean stage's HTML path: figures must stay at or above the pinned floors."""

from __future__ import annotations

import pytest

from barometer.eval import extraction, load_floors, sha256
from tests.conftest import shared_path

BASELINE = load_floors("extraction")


@pytest.mark.gold
@pytest.mark.parametrize("gold", sorted(BASELINE))
def test_extraction_meets_its_floors(gold):
    folder, name = extraction.GOLD_SETS[gold]
    root = shared_path("data", folder)
    floors = BASELINE[gold]
    assert sha256(root / name) == floors["sha256"], \
        f"{gold} gold file changed: re-measure with `barometer eval extraction --gold {gold}` and update baseline.yaml"
    got = extraction.evaluate(root, gold=gold, limit=floors["pages"], references=False)["barometer"]
    below = {k: (got[k], v) for k, v in floors.items() if k not in {"sha256", "pages"} and got[k] < v}
    assert not below, f"{gold}: below floor (measured, floor): {below}"


def test_scorer_reproduces_the_benchmark_definition():
    # Identical texts score 1/1. Truth (8 words: 5 shingles) plus 8 junk words gives 13 predicted
    # shingles of which the 5 true ones match: precision 5/13, recall 1.
    truth = "one two three four five six seven eight"
    assert extraction.page_scores(truth, truth) == (1.0, 1.0)
    p, r = extraction.page_scores(truth + " " + "alpha beta gamma delta epsilon zeta eta theta", truth)
    assert r == 1.0 and p == pytest.approx(5 / 13)
    assert extraction.page_scores("", truth) == (0.0, 0.0)
    agg = extraction.aggregate([(1.0, 0.5), (0.5, 1.0)])
    assert agg["precision"] == agg["recall"] == 0.75 and agg["f1"] == 0.75

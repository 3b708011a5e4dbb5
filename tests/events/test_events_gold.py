"""Event coding on the public gold sets must not drop below the floors pinned in eval/baseline.yaml."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path

pytestmark = pytest.mark.gold


@pytest.mark.parametrize("gold", ["plover-gsr-cameo", "petr2-gsr-validation", "ud-petrarch-validation"])
def test_event_coding_keeps_its_floors(gold):
    from barometer.eval import events

    root = shared_path("data")
    floors = events.load_baseline()[gold]
    result = events.evaluate(gold, root, floors.get("limit", 0))
    assert result["gold_sha256"] == floors["sha256"], f"{gold} changed: re-measure and update eval/baseline.yaml"
    for key in events.FLOORED:
        if key in floors:
            assert result[key] is not None and result[key] >= floors[key], (key, result[key], floors[key])

"""Fit the event confidence calibration on the news gold's dev split (docs/events.md, "Calibrated confidence").

    .venv/bin/python scripts/calibrate_events.py            # fit, write data/events/calibration.yaml, print tables
    .venv/bin/python scripts/calibrate_events.py --check    # print the tables of the file as it is; write nothing

Every dev and train article is analysed with the coder's raw scores (``calibration.raw_scores``); each
coded event falls in the first bin of ``data/events/calibration.yaml`` whose conditions hold, and is
*right* when it matches a gold event at the event level (type, source and target: the maximum
one-to-one matching of ``barometer eval events --gold news``), *type right* at the type level. A bin's
confidence is ``(right + 1) / (n + 2)`` of its dev events (of all dev events if it has none), rounded to
2 decimals; train counts are
written beside it as a check, never fitted. The bins themselves (ids, conditions, order) are edited by
hand in the file. The test split is never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import yaml

from barometer.eval.news import analyse, shared_dir
from barometer.eval.newsgold import load_split
from barometer.eval.newsmatch import CONFIDENT, aligned_events, match_events
from barometer.events.calibration import CalibrationFile, bin_of, calibration, features, raw_scores

SPLITS = ("dev", "train")
PATH = Path(str(resources.files("barometer.data"))) / "events" / "calibration.yaml"
HEADER = """# Calibrated event confidence (events/calibration.py, docs/events.md "Calibrated confidence").
# Written by scripts/calibrate_events.py: the bins and their conditions are edited by hand; the
# confidences and counts are fitted on the news gold's dev split (train counts are a check, not fitted).
"""


def bin_counts(split: str, table: CalibrationFile) -> dict[str, Counter]:
    """Per bin id: coded events of ``split``, right at the event level, right at the type level."""
    arts, skipped, _ = load_split(split, shared_dir())
    for s in skipped:
        print(f"  {split}: skipped {s}", file=sys.stderr)
    with raw_scores():
        items = analyse(arts)
    out: dict[str, Counter] = {b.id: Counter() for b in table.bins}
    for it in items:
        if it.analysis is None:
            continue
        coded = aligned_events(it.analysis, it.alignment)
        assert len(coded) == len(it.pred_events)
        right = set(match_events("event", it.gold_events, it.pred_events).values())
        typed = set(match_events("type", it.gold_events, it.pred_events).values())
        for j, (e, _) in enumerate(coded):
            b = bin_of(features(e, it.analysis.actor), table)
            out[b.id].update(n=1, right=j in right, type_right=j in typed)
    return out


def fit(table: CalibrationFile, counts: dict[str, dict[str, Counter]]) -> dict:
    raw = table.model_dump(mode="json", exclude_defaults=True)
    raw["version"] = table.version
    raw["smoothing"] = "(right + 1) / (n + 2) of the bin's dev events (an empty bin takes all dev events), 2 decimals"
    raw["source"] = ("news gold dev split (fitted) and train split (check), "
                     "scripts/calibrate_events.py; right = a gold match at the event level (type, source, target)")
    total = sum(counts["dev"].values(), Counter())
    for b in raw["bins"]:
        dev = counts["dev"][b["id"]] if counts["dev"][b["id"]]["n"] else total  # an empty bin: all of dev
        b["confidence"] = round((dev["right"] + 1) / (dev["n"] + 2), 2)
        for split in SPLITS:
            c = counts[split][b["id"]]
            b[split] = {"n": c["n"], "right": c["right"], "type_right": c["type_right"]}
    return raw


def _share(right: int, n: int) -> str:
    return f"{right / n:.2f}" if n else "–"


def print_tables(table: CalibrationFile, counts: dict[str, dict[str, Counter]]) -> None:
    print("| bin | confidence | " + " | ".join(f"{s}: events, right, share, type share" for s in SPLITS) + " |")
    print("|---|---|" + "---|" * len(SPLITS))
    for b in table.bins:
        cells = []
        for s in SPLITS:
            c = counts[s][b.id]
            cells.append(f"{c['n']}, {c['right']}, {_share(c['right'], c['n'])}, {_share(c['type_right'], c['n'])}")
        print(f"| `{b.id}` | {b.confidence:.2f} | " + " | ".join(cells) + " |")
    for s in SPLITS:
        top = sum((counts[s][b.id] for b in table.bins if b.confidence >= CONFIDENT), Counter())
        print(f"{s}: confidence >= {CONFIDENT}: {top['n']} events, {top['right']} right at the event level "
              f"({_share(top['right'], top['n'])}), type level {_share(top['type_right'], top['n'])}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="print the tables of the current file; write nothing")
    args = ap.parse_args(argv)
    if shared_dir() is None:
        print("calibrate_events: ../shared/data is needed (the war-corpus articles of the news gold)", file=sys.stderr)
        return 2
    table = calibration()
    counts = {s: bin_counts(s, table) for s in SPLITS}
    if not args.check:
        raw = fit(table, counts)
        PATH.write_text(HEADER + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True, width=110,
                                            default_flow_style=None), "utf-8")
        table = CalibrationFile.model_validate(raw)
        print(f"wrote {PATH}", file=sys.stderr)
    print_tables(table, counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``barometer eval times``: times, amounts and places against PLOVER-GSR-CAMEO gold fields.

The PLOVER gold-standard records (../shared/data/plover-gsr-cameo, CC BY-SA 4.0, read in place,
never copied) mark for some sentences the event location (``event_loc``, 48), the crowd size
(``size``, 21), the dead (15) and the injured (3). Their dates are placeholders, so this task
measures places and amounts; the time grammar is measured by the unit tests.

Scores:
- ``event_loc.any``: the gold place is among the places resolved in the sentence;
- ``event_loc.trigger``: ``PlaceLayer.for_span`` on the gold event text returns it;
- ``dead`` / ``injured``: an amount counting the killed / wounded has the gold value;
- ``size``: an amount that is not a casualty count has the gold value (or, for a gold word such
  as "Thousands", the same words).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.eval import pipeline_of

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline

DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "plover-gsr-cameo" / \
    "PLOVER_GSR_CAMEO.normalized.jsonl"
DEAD = ("killed", "dead", "executed")
INJURED = ("wounded", "injured")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="normalized PLOVER-GSR-CAMEO jsonl")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list the records scored wrong")


def _place_match(gold: str, names: list[str]) -> bool:
    from barometer.places.gazetteer import fold

    g = fold(gold)
    return any(n and (fold(n) == g or fold(n) in g.split() or fold(n) in g) for n in names)


def _number(text: str | None) -> float | None:
    try:
        return float(str(text).replace(",", ""))
    except (TypeError, ValueError):
        return None


def _amount_match(gold: str, amounts: list) -> bool:
    value = _number(gold)
    for a in amounts:
        if value is not None and value in (a.value, a.low, a.high):
            return True
        if value is None and gold.lower() in a.text.lower():
            return True
    return False


def score(records: list[dict], pipeline: Pipeline | None = None) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Places and amounts of each record: the pipeline's place and amount stages, and what they require."""
    from barometer.model import Article
    from barometer.pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    tallies = {k: [0, 0] for k in ("event_loc.any", "event_loc.trigger", "size", "dead", "injured")}
    errors: list[str] = []
    for rec in records:
        text = rec["text"]
        doc = pipeline.nlp(text)
        layers = pipeline.run_layers(doc, Article(id=rec["id"], text=text), only=("places", "amounts"))
        places, amounts = layers.places, layers.amounts
        loc = (rec.get("event_loc") or {}).get("name") if isinstance(rec.get("event_loc"), dict) else None
        if loc:
            names = [n for p in places for n in (p.text, p.name)]
            ok = _place_match(loc, names)
            tallies["event_loc.any"][0] += ok
            tallies["event_loc.any"][1] += 1
            # The first marked event phrase of the markup: "(EVT: were converging)".
            evt = re.search(r"\(EVT:\s*([^()]+?)\)", rec.get("markup") or "")
            trig = evt.group(1).strip() if evt else (rec.get("event_text") or "").split(" ")[0]
            at = text.find(trig) if trig else -1
            got = places.for_span(at, at + len(trig), doc) if at >= 0 else None
            ok_t = got is not None and _place_match(loc, [got] + [p.text for p in places if p.name == got])
            tallies["event_loc.trigger"][0] += ok_t
            tallies["event_loc.trigger"][1] += 1
            if not ok_t:
                errors.append(f"{rec['id']} event_loc gold={loc!r} trigger={got!r} places={names}")
        casualties = {"dead": [a for a in amounts if a.what and a.what.endswith(DEAD)],
                      "injured": [a for a in amounts if a.what and a.what.endswith(INJURED)]}
        casualties["size"] = [a for a in amounts if a not in casualties["dead"] + casualties["injured"]]
        for field in ("size", "dead", "injured"):
            gold = rec.get(field)
            if not gold:
                continue
            ok = _amount_match(str(gold), casualties[field])
            tallies[field][0] += ok
            tallies[field][1] += 1
            if not ok:
                errors.append(f"{rec['id']} {field} gold={gold!r} got={[(a.text, a.what) for a in amounts]}")
    scores = {k: {"correct": c, "total": n, "accuracy": round(c / n, 3) if n else 0.0}
              for k, (c, n) in tallies.items()}
    return scores, errors


def run(args: argparse.Namespace) -> int:
    from barometer.errors import InputError

    path = Path(args.gold)
    if not path.exists():
        raise InputError(f"gold file {path} not found (is ../shared beside this checkout?)")
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    records = [r for r in records if r.get("event_loc") or r.get("size") or r.get("dead") or r.get("injured")]
    scores, errors = score(records, pipeline_of(args))
    if getattr(args, "json", False):
        print(json.dumps(scores, indent=2))
    else:
        print(f"PLOVER-GSR-CAMEO, {len(records)} records with place or amount gold")
        for k, v in scores.items():
            print(f"  {k:<18} {v['correct']:>3}/{v['total']:<3} {v['accuracy']:.3f}")
    if getattr(args, "errors", False):
        print("\n".join(errors))
    return 0

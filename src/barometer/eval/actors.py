"""``barometer eval actors``: country attribution of actor mentions against event gold sets.

Why these measures: events are only as good as the country on their actors, and the gold sets we
may use annotate exactly that.

* plover-gsr-cameo (CAMEO manual sentences re-coded in PLOVER): each ``actor``/``recipient`` has
  ``actorText`` and a code whose first three letters are an ISO alpha-3 country (or IGO/NGO...).
  Mention level: a gold item is found when one of our mentions overlapping its text carries its
  country (recall); among our mentions with a country that overlap a gold actor text, the share
  whose country matches (precision). The sentences carry no real date (2000-01-01 placeholder).
* petr2-gsr-validation (wire sentences with PETRARCH-2 codes, partly hand-corrected): codes only,
  no offsets, so sentence level: gold countries are the first three letters of source/target codes;
  recall = gold countries we attribute in the sentence, precision = our countries that are gold.
  Sentences are resolved as of their own date (``date`` field).

The floors in ``barometer/eval/baseline.yaml`` (section ``actors``) pin these figures with the
sha256 of each gold file; tests fail when a figure drops below its floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

GOLD_FILES = {
    "plover-gsr-cameo": "plover-gsr-cameo/PLOVER_GSR_CAMEO.normalized.jsonl",
    "petr2-gsr-validation": "petr2-gsr-validation/PETR2_GSR_validation.flat.jsonl",
}
BASELINE = Path(__file__).with_name("baseline.yaml")


def default_data_dir() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="directory holding the gold sets (default ../shared/data)")
    parser.add_argument("--gold", choices=["all", *GOLD_FILES], default="all", help="which gold set to measure")
    parser.add_argument("--limit", type=int, default=None, help="measure only the first N records of each set")
    parser.add_argument("--errors", type=int, default=0, help="also list up to N misses per gold set")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _records(path: Path, limit: int | None) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def _country_codes() -> set[str]:
    from barometer.actors import load_kb

    return {rid for rid, rec in load_kb().records.items() if rec.kind == "state"}


def _resolve(texts: list[str], dates: list[dt.date | None]) -> Iterable[tuple[str, Any]]:
    from barometer.actors import resolve_actors
    from barometer.model import Article
    from barometer.nlp import get_nlp

    for text, date, doc in zip(texts, dates, get_nlp().pipe(texts, batch_size=64), strict=True):
        yield text, resolve_actors(doc, Article(id="eval", text=text, published=date))


def _country(layer, actor_id: str) -> str | None:  # noqa: ANN001
    from barometer.actors import country_of

    return country_of(layer.by_id(actor_id))


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def eval_plover(path: Path, limit: int | None = None, errors: int = 0) -> dict:
    countries = _country_codes()
    recs = _records(path, limit)
    texts = [r["text"] for r in recs]
    gold_items = tp_recall = pred = tp_prec = 0
    misses: list[dict] = []
    for rec, (text, layer) in zip(recs, _resolve(texts, [None] * len(texts)), strict=True):
        spans: list[tuple[int, int, str | None]] = []
        for key in ("actor", "recipient"):
            items = rec.get(key)
            if not isinstance(items, list):
                continue
            for item in items:
                if not isinstance(item, dict) or not item.get("actorText"):
                    continue
                at = text.find(item["actorText"])
                if at < 0:
                    continue
                code = (item.get("code") or "")[:3]
                spans.append((at, at + len(item["actorText"]), code if code in countries else None))
        for s, e, gold in spans:
            if gold is None:
                continue
            gold_items += 1
            found = {_country(layer, m.actor_id) for m in layer.mentions if m.start < e and s < m.end}
            if gold in found:
                tp_recall += 1
            elif len(misses) < errors:
                misses.append({"id": rec["id"], "text": text[s:e], "gold": gold, "got": sorted(x or "-" for x in found)})
        for m in layer.mentions:
            c = _country(layer, m.actor_id)
            if c is None:
                continue
            golds = [g for s, e, g in spans if m.start < e and s < m.end]
            if not golds:
                continue
            pred += 1
            if c in golds:
                tp_prec += 1
    out = {"records": len(recs), "gold_mentions": gold_items, "found": tp_recall, "predicted": pred,
           "correct": tp_prec, "precision": _ratio(tp_prec, pred), "recall": _ratio(tp_recall, gold_items)}
    if errors:
        out["misses"] = misses
    return out


def eval_petr2(path: Path, limit: int | None = None, errors: int = 0) -> dict:
    countries = _country_codes()
    recs = _records(path, limit)
    texts = [r["text"] for r in recs]
    dates = []
    for r in recs:
        try:
            dates.append(dt.datetime.strptime(str(r.get("date", "")), "%Y%m%d").date())
        except ValueError:
            dates.append(None)
    gold_n = found = pred_n = correct = 0
    misses: list[dict] = []
    for rec, (_text, layer) in zip(recs, _resolve(texts, dates), strict=True):
        gold = {c[:3] for ev in rec.get("expected_events", []) for c in (ev.get("sourcecode"), ev.get("targetcode"))
                if c and c[:3] in countries}
        ours = {_country(layer, m.actor_id) for m in layer.mentions} - {None}
        gold_n += len(gold)
        found += len(gold & ours)
        if gold:
            pred_n += len(ours)
            correct += len(ours & gold)
        if gold - ours and len(misses) < errors:
            misses.append({"id": rec["id"], "missing": sorted(gold - ours), "got": sorted(ours)})
    out = {"records": len(recs), "gold_countries": gold_n, "found": found, "predicted": pred_n, "correct": correct,
           "precision": _ratio(correct, pred_n), "recall": _ratio(found, gold_n)}
    if errors:
        out["misses"] = misses
    return out


EVALUATORS = {"plover-gsr-cameo": eval_plover, "petr2-gsr-validation": eval_petr2}


def run(args: argparse.Namespace) -> dict:
    data = Path(args.data) if getattr(args, "data", None) else default_data_dir()
    which = list(GOLD_FILES) if getattr(args, "gold", "all") == "all" else [args.gold]
    result: dict[str, Any] = {"task": "actors"}
    for name in which:
        path = data / GOLD_FILES[name]
        if not path.exists():
            result[name] = {"skipped": f"{path} is absent"}
            continue
        figures = EVALUATORS[name](path, getattr(args, "limit", None), getattr(args, "errors", 0) or 0)
        figures["sha256"] = sha256(path)
        result[name] = figures
    return result


def load_baseline() -> dict:
    import yaml

    if not BASELINE.exists():
        return {}
    return (yaml.safe_load(BASELINE.read_text("utf-8")) or {}).get("actors", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="barometer eval actors")
    add_arguments(parser)
    print(json.dumps(run(parser.parse_args(argv)), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

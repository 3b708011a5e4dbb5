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
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from barometer.eval import load_floors, pipeline_of, sha256

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline

GOLD_FILES = {
    "plover-gsr-cameo": "plover-gsr-cameo/PLOVER_GSR_CAMEO.normalized.jsonl",
    "petr2-gsr-validation": "petr2-gsr-validation/PETR2_GSR_validation.flat.jsonl",
}


def default_data_dir() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, help="directory holding the gold sets (default ../shared/data)")
    parser.add_argument("--gold", choices=["all", *GOLD_FILES, "news"], default="all",
                        help="which gold set to measure (all = the sentence sets; news = whole real articles)")
    parser.add_argument("--split", choices=["train", "dev", "test", "all"], default="dev",
                        help="news gold split (tune on train/dev; score test once per round)")
    parser.add_argument("--limit", type=int, default=None, help="measure only the first N records of each set")
    parser.add_argument("--errors", type=int, default=0, help="also list up to N misses per gold set")
    parser.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a figure is below its floor in eval/baseline.yaml (full sets only)")


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


def _resolve(texts: list[str], dates: list[dt.date | None], pipeline: Pipeline | None = None,
             ) -> Iterable[tuple[str, Any]]:
    """The actor layer of each text (only the actor stage of the pipeline, and what it requires, runs)."""
    from barometer.model import Article
    from barometer.pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    for text, date, doc in zip(texts, dates, pipeline.nlp.pipe(texts, batch_size=64), strict=True):
        yield text, pipeline.run_layers(doc, Article(id="eval", text=text, published=date), only=("actors",)).actors


def _country(layer, actor_id: str) -> str | None:  # noqa: ANN001
    from barometer.actors import country_of

    return country_of(layer.by_id(actor_id))


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def eval_plover(path: Path, limit: int | None = None, errors: int = 0, pipeline: Pipeline | None = None) -> dict:
    countries = _country_codes()
    recs = _records(path, limit)
    texts = [r["text"] for r in recs]
    gold_items = tp_recall = pred = tp_prec = 0
    misses: list[dict] = []
    for rec, (text, layer) in zip(recs, _resolve(texts, [None] * len(texts), pipeline), strict=True):
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


def record_date(value: object) -> dt.date | None:
    """A PETRARCH record date: YYYYMMDD, or YYMMDD as in some wire ids ("121108" = 2012-11-08)."""
    for fmt in ("%Y%m%d", "%y%m%d"):
        try:
            return dt.datetime.strptime(str(value or ""), fmt).date()
        except ValueError:
            continue
    return None


def eval_petr2(path: Path, limit: int | None = None, errors: int = 0, pipeline: Pipeline | None = None) -> dict:
    countries = _country_codes()
    recs = _records(path, limit)
    texts = [r["text"] for r in recs]
    dates = [record_date(r.get("date")) for r in recs]
    gold_n = found = pred_n = correct = 0
    misses: list[dict] = []
    for rec, (_text, layer) in zip(recs, _resolve(texts, dates, pipeline), strict=True):
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


def measure(data: Path | None = None, gold: str = "all", limit: int | None = None, errors: int = 0,
            pipeline: Pipeline | None = None) -> dict:
    """Figures per gold set (``{"skipped": reason}`` for an absent file), each with its sha256."""
    data = Path(data) if data else default_data_dir()
    which = list(GOLD_FILES) if gold == "all" else [gold]
    result: dict[str, Any] = {"task": "actors"}
    for name in which:
        path = data / GOLD_FILES[name]
        if not path.exists():
            result[name] = {"skipped": f"{path} is absent"}
            continue
        figures = EVALUATORS[name](path, limit, errors or 0, pipeline)
        figures["sha256"] = sha256(path)
        result[name] = figures
    return result


def below_floor(result: dict, baseline: dict) -> list[str]:
    """Human-readable failures: a figure under its floor, or a gold file whose hash changed."""
    out = []
    for name, floor in baseline.items():
        got = result.get(name)
        if not isinstance(got, dict) or "skipped" in got:
            continue
        if got.get("sha256") != floor.get("sha256"):
            out.append(f"{name}: gold file changed (sha256 {got.get('sha256')}); re-measure the floors")
        for key in ("precision", "recall"):
            if key in floor and got[key] < floor[key]:
                out.append(f"{name}: {key} {got[key]} below floor {floor[key]}")
    return out


def _print_table(result: dict, baseline: dict) -> None:
    from barometer.render import print_table

    rows = []
    for name in GOLD_FILES:
        got = result.get(name)
        if got is None:
            continue
        if "skipped" in got:
            rows.append((name, "", "", "", "", "", "", got["skipped"]))
            continue
        level = "mention" if name == "plover-gsr-cameo" else "sentence"
        gold_n = got.get("gold_mentions", got.get("gold_countries"))
        floor = baseline.get(name, {})
        rows.append((name, level, got["records"], gold_n, got["precision"], got["recall"],
                     f"{floor.get('precision', '-')}/{floor.get('recall', '-')}", got["sha256"][:12]))
    print_table("Actors: country attribution", ["gold set", "level", "records", "gold", "precision", "recall",
                                               "floor P/R", "sha256"], rows)
    for name in GOLD_FILES:
        for miss in (result.get(name) or {}).get("misses", []):
            print(f"{name}\tmiss\t{json.dumps(miss, ensure_ascii=False)}")


def run(args: argparse.Namespace) -> int:
    """Measure, print (table or JSON) and return 0; with ``--check``, 1 when a floor is broken;
    2 when a requested gold file is absent (as every ``barometer eval`` task). ``--gold news``
    measures whole real articles (``eval/newsactors.py``)."""
    if getattr(args, "gold", None) == "news":
        from barometer.eval import newsactors

        return newsactors.run(args)
    result = measure(getattr(args, "data", None), getattr(args, "gold", "all"), getattr(args, "limit", None),
                     getattr(args, "errors", 0) or 0, pipeline_of(args))
    baseline = load_baseline()
    absent = [v["skipped"] for k, v in result.items() if isinstance(v, dict) and "skipped" in v]
    if getattr(args, "format", "table") == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print_table(result, baseline)
    if getattr(args, "check", False) and not getattr(args, "limit", None):
        failures = below_floor(result, baseline)
        for f in failures:
            print(f"barometer eval actors: {f}", file=sys.stderr)
        if failures:
            return 1
    if absent:
        for reason in absent:
            print(f"barometer eval actors: gold data missing: {reason}", file=sys.stderr)
        return 2
    return 0


def load_baseline() -> dict:
    return load_floors("actors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="barometer eval actors")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())

"""``barometer eval events --gold NAME``: score the event coder on a public gold set.

Runs the configured pipeline's stages on every gold sentence with the gold date as publication
date, batched with ``nlp.pipe``, then reports:

* sentence-level event type (one label per sentence, the coder's most confident event, "NONE"
  when nothing is coded): accuracy, per-type precision/recall/F1, macro-F1, confusion matrix;
* event-level: recall of gold events by PLOVER type and by CAMEO root code (PETRARCH's "TP"
  figure), and the share of coded events that match no gold event;
* source/target country accuracy on matched events (ISO3 of the actor's ``country``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from barometer.eval import load_floors, pipeline_of, sha256
from barometer.eval.gold import READERS, GoldSentence, data_dir, gold_path, read_gold
from barometer.layers import ActorLayer
from barometer.model import Article, Event

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline

NONE = "NONE"
#: Figures pinned as floors in ``baseline.yaml`` (section ``events``), higher is better.
FLOORED = ("accuracy", "macro_f1", "source_country_accuracy", "target_country_accuracy", "event_recall_by_type",
           "root_code_agreement")


def load_baseline() -> dict:
    return load_floors("events")


@dataclass
class Coded:
    gold: GoldSentence
    events: list[Event]
    actors: ActorLayer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", required=True, choices=sorted([*READERS, "news"]),
                        help="gold set name (news: whole real articles, docs/annotation.md)")
    parser.add_argument("--split", choices=["train", "dev", "test", "all"], default="dev",
                        help="news gold split (tune on train/dev; score test once per round)")
    parser.add_argument("--data-dir", help="folder holding the gold sets (default ../shared/data)")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--errors", type=int, default=None,
                        help="print up to N mis-coded sentences (news: misses and false positives; default all on "
                             "train/dev, none on test)")


def _pipeline(pipeline: Pipeline | None) -> Pipeline:
    from barometer.pipeline import default_pipeline

    return pipeline or default_pipeline()


def code_doc(doc, text: str, published: dt.date | None, pipeline: Pipeline | None = None,  # noqa: ANN001
             ) -> tuple[list[Event], ActorLayer, float]:
    """Every stage of ``pipeline`` on one parsed text, then its events and actors; also the coder's seconds."""
    art = Article(id=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text, published=published)
    timings: dict[str, float] = {}
    layers = _pipeline(pipeline).run_layers(doc, art, timings=timings)
    return layers.events, layers.actors, timings.get("event_coder", 0.0)


def code_text(text: str, published: dt.date | None = None,
              pipeline: Pipeline | None = None) -> tuple[list[Event], ActorLayer]:
    """Events and actors of one text without the article cleaner (used by tests and the eval)."""
    pipeline = _pipeline(pipeline)
    events, actors, _ = code_doc(pipeline.nlp(text), text, published, pipeline)
    return events, actors


def code_sentences(gold: list[GoldSentence], batch_size: int = 64,
                   pipeline: Pipeline | None = None) -> tuple[list[Coded], dict[str, float]]:
    """Parse every sentence, run the pipeline's stages on each; also time the parse and the coder.

    The events keep the coder's raw scores (``calibration.raw_scores``): the sentence's primary event is
    chosen on them, as a ranking within one sentence; the calibrated confidence is a coarse probability
    per bin (docs/events.md) that ties most events of a sentence."""
    from barometer.events.calibration import raw_scores

    pipeline = _pipeline(pipeline)
    timing: Counter = Counter()
    out: list[Coded] = []
    t0 = time.perf_counter()
    docs = list(pipeline.nlp.pipe([g.text for g in gold], batch_size=batch_size))
    timing["nlp"] += time.perf_counter() - t0
    for g, doc in zip(gold, docs, strict=True):
        with raw_scores():
            events, actors, coder_s = code_doc(doc, g.text, g.date, pipeline)
        timing["coder"] += coder_s
        out.append(Coded(g, events, actors))
    return out, dict(timing)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "support": tp + fn}


def _country(actors: ActorLayer, actor_id: str | None) -> str | None:
    a = actors.by_id(actor_id)
    return a.country if a else None


def score(coded: list[Coded]) -> dict:
    from barometer.events.coder import primary_event

    confusion: dict[str, Counter] = defaultdict(Counter)
    correct = n_typed = 0
    src_ok = src_n = tgt_ok = tgt_n = 0
    ev_gold = ev_match = root_gold = root_match = ev_pred = ev_pred_matched = 0
    noevent_n = noevent_ok = 0
    errors = []
    for c in coded:
        golds = [e for e in c.gold.events if e.plover]
        primary = primary_event(c.events)
        pred = primary.type if primary else NONE
        if not c.gold.events:
            noevent_n += 1
            noevent_ok += primary is None
        if golds:
            g = golds[0]
            n_typed += 1
            confusion[g.plover][pred] += 1
            if pred == g.plover:
                correct += 1
                if g.sources:
                    src_n += 1
                    src_ok += _country(c.actors, primary.source) in g.sources
                if g.targets:
                    tgt_n += 1
                    tgt_ok += _country(c.actors, primary.target) in g.targets
            else:
                errors.append({"id": c.gold.id, "gold": g.plover, "pred": pred, "text": c.gold.text,
                               "rule": primary.rule if primary else None})
        # event level: every gold event against every coded event, each coded event used once
        unused = list(c.events)
        ev_pred += len(c.events)
        for g in c.gold.events:
            if g.plover:
                ev_gold += 1
                hit = next((e for e in unused if e.type == g.plover), None)
                if hit is not None:
                    ev_match += 1
            if g.root:
                root_gold += 1
                if any((e.cameo or "")[:2] == g.root for e in c.events):
                    root_match += 1
        matched_pred = {id(e) for e in c.events if any(e.type == g.plover or (e.cameo or "")[:2] == g.root
                                                       for g in c.gold.events)}
        ev_pred_matched += len(matched_pred)
    types = sorted(confusion)
    per_type = {}
    for t in types:
        tp = confusion[t][t]
        fn = sum(confusion[t].values()) - tp
        fp = sum(confusion[g][t] for g in types if g != t)
        per_type[t] = _prf(tp, fp, fn)
    macro = sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0
    return {
        "sentences": len(coded),
        "typed_sentences": n_typed,
        "accuracy": round(correct / n_typed, 4) if n_typed else 0.0,
        "macro_f1": round(macro, 4),
        "per_type": per_type,
        "source_country_accuracy": round(src_ok / src_n, 4) if src_n else None,
        "source_country_n": src_n,
        "target_country_accuracy": round(tgt_ok / tgt_n, 4) if tgt_n else None,
        "target_country_n": tgt_n,
        "event_recall_by_type": round(ev_match / ev_gold, 4) if ev_gold else None,
        "root_code_agreement": round(root_match / root_gold, 4) if root_gold else None,
        "root_code_gold_events": root_gold,
        "coded_events": ev_pred,
        "coded_events_unmatched_share": round(1 - ev_pred_matched / ev_pred, 4) if ev_pred else None,
        "no_event_sentences": noevent_n,
        "no_event_correct": noevent_ok,
        "confusion": {g: dict(confusion[g]) for g in types},
        "errors": errors,
    }


def evaluate(name: str, root=None, limit: int = 0, pipeline: Pipeline | None = None) -> dict:  # noqa: ANN001
    root = root or data_dir()
    gold = read_gold(name, root)
    if limit:
        gold = gold[:limit]
    t0 = time.perf_counter()
    coded, timing = code_sentences(gold, pipeline=pipeline)
    wall = time.perf_counter() - t0
    result = score(coded)
    result.update({"gold": name, "gold_sha256": sha256(gold_path(name, root)),
                   "seconds": round(wall, 3), "sentences_per_second": round(len(gold) / wall, 1) if wall else None,
                   "coder_share": round(timing.get("coder", 0.0) / wall, 4) if wall else None,
                   "evaluated_on": dt.date.today().isoformat()})
    return result


def run(args: argparse.Namespace) -> int:
    if args.gold == "news":
        from barometer.eval import news

        return news.run(args, "events")
    result = evaluate(args.gold, data_dir(args.data_dir), args.limit, pipeline_of(args))
    errors = result.pop("errors")
    if args.format == "json":
        print(json.dumps(result, indent=2, sort_keys=True))
        return 0
    print(f"gold set {result['gold']} ({result['sentences']} sentences, {result['typed_sentences']} with a PLOVER "
          f"event; sha256 {result['gold_sha256'][:12]})")
    print(f"event-type accuracy {result['accuracy']:.3f}   macro-F1 {result['macro_f1']:.3f}")
    for k in ("source_country_accuracy", "target_country_accuracy"):
        v = result[k]
        print(f"{k.replace('_', ' ')} {'-' if v is None else f'{v:.3f}'} (n={result[k.replace('accuracy', 'n')]})")
    for k in ("event_recall_by_type", "root_code_agreement", "coded_events_unmatched_share"):
        v = result[k]
        print(f"{k.replace('_', ' ')} {'-' if v is None else f'{v:.3f}'}")
    print(f"no-event sentences correctly left uncoded {result['no_event_correct']}/{result['no_event_sentences']}")
    print(f"speed {result['sentences_per_second']} sentences/s, coder share {result['coder_share']}")
    print(f"\n{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for t, v in result["per_type"].items():
        print(f"{t:<10} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} {v['support']:>4}")
    labels = sorted({p for row in result["confusion"].values() for p in row} | set(result["confusion"]))
    print("\nconfusion (rows gold, columns coded)")
    print(" " * 10 + " ".join(f"{lab[:5]:>5}" for lab in labels))
    for g, row in result["confusion"].items():
        print(f"{g:<10}" + " ".join(f"{row.get(lab, 0):>5}" for lab in labels))
    for e in errors[: args.errors or 0]:
        print(f"\n[{e['id']}] gold {e['gold']} coded {e['pred']} ({e['rule']})\n  {e['text']}")
    return 0

"""``barometer eval events --gold news`` and ``barometer eval quotes --gold news``: whole real articles.

Each gold article (``eval/newsgold.py``, docs/annotation.md) is analysed the way a user's file is
(``barometer analyze FILE --published DATE``: text input, ``title_line`` auto), the clean text
is aligned back to the file's text, and Barometer's events and quotations are matched to the gold
ones, each gold and each coded item used at most once (maximum bipartite matching):

* **type**: same PLOVER type, and the coded event's evidence (or mention) sentence overlaps one of the gold
  event's evidence snippets;
* **event** (the headline figure): type, plus source and target actor — the same country or
  organisation (``code_root``: ``RUSMIL`` and ``RUS`` agree, ``RUS`` and ``UKR`` do not; an absent
  party must be absent in both). CONSULT, COOPERATE and AGREE match in either direction;
* **event+date**: event, plus the date within the gold's granularity (a gold ``2014`` takes any day of
  2014; a gold date left null takes any);
* **exact codes**: event with the full CAMEO-style codes equal (``RUSMIL`` ≠ ``RUS``).

A fact coded twice is one match and one false positive (one event per fact). On the event-level
matches: status confusion, *done vs not done* accuracy (done = asserted), and the historical flag.
Quotations: content token Jaccard ≥ 0.5 (one-to-one, best first) and, of those, the right speaker
(same surname, or the same actor code when no person is named on one side).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.eval.newsgold import LoadedArticle, gold_hash, load_article, load_split, parse_article
from barometer.eval.newsmatch import (
    _SENT_END,
    Alignment,
    ArticleItems,
    gold_items,
    predicted_items,
    predicted_mentions,
    score,
)

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline

#: Figures pinned as floors in ``baseline.yaml`` (section ``news``), higher is better.
FLOORED = ("event.f1", "event.precision", "event.recall", "type.f1", "type.recall", "event_date.f1",
           "done_accuracy", "quote_content.f1", "quote_speaker.f1", "quote_speaker_accuracy", "confident.precision")


# ---------------------------------------------------------------------------------------------
# Running Barometer over the gold articles.

def analyse(arts: list[LoadedArticle], pipeline: Pipeline | None = None) -> list[ArticleItems]:
    """Barometer's events and quotations for each gold article, in file offsets."""
    from barometer.ingest.raw import RawDocument
    from barometer.pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    raws = [RawDocument(text=a.text, media_type="text", source=a.gold.file, published=a.gold.published)
            for a in arts]
    out = []
    for art, (_, result) in zip(arts, pipeline.analyze_many(raws, batch_size=8), strict=True):
        ge, gq = gold_items(art)
        items = ArticleItems(id=art.gold.id, split=art.gold.split, text=art.text, gold_events=ge, gold_quotes=gq)
        if isinstance(result, Exception) or result is None:
            items.note = f"not analysed: {result}"
        else:
            aln = Alignment(result.article.text, art.text)
            items.analysis, items.alignment = result, aln
            items.pred_events, items.pred_quotes = predicted_items(result, aln)
            items.pred_mentions = predicted_mentions(result, aln)
        out.append(items)
    return out


def shared_dir(explicit: str | None = None) -> Path | None:
    from barometer.errors import InputError
    from barometer.eval.gold import data_dir

    try:
        return data_dir(explicit)
    except InputError:
        return None


def _result(arts: list[LoadedArticle], items: list[ArticleItems], split: str | None, skipped: list[str],
            files: list[Path], seconds: float) -> dict:
    result = score(items)
    result.update({"gold": "news", "split": split or "all", "articles": len(arts), "skipped": skipped,
                   "gold_events": sum(len(a.gold.events) for a in arts),
                   "gold_quotes": sum(len(a.gold.quotes) for a in arts),
                   "by_corpus": {c: n for c, n in sorted(Counter(a.gold.corpus for a in arts).items())},
                   "gold_sha256": gold_hash(files), "seconds": round(seconds, 1),
                   "evaluated_on": dt.date.today().isoformat()})
    return result


def evaluate(split: str | None, shared: Path | None, root: Path | None = None,
             pipeline: Pipeline | None = None) -> dict:
    """Figures of one split (all splits for None)."""
    arts, skipped, files = load_split(split, shared, root)
    t0 = time.perf_counter()
    items = analyse(arts, pipeline)
    return _result(arts, items, split, skipped, files, time.perf_counter() - t0)


def evaluate_splits(shared: Path | None, root: Path | None = None,
                    pipeline: Pipeline | None = None) -> dict[str, dict]:
    """Figures of every split from one analysis of the whole set (the CI gate)."""
    arts, skipped, files = load_split(None, shared, root)
    t0 = time.perf_counter()
    items = analyse(arts, pipeline)
    seconds = time.perf_counter() - t0
    out = {}
    for split in ("train", "dev", "test"):
        keep = [k for k, a in enumerate(arts) if a.gold.split == split]
        split_files = [p for p in files if parse_article(p.read_bytes(), p.name).split == split]
        out[split] = _result([arts[k] for k in keep], [items[k] for k in keep], split, skipped, split_files, seconds)
    return out


def below_floor(results: dict[str, dict], floors: dict[str, dict]) -> list[str]:
    """What fails the gate: a changed gold split (sha256) or a figure under its floor."""
    bad = []
    for split, f in floors.items():
        r = results.get(split)
        if r is None:
            bad.append(f"news-{split}: not measured")
            continue
        if r["gold_sha256"] != f["sha256"]:
            bad.append(f"news-{split}: the gold changed (sha256 {r['gold_sha256'][:12]}, baseline "
                       f"{f['sha256'][:12]}): re-measure and update eval/baseline.yaml")
            continue
        got = flat(r)
        for key, floor in f.items():
            if key in ("sha256", "articles"):
                continue
            v = got.get(key)
            if v is None or v < floor:
                bad.append(f"news-{split}: {key} {v} below floor {floor}")
    return bad


def load_baseline() -> dict:
    from barometer.eval import load_floors

    return load_floors("news")


def flat(result: dict) -> dict[str, float | None]:
    """``event.f1``-style keys of the floored figures."""
    out: dict[str, float | None] = {}
    for key in FLOORED:
        head, _, tail = key.partition(".")
        v = result.get(head)
        out[key] = v.get(tail) if isinstance(v, dict) else v
    return out


# ---------------------------------------------------------------------------------------------
# Agreement of two annotation passes.

def _sentence_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    starts = [0] + [m.end() for m in _SENT_END.finditer(text)] + [len(text)]
    out = []
    for s, e in spans:
        lo = max(x for x in starts if x <= s)
        hi = min(x for x in starts if x >= e)
        out.append((lo, hi))
    return out


def agreement(first: Path, second: Path, shared: Path | None) -> dict:
    """Event and quotation agreement of two passes over the same articles (``first`` as gold).

    Both passes mark snippets, not sentences, so each evidence snippet is widened to its sentence
    before matching; the figures are symmetric in F1."""
    a_files = {p.stem: p for p in Path(first).rglob("*.json") if "agreement" not in p.relative_to(first).parts[:-1]}
    b_files = {p.stem: p for p in Path(second).rglob("*.json")}
    items = []
    for stem in sorted(set(a_files) & set(b_files)):
        a, b = load_article(a_files[stem], shared), load_article(b_files[stem], shared)
        ge, gq = gold_items(a)
        pe, pq = gold_items(b)
        for e in (*ge, *pe):
            e.spans = _sentence_spans(a.text, e.spans)
        items.append(ArticleItems(id=stem, split=a.gold.split, text=a.text, gold_events=ge, gold_quotes=gq,
                                  pred_events=pe, pred_quotes=pq))
    s = score(items)
    return {"articles": len(items), "ids": [i.id for i in items],
            **{k: s[k] for k in ("type", "event", "event_date", "exact_codes", "done_accuracy",
                                 "historical_accuracy", "quote_content", "quote_speaker", "status_confusion")}}


# ---------------------------------------------------------------------------------------------
# Command line.

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--split", choices=["train", "dev", "test", "all"], default="dev",
                        help="gold split (tune on train/dev; score test once per round)")
    parser.add_argument("--data-dir", help="folder holding the shared corpora (default ../shared/data)")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--errors", type=int, default=None,
                        help="misses and false positives to list (default: all on train/dev, none on test)")


def _print_prf(name: str, v: dict) -> None:
    print(f"{name:<28} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} {v['tp']:>5} {v['pred']:>5} "
          f"{v['gold']:>5}")


def _share(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def print_events(result: dict, errors: int | None) -> None:
    print(f"news gold, split {result['split']}: {result['articles']} articles ({result['by_corpus']}), "
          f"{result['gold_events']} events, {result['gold_quotes']} quotations; sha256 {result['gold_sha256'][:12]}")
    for s in result["skipped"]:
        print(f"  skipped: {s}")
    print(f"\n{'events':<28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
    for lv, name in (("event", "type + source + target"), ("event_date", "… + date"), ("exact_codes", "… exact codes"),
                     ("type", "type in sentence"), ("present_events", "present (non-historical)")):
        _print_prf(name, result[lv])
    da, ha = result["done_accuracy"], result["historical_accuracy"]
    print(f"\ndone vs not done on {result['done_pairs']} matched events: "
          f"{'-' if da is None else f'{da:.3f}'}; historical flag {'-' if ha is None else f'{ha:.3f}'}")
    print(f"\n{'gold status':<14} {'gold':>5} {'found':>6} {'recall':>7}   coded as")
    for s, v in result["by_status"].items():
        conf = ", ".join(f"{k} {n}" for k, n in sorted(result["status_confusion"].get(s, {}).items(),
                                                        key=lambda kv: -kv[1]))
        print(f"{s:<14} {v['gold']:>5} {v['found']:>6} {v['recall']:>7.3f}   {conf}")
    print(f"\n{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}   type-in-sentence R")
    for t, v in result["per_type"].items():
        e = v["event"]
        print(f"{t:<10} {e['precision']:>6.3f} {e['recall']:>6.3f} {e['f1']:>6.3f} {e['gold']:>5} {e['pred']:>5}   "
              f"{v['type']['recall']:.3f}")
    print(f"\n{'confidence':<12} {'coded':>6} {'right':>6} {'share':>6} {'type share':>11}   (right = type, source, target)")
    for b in result["reliability"]:
        print(f"{b['bin']:<12} {b['pred']:>6} {b['tp']:>6} {_share(b['precision']):>6} {_share(b['type_precision']):>11}")
    c = result["confident"]
    print(f"precision at confidence >= {c['threshold']}: {_share(c['precision'])} ({c['tp']} of {c['pred']}); "
          f"type level {_share(c['type_precision'])}")
    print()
    _print_prf("quotes: content overlap", result["quote_content"])
    _print_prf("quotes: + right speaker", result["quote_speaker"])
    print(f"right speaker on content-matched quotations: {result['quote_speaker_accuracy']}")
    n = errors if errors is not None else (0 if result["split"] == "test" else None)
    if n == 0:
        print(f"\n{len(result['misses'])} misses, {len(result['false_positives'])} false positives "
              f"(list them with --errors N; never write a rule from the test split)")
        return
    print("\nmisses (gold events with no coded match):")
    for m in result["misses"][:n]:
        print(f"  [{m['article']} {m['gold']} @{m['offset']}] {m['type']} {m['status']} {m['source']}→{m['target']}: "
              f"{m['why']}\n      {m['sentence'][:240]}")
    print("\nfalse positives (coded events with no gold match):")
    for f in result["false_positives"][:n]:
        print(f"  [{f['article']} @{f['offset']}] {f['type']} {f['status']} {f['source']}→{f['target']} ({f['rule']})"
              f"\n      {f['sentence'][:240]}")


def run(args: argparse.Namespace, task: str = "events") -> int:
    shared = shared_dir(args.data_dir)
    split = None if args.split == "all" else args.split
    from barometer.eval import pipeline_of

    result = evaluate(split, shared, pipeline=pipeline_of(args))
    if not result["articles"]:
        print(f"barometer: error: no news gold articles in split {args.split!r}", file=sys.stderr)
        return 2
    if args.format == "json":
        if task == "quotes":
            keep = ("gold", "split", "articles", "gold_quotes", "gold_sha256", "quote_content", "quote_speaker",
                    "quote_speaker_accuracy", "skipped", *(("quote_errors",) if split != "test" else ()))
            result = {k: result[k] for k in keep}
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    if task == "quotes":
        print(f"news gold, split {result['split']}: {result['articles']} articles, {result['gold_quotes']} quotations")
        for s in result["skipped"]:
            print(f"  skipped: {s}")
        print(f"{'':<28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
        _print_prf("content overlap >= 0.5", result["quote_content"])
        _print_prf("... and right speaker", result["quote_speaker"])
        print(f"right speaker on content-matched quotations: {result['quote_speaker_accuracy']}")
        n = args.errors if args.errors is not None else (0 if result["split"] == "test" else 10**6)
        if n:
            from barometer.eval.newsquotes import print_quote_errors

            print_quote_errors(result["quote_errors"], n)
        return 0
    print_events(result, args.errors)
    return 0

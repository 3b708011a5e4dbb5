"""``barometer eval extraction``: the clean stage's HTML path against article-extraction gold.

Why: every offset Barometer emits points into the clean text, so boilerplate kept there becomes
junk actors and events, and body text lost there becomes missed events. The ScrapingHub (Zyte)
article-extraction benchmark (../shared/data/scrapinghub-article-extraction-benchmark, read in
place, never copied) gives 181 real news and blog pages with a hand-checked article body.

The score follows the benchmark's own definition (described in its SOURCE.md): word 4-gram
shingles counted as multisets; per page TP/FP/FN normalised to sum to 1; precision and recall
macro-averaged over pages, F1 from those averages. A page where the stage raises (no main text)
counts as an empty prediction. The same scorer is applied to the reference outputs shipped with
the benchmark (trafilatura alone, readability, ...) so the figures are comparable in one run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from barometer.eval import sha256

#: Gold set name -> (folder under ../shared/data, gold file inside it).
GOLD_SETS = {
    "scrapinghub": ("scrapinghub-article-extraction-benchmark", "ground-truth.json"),
    "naeb": ("naeb-news-article-extraction", "articles.json.gz"),
}
GOLD_NAME = "scrapinghub"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def default_dir(gold: str = GOLD_NAME) -> Path:
    """../shared/data/<benchmark> beside the checkout."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / GOLD_SETS[gold][0]


def gold_file(root: Path, gold: str = GOLD_NAME) -> Path:
    return root / GOLD_SETS[gold][1]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams (lower-cased word tokens), as the benchmark counts them."""
    tokens = [t.lower() for t in _TOKEN.findall(text or "")]
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) for one page from normalised TP/FP/FN of 4-gram shingles."""
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def aggregate(pairs: Iterable[tuple[float, float]]) -> dict[str, float]:
    pairs = list(pairs)
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    p = sum(a for a, _ in pairs) / len(pairs)
    r = sum(b for _, b in pairs) / len(pairs)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "pages": len(pairs)}


def load_records(path: Path) -> dict[str, dict]:
    """{page id: {articleBody, url, title?, date?}} from a ScrapingHub-layout file (.json or .json.gz)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return json.loads(data.decode("utf-8"))


def load_reference(path: Path) -> dict[str, str]:
    data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    if isinstance(data, dict) and "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {key: (item or {}).get("articleBody") or "" for key, item in data.items()}


def barometer_article(html: str, url: str | None = None):  # noqa: ANN201 - Article | None
    """The Article Barometer stores for one HTML page (None when the stage rejects the page)."""
    from barometer.clean.article import clean_document
    from barometer.errors import InputError
    from barometer.ingest.raw import RawDocument

    try:
        return clean_document(RawDocument(text=html, media_type="html", url=url)).article
    except InputError:
        return None


def _norm_title(title: str | None) -> str:
    return " ".join(_TOKEN.findall((title or "").lower()))


def evaluate(root: Path, gold: str = GOLD_NAME, limit: int = 0, references: bool = True) -> dict:
    """Body P/R/F1 (4-gram shingles); with gold titles/dates, also title and date accuracy."""
    records = load_records(gold_file(root, gold))
    keys = [k for k in sorted(records) if (root / "html" / f"{k}.html.gz").is_file()]
    keys = keys[:limit] if limit else keys
    started = time.perf_counter()
    ours = []
    titles = dates = titled = dated = 0
    for key in keys:
        rec = records[key]
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        article = barometer_article(html, rec.get("url"))
        ours.append(page_scores(article.text if article else "", rec.get("articleBody") or ""))
        if rec.get("title"):
            titled += 1
            titles += bool(article) and _norm_title(article.title) == _norm_title(rec["title"])
        if rec.get("date"):
            dated += 1
            dates += bool(article) and article.published is not None and \
                article.published.isoformat() == str(rec["date"])[:10]
    elapsed = time.perf_counter() - started
    result = {"gold": gold, "sha256": sha256(gold_file(root, gold)),
              "barometer": aggregate(ours), "seconds_per_page": round(elapsed / max(len(keys), 1), 4),
              "references": {}}
    if titled:
        result["barometer"]["title_accuracy"] = round(titles / titled, 4)
    if dated:
        result["barometer"]["date_accuracy"] = round(dates / dated, 4)
    truth = {k: records[k].get("articleBody") or "" for k in keys}
    if references and (root / "reference-outputs").is_dir():
        for ref in sorted((root / "reference-outputs").glob("*.json.gz")):
            preds = load_reference(ref)
            name = ref.name.removesuffix(".json.gz")
            result["references"][name] = aggregate(page_scores(preds.get(k, ""), truth[k]) for k in keys)
    return result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", choices=sorted(GOLD_SETS), default=GOLD_NAME,
                        help="benchmark: scrapinghub (181 pages, body only) or naeb (421 pages, body, "
                             "title and date)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder of the benchmark (default ../shared/data/<its folder>)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (sorted by id)")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--no-references", action="store_true",
                        help="do not score the reference systems shipped with the benchmark")


def run(args: argparse.Namespace) -> int:
    root = args.data_dir or default_dir(args.gold)
    if not gold_file(root, args.gold).is_file():
        print(f"barometer: error: gold data not found in {root} (is ../shared beside the checkout?)",
              file=sys.stderr)
        return 2
    result = evaluate(root, gold=args.gold, limit=args.limit, references=not args.no_references)
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Article extraction — {args.gold} ({result['barometer']['pages']} pages)")
    for col in ("system", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "system" else "right")
    rows = [("barometer (clean stage)", result["barometer"])] + sorted(
        result["references"].items(), key=lambda kv: -kv[1]["f1"])
    for name, s in rows:
        table.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
    Console().print(table)
    for field in ("title_accuracy", "date_accuracy"):
        if field in result["barometer"]:
            print(f"{field.replace('_', ' ')}: {result['barometer'][field]:.3f}")
    print(f"{result['seconds_per_page'] * 1000:.0f} ms per page (clean stage, one process)")
    return 0

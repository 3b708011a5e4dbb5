"""Main-text extraction quality on the Scrapinghub article-extraction benchmark (181 real pages).

Why: every later stage sees only what cleaning keeps. The score is the benchmark's own: token-level
precision/recall/F1 of the extracted text against the gold ``articleBody`` (whitespace tokens, bag
of words), averaged over pages. trafilatura's published F1 on this benchmark is 0.958.

    PYTHONPATH=src python bench/extraction.py [--data DIR]

Our text is the article as Barometer stores it (title line + body), so the title costs a little
precision. The data stay in ../shared; nothing is copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "scrapinghub-article-extraction-benchmark"


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = Counter(pred.split()), Counter(gold.split())
    common = sum((p & g).values())
    if not p or not g:
        return (1.0, 1.0, 1.0) if p == g else (0.0, 0.0, 0.0)
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return precision, recall, (2 * precision * recall / (precision + recall) if common else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    args = ap.parse_args()

    from barometer.clean import clean_document
    from barometer.errors import InputError
    from barometer.pipeline import to_raw

    gold = json.loads((args.data / "ground-truth.json").read_text("utf-8"))
    scores, failed = [], 0
    t = time.perf_counter()
    for key, item in sorted(gold.items()):
        html = gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes())
        try:
            text = clean_document(to_raw(html, url=item.get("url"))).article.text
        except InputError:
            text, failed = "", failed + 1
        scores.append(prf(text, item["articleBody"]))
    took = time.perf_counter() - t
    n = len(scores)
    p, r, f = (sum(s[i] for s in scores) / n for i in range(3))
    print(f"extraction on {n} pages ({failed} with no text found), {n / took:.1f} pages/s: "
          f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (trafilatura's published F1: 0.958)")


if __name__ == "__main__":
    main()

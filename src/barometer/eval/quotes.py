"""``barometer eval quotes --gold polnear``: span scores of the quotation stage on PolNeAR.

Protocol (span-level, as in PolNeAR/PARC evaluations and CofeNet's exact-match/overlap scores):
each component — content, source, cue — is a set of spans per article; a predicted span matches at
most one gold span (greedy, best Jaccard first). Spans are compared as sets of word tokens
(``\\w+`` runs), so quote marks, trailing commas and whitespace do not count. *exact*: the token sets
are equal; *overlap*: token Jaccard ≥ 0.5. Sources and cues are deduplicated per article (a source
span that heads two attributions is one span). Gold is the first annotator file of each article.
*Speaker / cue accuracy*: attributions are paired by content (greedy, token Jaccard ≥ 0.5); of the
pairs whose gold has a source (cue), the share whose predicted source (cue) overlaps the gold one at
Jaccard ≥ 0.5. Tune on train/dev; test is for the final figure. Floors live under ``quotes:`` in
``baseline.yaml`` (see :func:`load_baseline`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from barometer.eval import load_floors

DEFAULT_ROOT = Path(__file__).resolve().parents[4] / "shared" / "data" / "polnear"
WORD = re.compile(r"\w+")


@dataclass
class PRF:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4), "tp": self.tp,
                "pred": self.pred, "gold": self.gold}


class Tokens:
    """Word-token index of one text: spans become frozensets of token numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in WORD.finditer(text)]

    def of(self, frags) -> frozenset[int]:  # noqa: ANN001 - iterable of (start, end)
        out: set[int] = set()
        for s, e in frags:
            i = bisect_left(self.starts, s)
            while i < len(self.starts) and self.starts[i] < e:
                out.add(i)
                i += 1
        return frozenset(out)


def match(pred: list[frozenset[int]], gold: list[frozenset[int]], threshold: float) -> int:
    """Greedy one-to-one matching by Jaccard; returns matched pairs with Jaccard ≥ threshold."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            inter = len(p & g)
            if inter:
                pairs.append((inter / len(p | g), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, n = set(), set(), 0
    for jac, i, j in pairs:
        if jac < threshold - 1e-9:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        n += 1
    return n


def pairs(pred: list[frozenset[int]], gold: list[frozenset[int]], threshold: float = 0.5) -> list[tuple[int, int]]:
    """Greedy one-to-one (pred index, gold index) pairs by Jaccard ≥ threshold, best first."""
    cand = sorted(((len(p & g) / len(p | g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                   if p & g), reverse=True)
    used_p, used_g, out = set(), set(), []
    for jac, i, j in cand:
        if jac < threshold - 1e-9:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _dedupe(sets: list[frozenset[int]]) -> list[frozenset[int]]:
    seen: dict[frozenset[int], None] = {}
    for s in sets:
        if s:
            seen.setdefault(s, None)
    return list(seen)


def univocal(a) -> tuple[list[tuple[int, int]], tuple[int, int] | None, tuple[int, int] | None]:  # noqa: ANN001
    """One attribution as PolNeAR annotates it: (content fragments, source, cue).

    PolNeAR is univocal (a token has one role in one attribution), so a nested report — "Obama said X,
    according to a pool report" — is one attribution there: the outer source and cue, and the inner
    report (speaker, cue and content) as its content. Our ``reported_by`` keeps both levels; this is its
    PolNeAR reading."""
    if a.reported_by and a.reported_cue:
        parts = [*a.fragments, *(x for x in (a.cue, a.source) if x)]
        return [(min(p[0] for p in parts), max(p[1] for p in parts))], a.reported_by_full or a.reported_by, a.reported_cue
    return a.fragments, a.source_full or a.source, a.cue


def predicted_spans(doc, atts=None) -> dict[str, list[list[tuple[int, int]]]]:  # noqa: ANN001 - spaCy Doc
    from barometer.quotes.attribution import find_attributions

    out: dict[str, list[list[tuple[int, int]]]] = {"content": [], "source": [], "cue": []}
    for a in find_attributions(doc, univocal=True) if atts is None else atts:
        content, source, cue = univocal(a)
        out["content"].append(content)
        if source:
            out["source"].append([source])
        if cue:
            out["cue"].append([cue])
    return out


def evaluate(root: Path, split: str, limit: int | None = None) -> dict:
    from barometer.eval.polnear import load_split, split_hash
    from barometer.nlp import get_nlp

    arts = load_split(root, split, limit)
    nlp = get_nlp()
    scores = {f"{c}_{m}": PRF() for c in ("content", "source", "cue") for m in ("exact", "overlap")}
    acc = {"speaker": [0, 0], "cue": [0, 0]}  # [correct, paired gold attributions with that role]
    t0 = time.perf_counter()
    for art, doc in zip(arts, nlp.pipe([a.text for a in arts], batch_size=8), strict=True):
        from barometer.quotes.attribution import find_attributions

        toks = Tokens(art.text)
        atts = find_attributions(doc, univocal=True)
        pred = predicted_spans(doc, atts)
        views = [univocal(a) for a in atts]
        pc = [toks.of(v[0]) for v in views]
        gc = [toks.of(g.content) for g in art.attributions]
        for i, j in pairs(pc, gc):
            g, (_, src, cue) = art.attributions[j], views[i]
            for role, gs, ps in (("speaker", g.source, src), ("cue", g.cue, cue)):
                if gs:
                    acc[role][1] += 1
                    acc[role][0] += bool(ps) and _jaccard(toks.of([ps]), toks.of(gs)) >= 0.5 - 1e-9
        gold = {"content": [a.content for a in art.attributions],
                "source": [a.source for a in art.attributions if a.source],
                "cue": [a.cue for a in art.attributions]}
        for comp in ("content", "source", "cue"):
            p = [toks.of(f) for f in pred[comp]]
            g = [toks.of(f) for f in gold[comp]]
            if comp == "content":
                p, g = [s for s in p if s], [s for s in g if s]
            else:
                p, g = _dedupe(p), _dedupe(g)
            for mode, thr in (("exact", 1.0), ("overlap", 0.5)):
                s = scores[f"{comp}_{mode}"]
                s.tp += match(p, g, thr)
                s.pred += len(p)
                s.gold += len(g)
    return {"gold": "polnear", "split": split, "articles": len(arts), "limit": limit,
            "gold_sha256": split_hash(root, split, limit), "seconds": round(time.perf_counter() - t0, 1),
            "scores": {k: v.as_dict() for k, v in scores.items()},
            "accuracy": {k: {"correct": c, "paired": n, "accuracy": round(c / n, 4) if n else 0.0}
                         for k, (c, n) in acc.items()}}


def load_baseline() -> dict:
    return load_floors("quotes")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", choices=["polnear", "news"], default="polnear",
                        help="gold set: PolNeAR, or news (whole real articles, docs/annotation.md)")
    parser.add_argument("--split", choices=["train", "dev", "test", "all"], default="dev",
                        help="compartment (tune on train/dev; test only for the final figure; all: news only)")
    parser.add_argument("--data-dir", help="news: folder holding the shared corpora (default ../shared/data)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="PolNeAR data directory")
    parser.add_argument("--limit", type=int, default=None, help="evaluate the first N articles (sorted)")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--errors", type=int, default=None,
                        help="news: misses, false positives and wrong speakers to list, by class (default: all on "
                             "train/dev, none on test)")


def run(args: argparse.Namespace) -> int:
    if args.gold == "news":
        from barometer.eval import news

        return news.run(args, "quotes")
    if args.split == "all":
        print("barometer: error: --split all is for --gold news; PolNeAR has train, dev and test", file=sys.stderr)
        return 2
    root = Path(args.root)
    if not (root / args.split / "attributions").is_dir():
        print(f"barometer: error: PolNeAR split {args.split!r} not found under {root}", file=sys.stderr)
        return 2
    result = evaluate(root, args.split, args.limit)
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    from barometer.render import print_table

    rows = []
    for comp in ("content", "source", "cue"):
        for mode in ("exact", "overlap"):
            s = result["scores"][f"{comp}_{mode}"]
            rows.append((comp, mode, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}", s["tp"], s["pred"], s["gold"]))
    for role, a in result["accuracy"].items():
        rows.append((f"{role} accuracy", "paired", "", "", f"{a['accuracy']:.3f}", a["correct"], "", a["paired"]))
    print_table(f"PolNeAR {args.split}: {result['articles']} articles, {result['seconds']} s",
                ["component", "match", "P", "R", "F1", "tp", "pred", "gold"], rows)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="barometer eval quotes")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

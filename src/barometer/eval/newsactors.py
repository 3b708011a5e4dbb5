"""``barometer eval actors --gold news``: who the parties of real news are, on the news gold.

The news gold codes no actor mention by offsets, but its events name their parties (``source`` /
``target`` codes with ``source_name`` / ``target_name``) and its quotations their speakers (code,
name and ``speaker_span`` offsets). Two measures follow:

* **mentions**: a gold actor mention is a quotation's ``speaker_span``, or a party's name found in
  one of its event's evidence snippets (the name as written; without a parenthesis; its last word).
  Each such span counts once per article. Barometer's mention that best covers it (largest overlap,
  then shortest) is *resolved* when there is one, *country right* when its code has the gold code's
  country or organisation (``code_root``: ``RUSMIL`` and ``RUS`` agree), and *right* when the first
  sector agrees as well (``USAGOV`` vs ``USAMIL`` is the right country, the wrong sector; ``RUS`` vs
  ``RUSGOV`` likewise). A mention is *hard* unless its text is a country's name, demonym or
  capital as the country packages (pycountry, countryinfo) spell them: people, roles, groups,
  organisations, seats of power and pronouns are hard.
* **events**: gold and coded events of the same type in the same sentence are paired one-to-one
  (pairs whose parties agree first, then the rest: a maximum matching at each step), and on those
  pairs the source and the target are *right* (same country or organisation, or both absent),
  *missing* (gold has one, Barometer none), *spurious* (Barometer has one, the gold none) or *wrong*.

Party names not found in their evidence (a bare code such as ``GBR`` for "the United Kingdom", or a
name the evidence does not repeat) count only at the event level.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.eval.newsgold import LoadedArticle, code_root
from barometer.eval.newsmatch import ArticleItems, Ev, PredMention, compatible, max_matching

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline

_PAREN = re.compile(r"\s*\([^)]*\)")
#: Last words that are no surname ("Queen Elizabeth II", "the Kremlin's office").
_NOT_SURNAME = {"ii", "iii", "iv", "jr", "sr", "office", "government", "ministry", "party", "forces"}


@dataclass
class GoldMention:
    start: int
    end: int
    code: str
    name: str | None
    text: str
    where: str  # "e3 source", "q2 speaker"
    hard: bool = True


@lru_cache(maxsize=1)
def easy_names() -> frozenset[str]:
    """Country names, demonyms and capitals as the packages spell them (no file of ours)."""
    import pycountry
    from countryinfo import CountryInfo

    out: set[str] = set()
    for c in pycountry.countries:
        out.update(n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)) if n)
    for rec in CountryInfo.all().values():
        if not isinstance(rec, dict):
            continue
        out.update(n for n in (rec.get("name"), rec.get("demonym"), rec.get("capital")) if isinstance(n, str) and n)
        out.update(n for n in rec.get("altSpellings") or () if isinstance(n, str) and len(n) > 2)
        if isinstance(rec.get("name"), str):
            out.add(rec["name"].title())
    return frozenset(out)


def is_hard(text: str) -> bool:
    t = re.sub(r"^(?:the|The)\s+", "", text.strip())
    t = re.sub(r"['’]s?$", "", t)
    return t not in easy_names()


def _variants(name: str) -> list[str]:
    base = _PAREN.sub("", name).strip()
    out = [name, base]
    words = base.split()
    if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 2 and words[-1].lower() not in _NOT_SURNAME:
        out.append(words[-1])
    return [v for i, v in enumerate(out) if v and v not in out[:i]]


def _find(text: str, spans: list[tuple[int, int]], name: str) -> tuple[int, int] | None:
    for v in _variants(name):
        pat = re.compile(r"(?<!\w)" + re.escape(v) + r"(?!\w)")
        for s, e in spans:
            m = pat.search(text, s, e)
            if m:
                return m.start(), m.end()
    return None


def gold_mentions(art: LoadedArticle) -> tuple[list[GoldMention], int]:
    """The article's gold actor mentions (speaker spans; party names found in evidence), and how many
    named parties were not found in their evidence."""
    text, out, seen, unlocated = art.text, [], set(), 0
    for q in art.gold.quotes:
        if q.speaker and q.speaker_span is not None:
            s, e = q.speaker_span.start, q.speaker_span.end
            if (s, e) not in seen:
                seen.add((s, e))
                out.append(GoldMention(s, e, q.speaker, q.speaker_name, text[s:e], f"{q.id} speaker"))
    for ev in art.gold.events:
        spans = [(s.start, s.end) for s in ev.evidence]
        for side in ("source", "target"):
            code, name = getattr(ev, side), getattr(ev, f"{side}_name")
            if not code or not name:
                continue
            hit = _find(text, spans, name)
            if hit is None:
                unlocated += 1
                continue
            if hit not in seen:
                seen.add(hit)
                out.append(GoldMention(hit[0], hit[1], code, name, text[hit[0]:hit[1]], f"{ev.id} {side}"))
    for m in out:
        m.hard = is_hard(m.text)
    return out, unlocated


def _sector(code: str | None) -> str:
    root = code_root(code)
    return (code or "")[len(root or ""):][:3]


def best_mention(preds: list[PredMention], start: int, end: int) -> PredMention | None:
    best, key = None, None
    for p in preds:
        overlap = min(end, p.end) - max(start, p.start)
        if overlap <= 0:
            continue
        k = (overlap, p.start - p.end)
        if key is None or k > key:
            best, key = p, k
    return best


def judge(g: GoldMention, p: PredMention | None) -> str:
    """``none`` (no mention), ``country`` (wrong country), ``sector`` (right country, wrong sector), ``right``."""
    if p is None:
        return "none"
    if code_root(p.code) != code_root(g.code):
        return "country"
    return "right" if _sector(p.code) == _sector(g.code) else "sector"


def _party(g: str | None, p: str | None) -> str:
    if g is None:
        return "right" if p is None else "spurious"
    if p is None:
        return "missing"
    return "right" if code_root(g) == code_root(p) else "wrong"


def event_pairs(gold: list[Ev], pred: list[Ev]) -> list[tuple[int, int]]:
    """Same type in the same sentence, one-to-one: pairs whose parties agree first, then the rest."""
    first = max_matching(len(gold), len(pred), lambda i, j: compatible("event", gold[i], pred[j]))
    gi = [i for i in range(len(gold)) if i not in first]
    pj = [j for j in range(len(pred)) if j not in first.values()]
    rest = max_matching(len(gi), len(pj), lambda a, b: compatible("type", gold[gi[a]], pred[pj[b]]))
    return sorted([*first.items(), *((gi[a], pj[b]) for a, b in rest.items())])


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def score(arts: list[LoadedArticle], items: list[ArticleItems]) -> dict:
    mention = {"all": Counter(), "hard": Counter(), "easy": Counter()}
    by_kind: dict[str, Counter] = {}
    misses: list[dict] = []
    unlocated = 0
    parties = {"source": Counter(), "target": Counter()}
    sectors = {"source": Counter(), "target": Counter()}
    for art, it in zip(arts, items, strict=True):
        golds, n_un = gold_mentions(art)
        unlocated += n_un
        for g in golds:
            p = best_mention(it.pred_mentions, g.start, g.end)
            verdict = judge(g, p)
            for key in ("all", "hard" if g.hard else "easy"):
                mention[key][verdict] += 1
            by_kind.setdefault(p.kind if p else "-", Counter())[verdict] += 1
            if verdict != "right":
                misses.append({"article": it.id, "where": g.where, "text": g.text, "gold": g.code, "name": g.name,
                               "got": p.code if p else None, "got_name": p.name if p else None,
                               "kind": p.kind if p else None, "verdict": verdict, "hard": g.hard, "offset": g.start})
        for i, j in event_pairs(it.gold_events, it.pred_events):
            g, p = it.gold_events[i], it.pred_events[j]
            for side in ("source", "target"):
                gc, pc = getattr(g, side), getattr(p, side)
                v = _party(gc, pc)
                parties[side][v] += 1
                if v == "right" and gc is not None:
                    sectors[side]["right" if _sector(gc) == _sector(pc) else "wrong"] += 1

    def mention_figures(c: Counter) -> dict:
        n = sum(c.values())
        return {"gold": n, "resolved": _rate(n - c["none"], n), "country": _rate(c["right"] + c["sector"], n),
                "right": _rate(c["right"], n), "counts": dict(c)}

    out = {"mentions": {k: mention_figures(c) for k, c in mention.items()}, "unlocated_parties": unlocated,
           "by_kind": {r: mention_figures(c) for r, c in sorted(by_kind.items(), key=lambda rc: -sum(rc[1].values()))},
           "events": {}}
    for side in ("source", "target"):
        c, n = parties[side], sum(parties[side].values())
        out["events"][side] = {"pairs": n, "right": _rate(c["right"], n), "counts": dict(c),
                               "sector_right": _rate(sectors[side]["right"], sum(sectors[side].values()))}
    out["misses"] = misses
    return out


def evaluate(split: str | None, shared: Path | None, pipeline: Pipeline | None = None) -> dict:
    from barometer.eval.news import analyse
    from barometer.eval.newsgold import gold_hash, load_split

    arts, skipped, files = load_split(split, shared)
    items = analyse(arts, pipeline)
    result = score(arts, items)
    result.update({"gold": "news", "split": split or "all", "articles": len(arts), "skipped": skipped,
                   "gold_sha256": gold_hash(files)})
    return result


def _print(result: dict, errors: int | None) -> None:
    print(f"news gold, split {result['split']}: {result['articles']} articles; sha256 {result['gold_sha256'][:12]}")
    for s in result["skipped"]:
        print(f"  skipped: {s}")
    print(f"\n{'actor mentions':<16} {'gold':>5} {'resolved':>9} {'country':>8} {'+sector':>8}")
    for k in ("all", "hard", "easy"):
        v = result["mentions"][k]
        print(f"{k:<16} {v['gold']:>5} {v['resolved'] or 0:>9.3f} {v['country'] or 0:>8.3f} {v['right'] or 0:>8.3f}")
    print(f"(named parties not found in their evidence, counted at the event level only: "
          f"{result['unlocated_parties']})")
    print(f"\n{'matched events':<16} {'pairs':>5} {'right':>7} {'missing':>8} {'wrong':>6} {'spurious':>9} {'sector':>7}")
    for side in ("source", "target"):
        v = result["events"][side]
        c = v["counts"]
        print(f"{side:<16} {v['pairs']:>5} {v['right'] or 0:>7.3f} {c.get('missing', 0):>8} {c.get('wrong', 0):>6} "
              f"{c.get('spurious', 0):>9} {v['sector_right'] or 0:>7.3f}")
    print(f"\n{'by actor kind':<28} {'gold':>5} {'country':>8} {'+sector':>8}")
    for r, v in list(result["by_kind"].items())[:20]:
        print(f"{r:<28} {v['gold']:>5} {v['country'] or 0:>8.3f} {v['right'] or 0:>8.3f}")
    n = errors if errors is not None else (0 if result["split"] == "test" else None)
    if n == 0:
        print(f"\n{len(result['misses'])} mention misses (list them with --errors N; never from the test split)")
        return
    print("\nmention misses:")
    for m in result["misses"][:n]:
        print(f"  [{m['article']} {m['where']} @{m['offset']}] {m['text']!r} gold {m['gold']} ({m['name']}) → "
              f"{m['got']} ({m['got_name']}, {m['kind']}): {m['verdict']}{'' if m['hard'] else ' [easy]'}")


def run(args: argparse.Namespace) -> int:
    from barometer.eval import pipeline_of
    from barometer.eval.news import shared_dir

    split = None if args.split == "all" else args.split
    data = getattr(args, "data", None)
    result = evaluate(split, shared_dir(str(data) if data else None), pipeline_of(args))
    if not result["articles"]:
        print(f"barometer: error: no news gold articles in split {args.split!r}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print(result, args.errors if args.errors else None)
    return 0

"""Matching coded events and quotations to the news gold: the protocol of ``barometer eval … --gold news``.

Gold and coded items are reduced to one shape (``Ev``, ``Qt``) in the offsets of the article file,
then matched one-to-one at each level (maximum bipartite matching); docs/eval.md states the levels.
Kept apart from the runner (``eval/news.py``) so that the agreement of two annotation passes uses
the very same matching as the evaluation of Barometer.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from barometer.eval.newsgold import DONE, LoadedArticle, code_root

#: Types whose two parties act jointly: the scorer ignores their direction.
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
LEVELS = ("type", "event", "event_date", "exact_codes")
#: Lower bounds of the confidence bins of the reliability table, and the bound of "precision at confidence".
CONF_BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9)
CONFIDENT = 0.7
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"\w+")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")


# ---------------------------------------------------------------------------------------------
# Items compared: gold and coded events/quotes reduced to the same shape.

@dataclass
class Ev:
    type: str
    source: str | None
    target: str | None
    status: str
    date: str | None
    spans: list[tuple[int, int]]
    historical: bool = False
    said_by: str | None = None
    label: str = ""  # gold id or coded rule
    source_name: str | None = None
    target_name: str | None = None
    confidence: float | None = None  # the coder's (coded events only)


@dataclass
class Qt:
    content: list[tuple[int, int]]
    speaker: str | None
    speaker_name: str | None
    speaker_is_person: bool  # a particular, named person (not a role holder known only by role)
    label: str = ""
    cue: tuple[int, int] | None = None  # for the error list (eval/newsquotes.py)
    speaker_text: str | None = None


@dataclass
class PredMention:
    """One of Barometer's actor mentions, in file offsets, with its actor's code and name."""

    start: int
    end: int
    code: str | None
    name: str
    kind: str  # the kind of actor: "state:kb", "person:local", ...


@dataclass
class ArticleItems:
    id: str
    split: str
    text: str
    gold_events: list[Ev]
    gold_quotes: list[Qt]
    pred_events: list[Ev] = field(default_factory=list)
    pred_quotes: list[Qt] = field(default_factory=list)
    pred_mentions: list[PredMention] = field(default_factory=list)
    note: str = ""
    analysis: object = None  # Barometer's Analysis of the file, and its Alignment (for calibration)
    alignment: Alignment | None = None


def gold_items(art: LoadedArticle) -> tuple[list[Ev], list[Qt]]:
    g = art.gold
    events = [Ev(type=e.type, source=e.source, target=e.target, status=e.status, date=e.date,
                 spans=[(s.start, s.end) for s in e.evidence], historical=e.historical, said_by=e.said_by,
                 label=e.id, source_name=e.source_name, target_name=e.target_name) for e in g.events]
    quotes = [Qt(content=[(s.start, s.end) for s in q.content], speaker=q.speaker, speaker_name=q.speaker_name,
                 speaker_is_person=False, label=q.id, cue=(q.cue.start, q.cue.end) if q.cue else None)
              for q in g.quotes]
    return events, quotes


# ---------------------------------------------------------------------------------------------
# Clean text -> file text.

class Alignment:
    """Maps offsets of Barometer's clean text back to the file's text.

    The cleaner drops the title line and boilerplate and collapses white space, so the clean text
    is the file's text with pieces left out; the two are aligned by their white-space-separated
    tokens (difflib, no junk heuristic)."""

    def __init__(self, clean: str, raw: str) -> None:
        self.ct = [(m.start(), m.end()) for m in _TOKEN.finditer(clean)]
        self.rt = [(m.start(), m.end()) for m in _TOKEN.finditer(raw)]
        a = [clean[s:e] for s, e in self.ct]
        b = [raw[s:e] for s, e in self.rt]
        self.map: dict[int, int] = {}
        for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            for k in range(blk.size):
                self.map[blk.a + k] = blk.b + k
        self._starts = [s for s, _ in self.ct]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The file span of clean ``[start, end)``: from its first to its last aligned token."""
        from bisect import bisect_left, bisect_right

        i, j = bisect_right(self._starts, start) - 1, bisect_left(self._starts, end) - 1
        i = max(i, 0)
        firsts = [self.map[k] for k in range(i, j + 1) if k in self.map and self.ct[k][1] > start]
        if not firsts:
            return None
        return self.rt[min(firsts)][0], self.rt[max(firsts)][1]


def _named_person(actor) -> bool:  # noqa: ANN001 - Actor | None
    """A person known by name: a KB person, or an article-local one whose name is not just its role."""
    return bool(actor and actor.kind == "person" and (actor.kb_id or actor.name != actor.role))


def _date_text(date, granularity: str | None) -> str | None:  # noqa: ANN001 - dt.date | None
    """A coded date as precise as the text gave it: "2014" for the year 2014 (a gold day within it
    is then not matched: the coder did not know the day)."""
    if date is None:
        return None
    return {"year": date.isoformat()[:4], "month": date.isoformat()[:7]}.get(granularity or "day", date.isoformat())


def aligned_events(analysis, aln: Alignment) -> list[tuple]:  # noqa: ANN001 - Analysis
    """The coded events whose evidence aligns with the file's text, with that span in file offsets:
    the events ``predicted_items`` scores, in its order."""
    out = []
    for e in analysis.events:
        sp = aln.span(e.evidence.start, e.evidence.end)
        if sp is not None:
            out.append((e, sp))
    return out


def predicted_items(analysis, aln: Alignment) -> tuple[list[Ev], list[Qt]]:  # noqa: ANN001 - Analysis
    def code(actor_id: str | None) -> str | None:
        a = analysis.actor(actor_id)
        return (a.code or a.country) if a else None

    def name(actor_id: str | None) -> str | None:
        a = analysis.actor(actor_id)
        return a.name if a else None

    events = []
    for e, sp in aligned_events(analysis, aln):
        more = [m for m in (aln.span(x.start, x.end) for x in getattr(e, "mentions", ())) if m is not None]
        events.append(Ev(type=e.type, source=code(e.source), target=code(e.target), status=e.status,
                         date=_date_text(e.date, getattr(e, "date_granularity", None)), spans=[sp, *more],
                         historical=bool(getattr(e, "historical", False)), said_by=code(e.said_by), label=e.rule,
                         source_name=name(e.source), target_name=name(e.target), confidence=e.confidence))
    quotes = []
    for q in analysis.quotes:
        sp = aln.span(q.start, q.end)
        if sp is None:
            continue
        a = analysis.actor(q.speaker)
        cue = aln.span(q.cue_start, q.cue_end) if q.cue_start is not None and q.cue_end is not None else None
        quotes.append(Qt(content=[sp], speaker=(a.code or a.country) if a else None,
                         speaker_name=a.name if a else q.speaker_text, speaker_is_person=_named_person(a),
                         label=q.rule or "", cue=cue, speaker_text=q.speaker_text))
    return events, quotes


def predicted_mentions(analysis, aln: Alignment) -> list[PredMention]:  # noqa: ANN001 - Analysis
    out = []
    for a in analysis.actors:
        kind = f"{a.kind}:{'kb' if a.kb_id else 'local'}"
        for m in a.mentions:
            sp = aln.span(m.start, m.end)
            if sp is not None:
                out.append(PredMention(sp[0], sp[1], a.code or a.country, a.name, kind))
    return out


# ---------------------------------------------------------------------------------------------
# Matching.

def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _same_party(g: str | None, p: str | None) -> bool:
    return code_root(g) == code_root(p)


def _date_ok(g: str | None, p: str | None) -> bool:
    return g is None or (p is not None and p.startswith(g))


def compatible(level: str, g: Ev, p: Ev) -> bool:
    if g.type != p.type or not _overlaps(g.spans, p.spans):
        return False
    if level == "type":
        return True
    same = (g.source == p.source and g.target == p.target) if level == "exact_codes" else \
        (_same_party(g.source, p.source) and _same_party(g.target, p.target))
    if not same and g.type in SYMMETRIC:
        same = (g.source == p.target and g.target == p.source) if level == "exact_codes" else \
            (_same_party(g.source, p.target) and _same_party(g.target, p.source))
    if not same:
        return False
    return level != "event_date" or _date_ok(g.date, p.date)


def max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum one-to-one gold -> coded matching (augmenting paths); ties go to the earlier item."""
    adj = [[j for j in range(n_pred) if ok(i, j)] for i in range(n_gold)]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_gold):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def match_events(level: str, gold: list[Ev], pred: list[Ev]) -> dict[int, int]:
    """Gold index -> coded index of a maximum matching at ``level``."""
    return max_matching(len(gold), len(pred), lambda i, j: compatible(level, gold[i], pred[j]))


def _prf(tp: int, pred: int, gold: int) -> dict:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": pred, "gold": gold}


def _words(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in _WORD.finditer(text, s, e))
    return frozenset(out)


_TITLES = {"mr", "mrs", "ms", "dr", "president", "minister", "prime", "the", "of", "sir", "general", "gen"}
_FOLD = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ı": "i"})


def _surnames(name: str | None) -> list[str]:
    """Name words, accents folded ("Erdoğan" = "Erdogan"), titles dropped."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", (name or "").lower().translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w for w in re.findall(r"[a-z]+", folded) if w not in _TITLES and len(w) > 1]


def _same_word(a: str, b: str) -> bool:
    """Equal, one a prefix of the other ("Zelensky"/"Zelenskyy"), or one edit apart in a long word."""
    if a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))):
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    return sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b)) <= 1 or \
        SequenceMatcher(None, a, b).ratio() >= 0.9


def names_match(gold: str | None, pred: str | None) -> bool:
    gt, pt = _surnames(gold), _surnames(pred)
    return bool(gt and pt) and (any(_same_word(gt[-1], w) for w in pt) or any(_same_word(pt[-1], w) for w in gt))


def speaker_ok(g: Qt, p: Qt) -> bool:
    """The right speaker: the same name (surname, accents folded), or — unless the coded speaker is a
    particular person with another name — the same actor (same country or organisation, and the same
    first sector when both codes have one)."""
    if names_match(g.speaker_name, p.speaker_name):
        return True
    if not g.speaker or not p.speaker or p.speaker_is_person:
        return False
    gr, pr = code_root(g.speaker), code_root(p.speaker)
    gs, ps = g.speaker[len(gr):][:3], p.speaker[len(pr):][:3]
    return gr == pr and (not gs or not ps or gs == ps)


def match_quotes(text: str, gold: list[Qt], pred: list[Qt]) -> list[tuple[int, int]]:
    gw = [_words(text, q.content) for q in gold]
    pw = [_words(text, q.content) for q in pred]
    from barometer.eval.quotes import pairs  # PolNeAR's pairing: greedy one-to-one, best Jaccard first

    return [(i, j) for j, i in pairs(pw, gw, 0.5)]


# ---------------------------------------------------------------------------------------------
# Scoring.

def _sentence(text: str, span: tuple[int, int]) -> str:
    starts = [0] + [m.end() for m in _SENT_END.finditer(text)]
    s = max(x for x in starts if x <= span[0])
    nxt = [x for x in starts if x > span[0]]
    e = nxt[0] if nxt else len(text)
    return text[s:e].strip().replace("\n", " ")


def _conf_bin(confidence: float) -> float:
    """The lower bound of the reliability bin a confidence falls in."""
    return max(lo for lo in CONF_BINS if confidence >= lo)


def _reliability(bins: dict[float, Counter]) -> list[dict]:
    """Per confidence bin: coded events, and the share right at the event and at the type level."""
    out = []
    for k, lo in enumerate(CONF_BINS):
        c = bins.get(lo, Counter())
        hi = CONF_BINS[k + 1] if k + 1 < len(CONF_BINS) else 1.0
        out.append({"bin": f"[{lo:.1f}, {hi:.1f}{']' if hi == 1.0 else ')'}", "pred": c["pred"], "tp": c["tp"],
                    "type_tp": c["type_tp"], "precision": round(c["tp"] / c["pred"], 4) if c["pred"] else None,
                    "type_precision": round(c["type_tp"] / c["pred"], 4) if c["pred"] else None})
    return out


def score(items: list[ArticleItems]) -> dict:
    totals = {lv: Counter() for lv in LEVELS}
    per_type: dict[str, dict[str, Counter]] = defaultdict(lambda: {lv: Counter() for lv in ("type", "event")})
    status_conf: dict[str, Counter] = defaultdict(Counter)
    by_status: dict[str, Counter] = defaultdict(Counter)
    done_ok = done_n = hist_ok = hist_n = 0
    present = Counter()
    quote = {"content": Counter(), "speaker": Counter()}
    misses, false_pos = [], []
    reliability: dict[float, Counter] = defaultdict(Counter)
    for a in items:
        G, P = a.gold_events, a.pred_events
        matches = {}
        for lv in LEVELS:
            m = match_events(lv, G, P)
            matches[lv] = m
            totals[lv].update(tp=len(m), pred=len(P), gold=len(G))
        for lv in ("type", "event"):
            m = matches[lv]
            for i, g in enumerate(G):
                per_type[g.type][lv]["gold"] += 1
                per_type[g.type][lv]["tp"] += i in m
            for p in P:
                per_type[p.type][lv]["pred"] += 1
        ev = matches["event"]
        for i, g in enumerate(G):
            by_status[g.status]["gold"] += 1
            by_status[g.status]["found"] += i in ev
        for i, j in ev.items():
            g, p = G[i], P[j]
            status_conf[g.status][p.status] += 1
            done_n += 1
            done_ok += (g.status in DONE) == (p.status in DONE)
            hist_n += 1
            hist_ok += g.historical == p.historical
        # present events only: historical gold left out, coded events flagged historical left out
        gi = [i for i, g in enumerate(G) if not g.historical]
        pj = [j for j, p in enumerate(P) if not p.historical]
        mp = match_events("event", [G[i] for i in gi], [P[j] for j in pj])
        present.update(tp=len(mp), pred=len(pj), gold=len(gi))
        typed = matches["type"]
        for i, g in enumerate(G):
            if i not in ev:
                why = "no event of this type in the sentence" if i not in typed else \
                    f"type found, parties differ: coded {P[typed[i]].source}→{P[typed[i]].target}"
                misses.append({"article": a.id, "gold": g.label, "type": g.type, "status": g.status,
                               "source": g.source, "target": g.target, "why": why, "offset": g.spans[0][0],
                               "sentence": _sentence(a.text, g.spans[0])})
        used = set(ev.values())
        typed_used = set(typed.values())
        for j, p in enumerate(P):
            if p.confidence is not None:
                c = reliability[_conf_bin(p.confidence)]
                c.update(pred=1, tp=j in used, type_tp=j in typed_used)
        for j, p in enumerate(P):
            if j not in used:
                false_pos.append({"article": a.id, "rule": p.label, "type": p.type, "status": p.status,
                                  "source": p.source, "target": p.target, "offset": p.spans[0][0],
                                  "sentence": _sentence(a.text, p.spans[0])})
        qm = match_quotes(a.text, a.gold_quotes, a.pred_quotes)
        quote["content"].update(tp=len(qm), pred=len(a.pred_quotes), gold=len(a.gold_quotes))
        quote["speaker"].update(tp=sum(speaker_ok(a.gold_quotes[i], a.pred_quotes[j]) for i, j in qm),
                                pred=len(a.pred_quotes), gold=len(a.gold_quotes))
    out: dict = {lv: _prf(totals[lv]["tp"], totals[lv]["pred"], totals[lv]["gold"]) for lv in LEVELS}
    out["present_events"] = _prf(present["tp"], present["pred"], present["gold"])
    out["done_accuracy"] = round(done_ok / done_n, 4) if done_n else None
    out["done_pairs"] = done_n
    out["historical_accuracy"] = round(hist_ok / hist_n, 4) if hist_n else None
    out["by_status"] = {s: {"gold": c["gold"], "found": c["found"],
                            "recall": round(c["found"] / c["gold"], 4) if c["gold"] else 0.0}
                        for s, c in sorted(by_status.items())}
    out["status_confusion"] = {g: dict(c) for g, c in sorted(status_conf.items())}
    out["per_type"] = {t: {lv: _prf(c[lv]["tp"], c[lv]["pred"], c[lv]["gold"]) for lv in ("type", "event")}
                       for t, c in sorted(per_type.items())}
    out["quote_content"] = _prf(quote["content"]["tp"], quote["content"]["pred"], quote["content"]["gold"])
    out["quote_speaker"] = _prf(quote["speaker"]["tp"], quote["speaker"]["pred"], quote["speaker"]["gold"])
    ctp = quote["content"]["tp"]
    out["quote_speaker_accuracy"] = round(quote["speaker"]["tp"] / ctp, 4) if ctp else None
    out["reliability"] = _reliability(reliability)
    top = sum((c for lo, c in reliability.items() if lo >= CONFIDENT), Counter())
    out["confident"] = {"threshold": CONFIDENT, "pred": top["pred"], "tp": top["tp"], "type_tp": top["type_tp"],
                        "precision": round(top["tp"] / top["pred"], 4) if top["pred"] else None,
                        "type_precision": round(top["type_tp"] / top["pred"], 4) if top["pred"] else None}
    out["misses"] = misses
    out["false_positives"] = false_pos
    from barometer.eval.newsquotes import quote_errors

    out["quote_errors"] = quote_errors(items)
    return out



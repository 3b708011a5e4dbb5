"""The quotation error list of ``barometer eval quotes --gold news --errors N``: misses, false positives
and wrong speakers, each with a class, so that a change can be aimed at a class of errors rather
than at one sentence.

Classes (the matching is ``newsmatch.match_quotes``: word Jaccard >= 0.5, one-to-one, best first):

* misses: ``not found`` (no coded quotation shares a word with it), ``boundary`` (one does, below
  0.5 Jaccard), ``taken by another`` (its best overlap was paired with another gold quotation);
* false positives: ``no quotation here`` (no gold quotation shares a word), ``boundary``, ``split or
  duplicate`` (its gold quotation was paired with another coded one), ``bare name`` (the content is
  at most three words);
* wrong speakers: ``no speaker`` (coded speaker unresolved), ``pronoun`` (the source phrase is a
  pronoun), ``another person``, ``another actor``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from barometer.eval.newsmatch import ArticleItems, Qt

PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "him", "her", "them"}


def _text(text: str, spans: list[tuple[int, int]]) -> str:
    return " … ".join(text[s:e] for s, e in spans).replace("\n", " ")


def _span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]].replace("\n", " ") if span else None


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _speaker_class(g: Qt, p: Qt) -> str:
    if p.speaker is None and not p.speaker_is_person:
        return "pronoun" if (p.speaker_text or "").lower() in PRONOUNS else "no speaker"
    if (p.speaker_text or "").lower() in PRONOUNS:
        return "pronoun"
    return "another person" if p.speaker_is_person else "another actor"


def _row(a: ArticleItems, q: Qt, **more: object) -> dict:
    return {"article": a.id, "offset": q.content[0][0] if q.content else None, "text": _text(a.text, q.content),
            "cue": _span_text(a.text, q.cue), "speaker": q.speaker, "speaker_name": q.speaker_name, **more}


def quote_errors(items: list[ArticleItems]) -> dict:
    """Per class: the misses, false positives and wrong speakers of every article."""
    from barometer.eval.newsmatch import _words, match_quotes, speaker_ok

    misses, false_pos, wrong = [], [], []
    for a in items:
        G, P = a.gold_quotes, a.pred_quotes
        gw = [_words(a.text, q.content) for q in G]
        pw = [_words(a.text, q.content) for q in P]
        pairs = match_quotes(a.text, G, P)
        g_of = {j: i for i, j in pairs}
        p_of = {i: j for i, j in pairs}
        for i, g in enumerate(G):
            if i in p_of:
                p = P[p_of[i]]
                if not speaker_ok(g, p):
                    wrong.append(_row(a, g, why=_speaker_class(g, p), coded_speaker=p.speaker,
                                      coded_name=p.speaker_name, coded_text=p.speaker_text, rule=p.label))
                continue
            best = max(range(len(P)), key=lambda j: _jaccard(gw[i], pw[j]), default=None)
            jac = _jaccard(gw[i], pw[best]) if best is not None else 0.0
            if jac == 0.0:
                why, near = "not found", None
            else:
                why = "taken by another" if best in g_of else "boundary"
                near = _text(a.text, P[best].content)
            misses.append(_row(a, g, why=why, jaccard=round(jac, 2), coded=near))
        for j, p in enumerate(P):
            if j in g_of:
                continue
            best = max(range(len(G)), key=lambda i: _jaccard(gw[i], pw[j]), default=None)
            jac = _jaccard(gw[best], pw[j]) if best is not None else 0.0
            if len(pw[j]) <= 3:
                why = "bare name"
            elif jac == 0.0:
                why = "no quotation here"
            else:
                why = "split or duplicate" if best in p_of else "boundary"
            false_pos.append(_row(a, p, why=why, jaccard=round(jac, 2), rule=p.label, speaker_text=p.speaker_text,
                                  gold=_text(a.text, G[best].content) if jac and best is not None else None))
    return {"misses": misses, "false_positives": false_pos, "wrong_speakers": wrong,
            "classes": {k: dict(Counter(r["why"] for r in v).most_common())
                        for k, v in (("misses", misses), ("false_positives", false_pos), ("wrong_speakers", wrong))}}


def print_quote_errors(errors: dict, n: int) -> None:
    """The error list, by class counts and then item by item (the first ``n`` of each list)."""
    for key, title in (("misses", "missed gold quotations"), ("false_positives", "coded quotations not in the gold"),
                       ("wrong_speakers", "content matched, wrong speaker")):
        rows = errors[key]
        classes = ", ".join(f"{k} {v}" for k, v in errors["classes"][key].items())
        print(f"\n{title} ({len(rows)}: {classes}):")
        for r in rows[:n]:
            head = f"  [{r['article']} @{r['offset']}] {r['why']}"
            if key == "misses":
                print(f"{head} (J {r['jaccard']}) cue {r['cue']!r}, speaker {r['speaker']} {r['speaker_name']!r}"
                      f"\n      gold:  {r['text'][:220]}")
                if r["coded"]:
                    print(f"      coded: {r['coded'][:220]}")
            elif key == "false_positives":
                print(f"{head} (J {r['jaccard']}) cue {r['cue']!r} ({r['rule']}), speaker {r['speaker']} "
                      f"{r['speaker_text']!r}\n      coded: {r['text'][:220]}")
                if r["gold"]:
                    print(f"      gold:  {r['gold'][:220]}")
            else:
                print(f"{head}: gold {r['speaker']} {r['speaker_name']!r}, coded {r['coded_speaker']} "
                      f"{r['coded_name']!r} from {r['coded_text']!r} ({r['rule']})\n      {r['text'][:220]}")

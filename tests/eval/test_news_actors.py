"""``barometer eval actors --gold news``: gold actor mentions, verdicts and event-level parties."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from barometer.eval.newsactors import event_pairs, gold_mentions, is_hard, judge, score
from barometer.eval.newsgold import load_article
from barometer.eval.newsmatch import ArticleItems, Ev, PredMention

TEXT = ("Headline here\n\nRiot police fired tear gas at protesters, Interior Minister Jan Novak said. "
        "Russia condemned the move. Novak denied it.")


def _span(text: str, nth: int = 0) -> dict:
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(text, at + 1)
    return {"start": at, "end": at + len(text), "text": text}


def _article(tmp_path: Path):
    art = {
        "schema": "barometer/news-gold@1", "id": "wn-test", "corpus": "wikinews-en-vanatteveldt",
        "file": "articles/x.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "url": "https://x",
        "attribution": "Text from Wikinews, CC BY 2.5, https://x", "published": "2022-03-01", "split": "train",
        "title_line": True, "annotator": "t", "text": TEXT,
        "events": [
            {"id": "e1", "type": "ASSAULT", "status": "reported", "source": "CZECOP", "source_name": "Riot police",
             "target": "CZECVL", "target_name": "protesters (in Prague)", "date": "2022-02-28",
             "evidence": [_span("Riot police fired tear gas at protesters")]},
            {"id": "e2", "type": "ACCUSE", "status": "asserted", "source": "RUS", "source_name": "Russia",
             "target": "CZEGOV", "target_name": "Czech government", "evidence": [_span("Russia condemned the move")]},
            {"id": "e3", "type": "REJECT", "status": "asserted", "source": "CZEGOV", "source_name": "Jan Novak",
             "evidence": [_span("Novak denied it", 0)]},
        ],
        "quotes": [{"id": "q1", "kind": "indirect", "speaker": "CZEGOV", "speaker_name": "Jan Novak",
                    "content": [_span("Riot police fired tear gas at protesters")],
                    "speaker_span": _span("Interior Minister Jan Novak"), "cue": _span("said")}],
    }
    p = tmp_path / "wikinews" / "wn-test.json"
    p.parent.mkdir(parents=True)
    p.write_text(json.dumps(art), "utf-8")
    return load_article(p)


def test_gold_mentions_are_speaker_spans_and_party_names_found_in_evidence(tmp_path):
    art = _article(tmp_path)
    golds, unlocated = gold_mentions(art)
    got = {(g.text, g.code) for g in golds}
    assert got == {("Interior Minister Jan Novak", "CZEGOV"), ("Riot police", "CZECOP"), ("protesters", "CZECVL"),
                   ("Russia", "RUS"), ("Novak", "CZEGOV")}
    assert unlocated == 1, "'Czech government' is not in its evidence"
    assert [g.hard for g in golds if g.text == "Russia"] == [False]
    assert is_hard("Riot police") and is_hard("the Kremlin") and not is_hard("the Netherlands")


def test_verdicts_and_scores(tmp_path):
    art = _article(tmp_path)

    def at(text: str, code: str | None) -> PredMention:
        s = TEXT.index(text)
        return PredMention(s, s + len(text), code, text, "x")

    preds = [at("police", "CZECOP"), at("Jan Novak", "CZE"), at("Russia", "RUS"), at("Novak denied", "SVKGOV")]
    g = next(m for m in gold_mentions(art)[0] if m.text == "Riot police")
    assert judge(g, preds[0]) == "right" and judge(g, None) == "none"
    items = [ArticleItems(id="wn-test", split="train", text=TEXT, gold_events=[], gold_quotes=[],
                          pred_mentions=preds)]
    r = score([art], items)
    assert r["mentions"]["all"]["counts"] == {"right": 2, "sector": 1, "country": 1, "none": 1}
    assert r["mentions"]["hard"]["gold"] == 4 and r["mentions"]["easy"]["right"] == 1.0


def test_event_pairs_prefer_pairs_whose_parties_agree():
    span = [(0, 10)]
    gold = [Ev("ACCUSE", "RUS", "UKR", "asserted", None, span), Ev("ACCUSE", "UKR", "RUS", "asserted", None, span)]
    pred = [Ev("ACCUSE", "UKRGOV", "RUS", "asserted", None, span), Ev("ACCUSE", "RUS", None, "asserted", None, span)]
    assert event_pairs(gold, pred) == [(0, 1), (1, 0)]
    items = [ArticleItems(id="a", split="dev", text="x" * 10, gold_events=gold, gold_quotes=[], pred_events=pred)]
    r = score([type("A", (), {"text": "x" * 10, "gold": type("G", (), {"quotes": [], "events": []})()})()], items)
    assert r["events"]["source"]["counts"] == {"right": 2}
    assert r["events"]["target"]["counts"] == {"right": 1, "missing": 1}

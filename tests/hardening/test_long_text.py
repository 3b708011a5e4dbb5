"""Long texts are analysed in pieces of whole paragraphs: no spaCy length limit, every offset into the
whole text, ids unique, references intact, the same findings as one piece where both are possible.

(Time and memory at 25k–5M characters: bench/long_text.py. Here spaCy's limit is lowered instead of
feeding it a megabyte, so the test stays fast.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from barometer.pieces import split_pieces
from barometer.pipeline import Pipeline
from barometer.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _long_text(copies: int) -> str:
    paragraphs = []
    for path in sorted((ROOT / "src" / "barometer" / "samples").glob("*.txt")):
        body = path.read_text("utf-8").split("\n", 1)[1]
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip()]
    return "\n\n".join(f"{p} (Copy {k}.)" for k in range(copies) for p in paragraphs)


@pytest.mark.parametrize("limit", [1000, 5000, 20000])
def test_pieces_are_whole_paragraphs_within_the_limit(limit):
    text = _long_text(3) + "\n\n" + ("A sentence that goes on. " * 400).strip()  # one paragraph over the limit
    pieces = split_pieces(text, limit)
    assert all(0 < b - a <= limit for a, b in pieces)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(pieces, pieces[1:], strict=False))
    def squeeze(s: str) -> str:
        return "".join(s.split())

    assert squeeze("".join(text[a:b] for a, b in pieces)) == squeeze(text)  # nothing lost but white space
    assert split_pieces("short", limit) == [(0, 5)]


def test_a_text_over_spacys_limit_is_analysed_in_pieces(nlp, monkeypatch):
    text = _long_text(10)
    assert len(text) > 40_000
    monkeypatch.setattr(nlp, "max_length", 30_000)  # as a 1,000,000-character limit is to a 5 MB text
    pipeline = Pipeline.from_settings(Settings(piece_chars=12_000))
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    a = pipeline.analyze("Long report\n\n" + text, "2022-02-24")
    t = a.article.text
    assert a.article.title == "Long report" and len(t) == len(text)
    assert any("analysed in" in w and "pieces" in w for w in a.warnings)
    ids = [x.id for x in a.actors] + [e.id for e in a.events] + [q.id for q in a.quotes]
    assert len(ids) == len(set(ids))
    actor_ids = {x.id for x in a.actors}
    quote_ids = {q.id for q in a.quotes}
    for e in a.events:
        assert t[e.evidence.start:e.evidence.end] == e.evidence.text
        assert all(t[m.start:m.end] == m.text for m in e.mentions)
        assert {e.source, e.target, e.said_by} - {None} <= actor_ids
        assert e.quote is None or e.quote in quote_ids
    for x in a.actors:
        assert all(t[m.start:m.end] == m.text for m in x.mentions)
    for q in a.quotes:
        assert t[q.start:q.end] == q.text
        assert q.speaker is None or q.speaker in actor_ids
    for item in (*a.times, *a.places, *a.amounts):
        assert t[item.start:item.end] == item.text
    # each copy of the samples yields about what one copy does alone
    one = Pipeline.from_settings(Settings()).analyze("Long report\n\n" + _long_text(1), "2022-02-24")
    # (one event per fact per article, events/merge.py: the copies' statements of one fact are the
    # mentions of one event, so count statements, not events)
    def statements(x):
        return sum(1 + len(e.mentions) for e in x.events)

    assert 8 * statements(one) <= statements(a) <= 12 * statements(one)
    keys = {(x.kb_id, x.code, x.name, x.kind) for x in a.actors}
    assert len(keys) == len(a.actors), "an actor the pieces share is one actor"
    assert len(a.actors) <= 2 * len(one.actors)

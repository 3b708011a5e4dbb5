"""The news gold files: the format rejects what it must, and every shipped file fits its text."""

from __future__ import annotations

import hashlib
import json

import pytest

from barometer.eval import newsgold
from barometer.eval.newsgold import GoldError, code_root, gold_files, load_article, parse_article, span_digest

TEXT = "Headline here\n\nRussia shelled Kharkiv on Monday, officials said. Kyiv condemned the attack."


def _article(**over) -> dict:
    art = {
        "schema": "barometer/news-gold@1", "id": "wn-test", "corpus": "wikinews-en-vanatteveldt",
        "file": "articles/x.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "url": "https://x",
        "attribution": "Text from Wikinews, CC BY 2.5, https://x", "published": "2022-03-01", "split": "train",
        "title_line": True, "annotator": "t", "text": TEXT,
        "events": [{"id": "e1", "type": "ASSAULT", "status": "reported", "source": "RUS", "target": "UKR",
                    "said_by": "UKRGOV", "date": "2022-02-28",
                    "evidence": [{"start": 15, "end": 37, "text": "Russia shelled Kharkiv"}]}],
        "quotes": [{"id": "q1", "kind": "indirect", "speaker": "UKRGOV",
                    "content": [{"start": 15, "end": 47, "text": "Russia shelled Kharkiv on Monday"}],
                    "cue": {"start": 59, "end": 63, "text": "said"}}],
    }
    art.update(over)
    return art


def _write(tmp_path, art: dict):
    p = tmp_path / "wikinews" / "wn-test.json"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(art), "utf-8")
    return p


def test_a_valid_file_loads_with_its_text(tmp_path):
    loaded = load_article(_write(tmp_path, _article()))
    assert loaded.text == TEXT
    assert [e.type for e in loaded.gold.events] == ["ASSAULT"]


@pytest.mark.parametrize("change, message", [
    ({"events": [{"id": "e1", "type": "ATTACK", "status": "asserted", "evidence": [{"start": 15, "end": 21,
                                                                                    "text": "Russia"}]}]},
     "unknown PLOVER type"),
    ({"events": [{"id": "e1", "type": "ASSAULT", "status": "done", "evidence": [{"start": 15, "end": 21,
                                                                                 "text": "Russia"}]}]},
     "status"),
    ({"events": [{"id": "e1", "type": "ASSAULT", "status": "asserted", "source": "RUSFOO",
                  "evidence": [{"start": 15, "end": 21, "text": "Russia"}]}]}, "unknown sector"),
    ({"events": [{"id": "e1", "type": "ASSAULT", "status": "asserted", "mode": "phone",
                  "evidence": [{"start": 15, "end": 21, "text": "Russia"}]}]}, "not a mode of ASSAULT"),
    ({"events": [{"id": "e1", "type": "ASSAULT", "status": "asserted", "date": "2022-13-01",
                  "evidence": [{"start": 15, "end": 21, "text": "Russia"}]}]}, "month must be"),
    ({"events": [{"id": "e1", "type": "ASSAULT", "status": "asserted", "evidence": []}]}, "at least 1"),
    ({"split": "holdout"}, "split"),
    ({"surprise": 1}, "Extra inputs"),
    ({"corpus": "ukraine-war-news-2022-2024"}, "must not be copied"),
])
def test_malformed_files_are_refused_in_one_line(tmp_path, change, message):
    with pytest.raises(GoldError) as err:
        load_article(_write(tmp_path, _article(**change)))
    assert message in str(err.value) and "\n" not in str(err.value)


def test_duplicate_ids_are_refused(tmp_path):
    art = _article()
    art["events"] = art["events"] * 2
    with pytest.raises(GoldError, match="duplicate event id"):
        load_article(_write(tmp_path, art))


def test_an_offset_that_does_not_slice_its_text_is_refused(tmp_path):
    art = _article()
    art["events"][0]["evidence"][0]["start"] = 16
    with pytest.raises(GoldError, match="text\\[16:37\\]"):
        load_article(_write(tmp_path, art))
    art = _article()
    art["events"][0]["evidence"][0].update(end=len(TEXT) + 5)
    with pytest.raises(GoldError):
        load_article(_write(tmp_path, art))


def test_a_changed_text_is_refused(tmp_path):
    with pytest.raises(GoldError, match="sha256"):
        load_article(_write(tmp_path, _article(sha256="0" * 64)))


def test_a_referenced_article_is_read_from_shared_and_checked_by_digest(tmp_path):
    shared = tmp_path / "shared"
    (shared / "ukraine-war-news-2022-2024" / "articles").mkdir(parents=True)
    (shared / "ukraine-war-news-2022-2024" / "articles" / "x.txt").write_text(TEXT, "utf-8")
    art = _article(corpus="ukraine-war-news-2022-2024", text=None, url=None, attribution=None, title_line=False)
    del art["text"]
    for e in art["events"]:
        for s in e["evidence"]:
            s["digest"] = span_digest(s.pop("text"))
    for q in art["quotes"]:
        for s in [*q["content"], q["cue"]]:
            s["digest"] = span_digest(s.pop("text"))
    p = _write(tmp_path / "gold", art)
    assert load_article(p, shared).text == TEXT
    with pytest.raises(FileNotFoundError, match="absent"):
        load_article(p, None)
    art["events"][0]["evidence"][0]["digest"] = "0" * 12
    with pytest.raises(GoldError, match="digest"):
        load_article(_write(tmp_path / "gold", art), shared)


def test_code_roots():
    assert code_root("RUSMIL") == code_root("RUS") == "RUS"
    assert code_root("NATO") == "NATO" and code_root("EURGOV") == "EUR" and code_root("CVL") == "CVL"
    assert code_root("USAGOVMIL") == "USA" and code_root(None) is None


def test_every_gold_file_validates():
    """Every file of the set parses; shipped ones (Wikinews) are checked against their own text here,
    referenced ones against ../shared when it is present (tests/eval/test_news_gold.py)."""
    files = gold_files()
    assert files, "the news gold set is empty"
    for p in files:
        g = parse_article(p.read_bytes(), p.name)
        assert p.parent.name == ("wikinews" if g.corpus in newsgold.SHIPPED else "ukraine"), p
        assert p.stem == g.id, p
        if g.text is not None:
            load_article(p)


def test_no_reserved_article_is_annotated():
    """The corpora's reserved lists are off limits (docs/annotation.md, section 9)."""
    from tests.conftest import shared_path

    data = shared_path("data")
    reserved = set()
    for corpus in ("wikinews-en-vanatteveldt", "ukraine-war-news-2022-2024"):
        names = json.loads((data / corpus / "splits.json").read_text("utf-8"))["reserved"]
        reserved |= {(corpus, n if n.startswith("articles/") else f"articles/{n}") for n in names}
    files = gold_files() + sorted((newsgold.GOLD_DIR / "agreement").rglob("*.json"))
    hits = [p.name for p in files if (lambda g: (g.corpus, g.file))(parse_article(p.read_bytes(), p.name)) in reserved]
    assert not hits, f"reserved articles annotated: {hits}"

"""Near-duplicates: syndicated copies of one story share a story id; distinct stories do not.

The threshold (stories.STORY_THRESHOLD, Jaccard 0.5 over word 5-grams) is checked on real pairs from
the Ukraine news corpus: re-reported copies of one story sit at exact Jaccard 0.54–0.60, different
stories on the same topic at 0.30 and below.
"""

from __future__ import annotations

import pytest

from barometer.store import DuckStore
from barometer.store.stories import STORY_THRESHOLD, StoryIndex, signature_of, similarity
from tests.conftest import shared_path
from tests.scale.helpers import article

UKRAINE = ("data", "ukraine-war-news-2022-2024", "articles")

#: (file a, file b, same story?) — pairs found by an all-pairs scan of the corpus, both sides of the threshold.
REAL_PAIRS = [
    ("20220823T194500Z_UA_en_e269731c54.txt", "20220823T220000Z_UA_en_6eb669340a.txt", True),
    ("20240507T074500Z_GB_en_8d006a54b7.txt", "20240507T114500Z_GB_en_333d18aad4.txt", True),
    ("20220202T180000Z_US_en_46dc752107.txt", "20220202T194500Z_US_en_dc57ec8f01.txt", True),
    ("20230326T113000Z_PL_en_586098aaad.txt", "20230327T093000Z_PL_en_ac7187bd0b.txt", False),
    ("20220219T191500Z_UA_en_d9b040c458.txt", "20220219T231500Z_UA_en_8a41a845e8.txt", False),
    ("20220705T044500Z_US_en_9de00b1c8b.txt", "20220928T043000Z_US_en_c1afd7ddee.txt", False),
]


@pytest.mark.gold
@pytest.mark.parametrize(("a", "b", "same"), REAL_PAIRS)
def test_threshold_on_real_pairs(a, b, same):
    root = shared_path(*UKRAINE)
    ta, tb = (root / a).read_text("utf-8"), (root / b).read_text("utf-8")
    assert (similarity(ta, tb) >= STORY_THRESHOLD) is same
    idx = StoryIndex()
    idx.insert("a", "story-a", signature_of(ta))
    assert (idx.match(signature_of(tb)) == "story-a") is same


def test_edited_wire_copy_matches_and_other_story_does_not():
    original = article(3)
    title, body = original.split("\n", 1)
    copy = "A different headline\n" + body + "\n\nThis article was reprinted from a wire service with permission."
    assert similarity(original, copy) >= STORY_THRESHOLD
    assert similarity(original, article(4)) < STORY_THRESHOLD


def test_store_clusters_copies_and_views_count_a_story_once(tmp_path):
    from barometer import analyze

    original = ("Troops massed\n\nRussia deployed troops near Ukraine's border on Monday, NATO said. "
                "The United States rejected Russia's demands on Wednesday, officials said. "
                "Germany said talks with Moscow would continue in Berlin next week despite the tension.")
    copy = original.replace("Troops massed", "Russia masses troops") + " Reporting by the wire desk in Brussels."
    other = article(7)
    with DuckStore(tmp_path / "s.duckdb") as s:
        a1, a2, a3 = analyze(original, "2022-01-28"), analyze(copy, "2022-01-29"), analyze(other, "2022-01-29")
        for a in (a1, a2, a3):
            s.add(a, source=a.article.id[:6])
        story = dict(s.query("SELECT id, story_id FROM articles")[1])
        assert story[a1.article.id] == story[a2.article.id] == a1.article.id
        assert story[a3.article.id] == a3.article.id
        assert s.story_copies(a2.article.id) == [a1.article.id, a2.article.id]
        _, rows = s.query("SELECT story_id, n_copies, first_published FROM stories ORDER BY n_copies DESC")
        assert rows[0][1:] == (2, a1.article.published) and len(rows) == 2
        n_events = s.query("SELECT count(*) FROM events")[1][0][0]
        n_story_events = s.query("SELECT count(*) FROM story_events")[1][0][0]
        assert n_story_events == len(a1.events) + len(a3.events) < n_events
    with DuckStore(tmp_path / "s.duckdb") as s:  # the index is rebuilt from the minhash table
        a4 = analyze(copy + " Updated at noon.", "2022-01-30")
        s.add(a4)
        assert s.query("SELECT story_id FROM articles WHERE id = ?", [a4.article.id])[1][0][0] == a1.article.id


def test_index_forgets_the_oldest_articles_beyond_its_window():
    texts = [article(i) for i in range(4)]
    idx = StoryIndex(window=2)
    for i, text in enumerate(texts):
        idx.insert(f"a{i}", f"s{i}", signature_of(text))
    assert len(idx) == 2 and set(idx.story) == {"a2", "a3"}
    assert idx.match(signature_of(texts[0])) is None  # forgotten: a copy of it would start a new story
    assert idx.match(signature_of(texts[3])) == "s3"


def test_store_reloads_only_the_most_recent_window(tmp_path, monkeypatch):
    from barometer import analyze

    with DuckStore(tmp_path / "w.duckdb", story_window=2) as store:
        ids = [a.article.id for a in (analyze(article(i), "2022-02-01") for i in range(3)) if store.add(a)]
    with DuckStore(tmp_path / "w.duckdb", story_window=2) as store:
        assert list(store.story_index().story) == ids[1:]  # the two stored last, oldest first

"""The DuckDB store: idempotent re-ingest, filters, atomic writes, refusing non-store files."""

from __future__ import annotations

import datetime as dt

import pytest

from barometer import analyze
from barometer.batch import ingest_paths
from barometer.cli import main
from barometer.errors import StoreError
from barometer.model import Analysis, Article, Event, Span
from barometer.store import DuckStore
from barometer.store.base import ToStore

ARTICLE = ("Border crisis\n\nThe United States rejected Russia's demands on Wednesday, officials said. "
           "Russia deployed troops near Ukraine's border, NATO said.")


@pytest.fixture()
def store(tmp_path):
    s = DuckStore(tmp_path / "t.duckdb")
    yield s
    s.close()


def test_reingesting_same_article_changes_nothing(store):
    a = analyze(ARTICLE, "2022-01-28")
    assert store.add(a) is True
    before = store.counts()
    assert store.add(analyze(ARTICLE, "2022-01-28")) is False
    assert store.counts() == before
    assert before["articles"] == 1 and before["events"] == len(a.events) > 0


def test_stored_analysis_reads_back_identical(store):
    a = analyze(ARTICLE, "2022-01-28")
    store.add(a)
    assert store.analysis(a.article.id) == a


def test_event_filters_are_parameterised(store):
    store.add(analyze(ARTICLE, "2022-01-28"))
    _, rows = store.events(actor="RUS")
    assert rows
    _, none = store.events(actor="RUS' OR 1=1 --")
    assert none == []
    _, by_type = store.events(type="REJECT", since=dt.date(2022, 1, 26), until=dt.date(2022, 1, 26))
    assert by_type and all(r[1] == "REJECT" for r in by_type)
    with pytest.raises(ValueError, match="unknown filter"):
        store.events(colour="red")
    # a user's % and _ are characters, not wildcards
    assert store.events(text="%")[1] == [] and store.events(text="_")[1] == []
    assert store.events(text="rejected")[1] and store.events(actor="RU_")[1] == []


def test_failed_write_leaves_nothing_half_written(store):
    art = Article(id="abc", text="Some text here.")
    ev = Event(id="e1", type="REJECT", evidence=Span(start=0, end=4, text="Some"), rule="r")
    bad = Analysis(article=art, events=[ev, ev])  # duplicate event id violates the primary key
    with pytest.raises(StoreError):
        store.add(bad)
    assert store.counts() == dict.fromkeys(store.counts(), 0)


def test_non_store_file_is_refused_not_overwritten(tmp_path):
    p = tmp_path / "precious.duckdb"
    p.write_text("my thesis, not a database")
    with pytest.raises(StoreError, match="refusing to overwrite"):
        DuckStore(p)
    assert p.read_text() == "my thesis, not a database"


def test_batch_survives_bad_files_and_is_idempotent(tmp_path):
    good = tmp_path / "in" / "2022-01-28-good.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "fake.html").write_bytes(b"%PDF-1.5 nope")
    with DuckStore(tmp_path / "b.duckdb") as s:
        r1 = ingest_paths([tmp_path / "in"], s, date_from_names=True, progress=False)
        r2 = ingest_paths([tmp_path / "in"], s, date_from_names=True, progress=False)
        assert (r1.added, len(r1.failed)) == (1, 2)
        assert (r2.added, r2.skipped) == (0, 1)
        assert s.counts()["articles"] == 1
        assert s.query("SELECT published FROM articles")[1][0][0] == dt.date(2022, 1, 28)


def test_ingest_and_events_cli(tmp_path, capsys):
    src = tmp_path / "2022-01-28-a.txt"
    src.write_text(ARTICLE)
    db = str(tmp_path / "c.duckdb")
    assert main(["ingest", str(src), "--db", db, "--date-from-name"]) == 0
    assert main(["ingest", str(src), "--db", db, "--date-from-name"]) == 0
    assert "0 new article(s), 1 already stored" in capsys.readouterr().out
    assert main(["events", "--db", db, "--type", "reject", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("date,type,source") and len(out) >= 2


def test_group_commit_isolates_a_faulty_article(store):
    """One transaction for a group; when it fails, each article is retried alone and only the bad one fails."""
    first = analyze(ARTICLE, "2022-01-28")
    copy = analyze(ARTICLE + " The talks went on in Geneva, AFP reported.", "2022-01-28")
    other = analyze("Talks\n\nFrance and Germany agreed to meet in Paris on Friday, the ministers said.", "2022-01-28")
    art = Article(id="bad", text="Some text here.")
    ev = Event(id="e1", type="REJECT", evidence=Span(start=0, end=4, text="Some"), rule="r")
    bad = Analysis(article=art, events=[ev, ev])  # duplicate event id violates the primary key
    batch = store.start_batch({})
    items = [ToStore(first, "a.txt"), ToStore(bad, "bad.txt"), ToStore(first, "a-again.txt"),
             ToStore(copy, "copy.txt"), ToStore(other, "other.txt")]
    result = store.add_many(items, batch_id=batch)
    assert result[0] is True and isinstance(result[1], StoreError) and result[2:] == [False, True, True]
    assert "could not store article bad" in str(result[1])
    assert store.counts()["articles"] == 3 and not store.has_article("bad")
    assert store.journal(batch) == dict.fromkeys(["a.txt", "a-again.txt", "copy.txt", "other.txt"], "done")
    assert store.story_copies(copy.article.id) == [first.article.id, copy.article.id]  # the copy joined the story
    assert "bad" not in store.story_index().story  # a rolled-back article left the near-duplicate index too


def test_memory_limit_setting_bounds_duckdb_and_a_bad_one_is_named(tmp_path, monkeypatch):
    """A long-running writer's memory is DuckDB's block cache: the store_memory_limit setting bounds it."""
    from barometer.settings import Settings
    from barometer.store import connect

    monkeypatch.setenv("BAROMETER_STORE_MEMORY_LIMIT", "300MB")
    with connect(tmp_path / "m.duckdb", settings=Settings.from_env()) as s:
        (limit,) = s.con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert limit.endswith("MiB") and 280 <= float(limit.split()[0]) <= 300
    with pytest.raises(StoreError, match="store_memory_limit 'lots'"):
        DuckStore(tmp_path / "m.duckdb", memory_limit="lots")


#: Model fields stored under another column name, or not as a column of their own.
_RENAMED = {"id": None, "start": "start_char", "end": "end_char", "mentions": "mentions", "evidence": None}


@pytest.mark.parametrize(("table", "model", "key"), [
    ("actors", "Actor", "actor_id"), ("events", "Event", "event_id"), ("quotes", "Quote", "quote_id"),
    ("amounts", "Amount", None), ("times", "TimeRef", None), ("places", "Place", None)])
def test_every_field_of_the_model_has_its_column(tmp_path, table, model, key):
    """The tables must not drift from the model (quotes once lacked rule and reported_by, times role)."""
    import barometer.model as m

    with DuckStore(tmp_path / "c.duckdb") as store:
        cols = set(store.query(f"SELECT * FROM {table} LIMIT 0")[0])  # noqa: S608 - fixed names
    fields = getattr(m, model).model_fields
    missing = [f for f in fields if _RENAMED.get(f, f) is not None and _RENAMED.get(f, f) not in cols]
    assert not missing, f"{table} lacks columns for {model} fields {missing}"
    assert key is None or key in cols


def test_a_store_made_before_the_new_columns_gets_them_when_opened(tmp_path):
    import duckdb

    from barometer.store.schema import ADDED_COLUMNS, STORE_VERSION

    path = tmp_path / "old.duckdb"
    DuckStore(path).close()
    con = duckdb.connect(str(path))
    for table, column, _ in ADDED_COLUMNS:  # as an earlier version made it
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'store_version'")
    con.close()
    quoted = analyze('Border talks\n\n"We will not attack," Vladimir Putin said on Monday.', "2022-01-28")
    assert quoted.quotes and quoted.quotes[0].rule
    with DuckStore(path) as store:
        assert store.add(quoted)
        assert store.query("SELECT value FROM meta WHERE key = 'store_version'")[1] == [(STORE_VERSION,)]
        assert store.query("SELECT rule FROM quotes")[1] == [(quoted.quotes[0].rule,)]
        assert store.query("SELECT count(role) FROM times")[1][0][0] == len(quoted.times)


def test_a_version_3_store_gets_the_schema_2_columns_and_old_events_their_historical_flag(tmp_path):
    """Store version 4 (analysis schema @2): rows written before it gain ``historical`` from their date,
    and their stored analyses read back upgraded (docs/schema.md, "Changes")."""
    import json

    import duckdb

    from barometer.model import SCHEMA_ID

    path = tmp_path / "v3.duckdb"
    old = analyze("Crimea\n\nRussia attacked Ukraine in March. Russia attacked Ukraine on Monday.", "2022-02-28")
    assert len(old.events) >= 2
    first = old.events[0].id
    with DuckStore(path) as store:
        store.add(old)
    con = duckdb.connect(str(path))
    for column in ("historical", "mentions"):
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    for column in ("cue_start", "cue_end"):
        con.execute(f"ALTER TABLE quotes DROP COLUMN {column}")
    con.execute("UPDATE events SET date = DATE '2014-03-18' WHERE event_id = ?", [first])
    payload = json.loads(old.to_json())
    payload["schema"] = "barometer/analysis@1"
    for e in payload["events"]:
        del e["historical"], e["mentions"]
        if e["id"] == first:  # as an @1 coder dated it
            e["date"] = "2014-03-18"
    con.execute("UPDATE articles SET analysis = ?", [json.dumps(payload)])
    con.execute("UPDATE meta SET value = '3' WHERE key = 'store_version'")
    con.close()
    with DuckStore(path) as store:
        rows = store.query("SELECT date, historical FROM events ORDER BY date")[1]
        assert [h for _, h in rows] == [d.year == 2014 for d, _ in rows] and any(h for _, h in rows)
        back = store.analysis(old.article.id)
        assert back.schema_id == SCHEMA_ID
        assert [e.historical for e in back.events] == [e.date.year == 2014 for e in back.events]

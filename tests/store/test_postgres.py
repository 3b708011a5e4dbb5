"""PostgreSQL store: same schema, same queries, same results as DuckDB (needs a real server).

Run ``. scripts/ci_postgres.sh`` first (it installs and starts one and exports BAROMETER_TEST_PG).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from urllib.parse import quote

import pytest

from barometer import analyze
from barometer.batch import ingest_paths
from barometer.cli import main
from barometer.errors import StoreError
from barometer.model import Analysis, Article, Event, Span
from barometer.store import DuckStore, connect, open_store
from tests.scale.helpers import dump, write_corpus

PG = os.environ.get("BAROMETER_TEST_PG")
pytestmark = pytest.mark.skipif(not PG, reason="BAROMETER_TEST_PG is unset: run `. scripts/ci_postgres.sh` "
                                               "to install and start a PostgreSQL server for these tests")

ARTICLE = ("Border crisis\n\nThe United States rejected Russia's demands on Wednesday, officials said. "
           "Russia deployed troops near Ukraine's border, NATO said.")


@pytest.fixture()
def pg_url():
    """A fresh schema per test, selected through the connection's search_path."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG else "?"
    yield f"{PG}{sep}options={quote('-csearch_path=' + schema)}"
    with psycopg.connect(PG, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


def test_open_store_picks_postgres_from_url(pg_url):
    from barometer.store.postgres import PostgresStore

    with open_store(pg_url) as s:
        assert isinstance(s, PostgresStore)
        assert s.counts() == dict.fromkeys(s.counts(), 0)


def test_idempotent_roundtrip_and_parameterised_filters(pg_url):
    a = analyze(ARTICLE, "2022-01-28")
    with connect(pg_url) as s:
        assert s.add(a, source="x") is True
        assert s.add(analyze(ARTICLE, "2022-01-28")) is False
        assert s.counts()["articles"] == 1 and s.counts()["events"] == len(a.events) > 0
        assert s.analysis(a.article.id) == a
        assert s.events(actor="RUS")[1]
        assert s.events(actor="RUS' OR 1=1 --")[1] == []
        assert s.events(text="%")[1] == [] and s.events(actor="RU_")[1] == []  # no wildcards from users
        by_type = s.events(type="REJECT", since=dt.date(2022, 1, 26), until=dt.date(2022, 1, 26), text="reject")[1]
        assert by_type and all(r[1] == "REJECT" for r in by_type)


def test_failed_write_leaves_nothing(pg_url):
    ev = Event(id="e1", type="REJECT", evidence=Span(start=0, end=4, text="Some"), rule="r")
    with connect(pg_url) as s:
        with pytest.raises(StoreError):
            s.add(Analysis(article=Article(id="abc", text="Some text here."), events=[ev, ev]))
        assert s.counts() == dict.fromkeys(s.counts(), 0)
        assert s.query("SELECT count(*) FROM minhash")[1][0][0] == 0


def test_same_store_contents_as_duckdb(pg_url, tmp_path):
    corpus = tmp_path / "in"
    write_corpus(corpus, n=4)
    with DuckStore(tmp_path / "d.duckdb") as d:
        rd = ingest_paths([corpus], d, date_from_names=True, progress=False)
    with connect(pg_url) as p:
        rp = ingest_paths([corpus], p, date_from_names=True, progress=False)
    assert (rd.added, len(rd.failed)) == (rp.added, len(rp.failed)) == (5, 1)
    want, got = dump(tmp_path / "d.duckdb"), dump(pg_url)
    for table in want:
        assert got[table] == want[table], table
    with open_store(pg_url) as p, DuckStore(tmp_path / "d.duckdb", read_only=True) as d:
        sql = "SELECT story_id, n_copies FROM stories ORDER BY n_copies DESC, story_id"
        assert p.query(sql) == d.query(sql)
        assert p.query("SELECT count(*) FROM story_events")[1] == d.query("SELECT count(*) FROM story_events")[1]


def test_cli_ingest_and_events_against_postgres(pg_url, tmp_path, capsys):
    src = tmp_path / "2022-01-28-a.txt"
    src.write_text(ARTICLE)
    assert main(["ingest", str(src), "--db", pg_url, "--date-from-name", "--workers", "0"]) == 0
    assert main(["ingest", str(src), "--db", pg_url, "--date-from-name", "--workers", "0"]) == 0
    assert "0 new article(s), 1 already stored" in capsys.readouterr().out
    assert main(["events", "--db", pg_url, "--actor", "RUS", "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) >= 2


def test_create_app_and_serve_honour_a_postgresql_url(pg_url, monkeypatch):
    """The API opens the store its URL names (PostgreSQL too) and writes through the pipeline it runs."""
    import uvicorn
    from fastapi.testclient import TestClient

    from barometer.api.app import create_app
    from barometer.settings import Settings
    from barometer.store.postgres import PostgresStore

    app = create_app(pg_url, Settings(api_token="t0ken"))
    assert isinstance(app.state.store, PostgresStore)
    with TestClient(app) as client:
        r = client.post("/api/articles", json={"text": ARTICLE, "published": "2022-01-28"},
                        headers={"Authorization": "Bearer t0ken"})
        assert r.status_code == 201 and r.json()["added"] is True
        assert client.get("/api/health").json()["counts"]["articles"] == 1
        assert client.get("/api/events", params={"actor": "RUS"}).json()["total"] > 0
    with connect(pg_url) as s:
        assert s.counts()["articles"] == 1

    served: list = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(app))
    monkeypatch.setenv("BAROMETER_DB", pg_url)
    assert main(["serve"]) == 0  # `barometer serve` with BAROMETER_DB=postgresql://…
    assert isinstance(served[-1].state.store, PostgresStore)
    served[-1].state.store.close()


def test_serve_reads_what_an_ingest_writes(pg_url, tmp_path):
    """`serve` on PostgreSQL: a read-only session that sees each commit of an ingest running beside it."""
    from fastapi.testclient import TestClient

    from barometer.api.app import create_app
    from barometer.settings import Settings

    first, second = tmp_path / "2022-01-27-a.txt", tmp_path / "2022-01-28-b.txt"
    first.write_text(ARTICLE)
    second.write_text(ARTICLE.replace("Wednesday", "Thursday") + " Ukraine accused Russia of shelling Kharkiv.")
    assert main(["ingest", str(first), "--db", pg_url, "--date-from-name", "--workers", "0"]) == 0
    app = create_app(pg_url, Settings())  # no token: read-only, nothing created
    with TestClient(app) as client:
        assert client.get("/api/status").json()["articles"] == 1
        assert main(["ingest", str(second), "--db", pg_url, "--date-from-name", "--workers", "0"]) == 0
        assert client.get("/api/status").json()["articles"] == 2
        assert client.get("/api/events", params={"actor": "RUS"}).json()["total"] > 0
        with pytest.raises(app.state.store.backend_error, match="read-only"):
            app.state.store.query("CREATE TABLE nope (a INTEGER)")

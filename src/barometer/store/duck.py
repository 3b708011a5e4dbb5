"""The embedded DuckDB store: one row per article, actor, event, quote, amount, time and place.

Why this shape: analytics are SQL over flat tables (events carry their actors' codes and
countries so a dyad query needs no join), while ``articles.analysis`` keeps the full JSON so an
analysis can be read back exactly as ``analyze()`` returned it. Each article is written in one
transaction keyed by its content hash: re-ingesting changes nothing, and a failure half-way
leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from barometer.errors import StoreError
from barometer.model import SCHEMA_ID, Analysis

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
  id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, outlet VARCHAR, wire VARCHAR, language VARCHAR,
  url VARCHAR, source VARCHAR, text VARCHAR, analysis VARCHAR, n_events INTEGER, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS actors (
  article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
  code VARCHAR, role VARCHAR, kb_id VARCHAR, n_mentions INTEGER, mentions VARCHAR,
  PRIMARY KEY (article_id, actor_id));
CREATE TABLE IF NOT EXISTS events (
  article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR, cameo VARCHAR,
  quad_class INTEGER, goldstein DOUBLE, source VARCHAR, target VARCHAR, source_code VARCHAR,
  target_code VARCHAR, source_country VARCHAR, target_country VARCHAR, source_name VARCHAR,
  target_name VARCHAR, status VARCHAR, date DATE, place VARCHAR, said_by VARCHAR, quote VARCHAR,
  evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR, rule VARCHAR, confidence DOUBLE,
  PRIMARY KEY (article_id, event_id));
CREATE TABLE IF NOT EXISTS quotes (
  article_id VARCHAR, quote_id VARCHAR, text VARCHAR, kind VARCHAR, speaker VARCHAR, speaker_code VARCHAR,
  speaker_name VARCHAR, speaker_text VARCHAR, cue VARCHAR, start_char INTEGER, end_char INTEGER,
  PRIMARY KEY (article_id, quote_id));
CREATE TABLE IF NOT EXISTS amounts (
  article_id VARCHAR, idx INTEGER, text VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE, unit VARCHAR,
  what VARCHAR, actor VARCHAR, qualifier VARCHAR, start_char INTEGER, end_char INTEGER,
  PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS times (
  article_id VARCHAR, idx INTEGER, text VARCHAR, value VARCHAR, granularity VARCHAR, start_char INTEGER,
  end_char INTEGER, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS places (
  article_id VARCHAR, idx INTEGER, text VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE,
  feature VARCHAR, start_char INTEGER, end_char INTEGER, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS failures (
  source VARCHAR PRIMARY KEY, error VARCHAR, failed_at TIMESTAMP);
"""

TABLES = ("articles", "actors", "events", "quotes", "amounts", "times", "places")
STORE_VERSION = "1"

#: Columns users may filter events on, with the SQL each filter becomes (always parameterised).
EVENT_FILTERS: dict[str, str] = {
    "actor": "(e.source_code = ? OR e.target_code = ? OR e.source_country = ? OR e.target_country = ?"
             " OR e.source_code LIKE ? || '%' OR e.target_code LIKE ? || '%')",
    "type": "e.type = ?",
    "status": "e.status = ?",
    "since": "e.date >= ?",
    "until": "e.date <= ?",
    "article": "e.article_id = ?",
    "text": "e.evidence_text ILIKE '%' || ? || '%'",
}


class DuckStore:
    """A DuckDB file (or ``:memory:``) holding analyses. Safe for one writer and many readers in-process."""

    def __init__(self, path: str | Path = "barometer.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        if self.path != ":memory:":
            p = Path(self.path)
            if p.exists() and p.is_dir():
                raise StoreError(f"{self.path}: is a directory, not a store file")
            if p.exists() and p.stat().st_size > 0 and not _looks_like_duckdb(p):
                raise StoreError(f"{self.path}: not a Barometer/DuckDB store (refusing to overwrite it)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from None
        if not read_only:
            try:
                self.con.execute(SCHEMA_SQL)
                self.con.execute("INSERT OR IGNORE INTO meta VALUES ('store_version', ?), ('schema', ?)",
                                 [STORE_VERSION, SCHEMA_ID])
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: cannot initialise store: {exc}") from None

    # -- writing -----------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add(self, analysis: Analysis, *, source: str | None = None) -> bool:
        """Store one analysis in a single transaction. Returns False when the article was already there."""
        a = analysis.article
        with self._lock:
            if self.has_article(a.id):
                return False
            try:
                self.con.execute("BEGIN TRANSACTION")
                self._insert(analysis, source)
                if source:
                    self.con.execute("DELETE FROM failures WHERE source = ?", [source])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: could not store article {a.id[:12]}: {exc}") from None
            return True

    def record_failure(self, source: str, error: str) -> None:
        with self._lock:
            self.con.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)",
                             [source, error, dt.datetime.now(dt.UTC).replace(tzinfo=None)])

    def _insert(self, analysis: Analysis, source: str | None) -> None:
        a = analysis.article
        aid = a.id
        actors = {x.id: x for x in analysis.actors}
        c = self.con
        c.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  [aid, a.title, a.published, a.outlet, json.dumps(a.wire), a.language, a.url, source, a.text,
                   analysis.to_json(indent=None), len(analysis.events),
                   dt.datetime.now(dt.UTC).replace(tzinfo=None)])
        if analysis.actors:
            c.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [aid, x.id, x.name, x.kind, x.country, x.sector, x.code, x.role, x.kb_id, len(x.mentions),
                 json.dumps([m.model_dump() for m in x.mentions])] for x in analysis.actors])

        def code(actor_id: str | None) -> tuple[Any, Any, Any]:
            x = actors.get(actor_id) if actor_id else None
            return (x.code or x.id, x.country, x.name) if x else (None, None, None)

        if analysis.events:
            rows = []
            for e in analysis.events:
                sc, sco, sn = code(e.source)
                tc, tco, tn = code(e.target)
                rows.append([aid, e.id, e.type, e.mode, json.dumps(e.context), e.cameo, e.quad_class, e.goldstein,
                             e.source, e.target, sc, tc, sco, tco, sn, tn, e.status, e.date, e.place, e.said_by,
                             e.quote, e.evidence.start, e.evidence.end, e.evidence.text, e.rule, e.confidence])
            c.executemany("INSERT INTO events VALUES (" + ", ".join("?" * 26) + ")", rows)
        if analysis.quotes:
            c.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [aid, q.id, q.text, q.kind, q.speaker, *code(q.speaker)[::2], q.speaker_text, q.cue, q.start, q.end]
                for q in analysis.quotes])
        if analysis.amounts:
            c.executemany("INSERT INTO amounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [aid, i, m.text, m.value, m.low, m.high, m.unit, m.what, m.actor, m.qualifier, m.start, m.end]
                for i, m in enumerate(analysis.amounts)])
        if analysis.times:
            c.executemany("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?)", [
                [aid, i, t.text, t.value, t.granularity, t.start, t.end] for i, t in enumerate(analysis.times)])
        if analysis.places:
            c.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [aid, i, p.text, p.name, p.country, p.lat, p.lon, p.feature, p.start, p.end]
                for i, p in enumerate(analysis.places)])

    # -- reading -----------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        with self._lock:
            cur = self.con.execute(sql, params or [])
            cols = [d[0] for d in cur.description] if cur.description else []
            return cols, cur.fetchall()

    def events(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[list[str], list[tuple]]:
        """Events joined with their article, filtered by ``EVENT_FILTERS`` keys (parameterised SQL)."""
        where, params = build_where(filters)
        sql = ("SELECT e.date, e.type, e.source_code AS source, e.target_code AS target, e.status, e.cameo, "
               "e.quad_class, e.goldstein, e.rule, e.evidence_text AS evidence, a.title, e.article_id, e.event_id "
               f"FROM events e JOIN articles a ON a.id = e.article_id {where} "
               "ORDER BY e.date, e.article_id, e.evidence_start, e.event_id")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return self.query(sql, params)

    def analysis(self, article_id: str) -> Analysis | None:
        row = self.query("SELECT analysis FROM articles WHERE id = ?", [article_id])[1]
        return Analysis.model_validate_json(row[0][0]) if row else None

    def counts(self) -> dict[str, int]:
        return {t: self.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLES}  # noqa: S608 - fixed names

    def close(self) -> None:
        with self._lock:
            self.con.close()

    def __enter__(self) -> DuckStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def build_where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for key, value in filters.items():
        if value is None or value == "":
            continue
        if key not in EVENT_FILTERS:
            raise ValueError(f"unknown filter {key!r} (known: {', '.join(EVENT_FILTERS)})")
        clause = EVENT_FILTERS[key]
        clauses.append(clause)
        params += [value] * clause.count("?")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _looks_like_duckdb(p: Path) -> bool:
    with p.open("rb") as fh:
        head = fh.read(16)
    return head[8:12] == b"DUCK"


@contextmanager
def open_store(url: str | Path | None = None, *, read_only: bool = False) -> Iterator[DuckStore]:
    from barometer.settings import get_settings

    store = DuckStore(url or get_settings().db, read_only=read_only)
    try:
        yield store
    finally:
        store.close()

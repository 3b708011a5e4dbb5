"""What every store backend shares: the schema, the per-article transaction, the batch journal and
the story (near-duplicate) index. Backends (DuckDB, PostgreSQL) only say how to run SQL.

Why one class: the same SQL (``?`` placeholders, ``ON CONFLICT``) runs on both engines, so a query
written against the default DuckDB store runs unchanged against ``--db postgresql://…``.

Tables added for scale-out ingestion (see docs/scale.md):

* ``articles.story_id`` — the id of the story cluster: syndicated copies of one wire story share it;
  it is the article id of the first copy stored (the cluster's representative).
* ``minhash`` — one MinHash signature per article, so the near-duplicate index survives restarts.
* ``batches`` / ``batch_items`` — the journal of a batch: which source keys are done or failed, so a
  killed batch resumes where it stopped (``barometer ingest --resume``).
* views ``stories`` (one row per story) and ``story_events`` (events of each story counted once).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from typing import Any

from barometer.errors import StoreError
from barometer.model import SCHEMA_ID, Analysis

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
  id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, outlet VARCHAR, wire VARCHAR, language VARCHAR,
  url VARCHAR, source VARCHAR, text VARCHAR, analysis VARCHAR, n_events INTEGER, ingested_at TIMESTAMP,
  story_id VARCHAR);
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
CREATE TABLE IF NOT EXISTS minhash (article_id VARCHAR PRIMARY KEY, signature BLOB);
CREATE TABLE IF NOT EXISTS batches (
  batch_id VARCHAR PRIMARY KEY, args VARCHAR, status VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS batch_items (
  batch_id VARCHAR, source VARCHAR, status VARCHAR, article_id VARCHAR, error VARCHAR,
  PRIMARY KEY (batch_id, source));
CREATE OR REPLACE VIEW stories AS
  SELECT story_id, count(*) AS n_copies, min(published) AS first_published, max(published) AS last_published
  FROM articles GROUP BY story_id;
CREATE OR REPLACE VIEW story_events AS
  SELECT a.story_id, e.* FROM events e JOIN articles a ON a.id = e.article_id WHERE a.id = a.story_id;
"""

TABLES = ("articles", "actors", "events", "quotes", "amounts", "times", "places")
STORE_VERSION = "2"

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

ARTICLE_COLUMNS = ("id", "title", "published", "outlet", "wire", "language", "url", "source", "text",
                   "analysis", "n_events", "ingested_at", "story_id")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SQLStore:
    """A store of analyses. Subclasses provide ``_run``, ``_runmany``, ``_fetch`` and ``close``."""

    path: str
    backend_error: type[Exception] = Exception

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._stories = None  # barometer.ingest.dedup.StoryIndex, loaded on first add

    # -- backend hooks --------------------------------------------------------------------------
    def _run(self, sql: str, params: list[Any] | None = None) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _runmany(self, sql: str, rows: list[list[Any]]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _fetch(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError  # pragma: no cover - abstract

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _schema_statements(self) -> list[str]:
        return [s.strip() for s in SCHEMA_SQL.split(";") if s.strip()]

    def _init_schema(self) -> None:
        for stmt in self._schema_statements():
            self._run(stmt)
        self._run("INSERT INTO meta VALUES ('store_version', ?), ('schema', ?) ON CONFLICT (key) DO NOTHING",
                  [STORE_VERSION, SCHEMA_ID])

    # -- writing -----------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return bool(self._fetch("SELECT 1 FROM articles WHERE id = ?", [article_id])[1])

    def story_index(self):  # noqa: ANN201 - StoryIndex, imported lazily (datasketch)
        """The near-duplicate index over every stored article, loaded from ``minhash`` once."""
        from barometer.ingest.dedup import StoryIndex

        with self._lock:
            if self._stories is None:
                idx = StoryIndex()
                _, rows = self._fetch("SELECT m.article_id, a.story_id, m.signature FROM minhash m "
                                      "JOIN articles a ON a.id = m.article_id ORDER BY m.article_id")
                for aid, story, sig in rows:
                    idx.insert(aid, story, bytes(sig))
                self._stories = idx
            return self._stories

    def add(self, analysis: Analysis, *, source: str | None = None, signature: bytes | None = None,
            batch_id: str | None = None) -> bool:
        """Store one analysis in a single transaction. Returns False when the article was already there.

        The same transaction assigns the story cluster (near-duplicate detection), stores the MinHash
        signature and, when ``batch_id`` is given, marks ``source`` done in that batch's journal.
        """
        from barometer.ingest.dedup import signature_of

        a = analysis.article
        with self._lock:
            if self.has_article(a.id):
                if batch_id and source:
                    self._journal(batch_id, source, "done", a.id, None)
                return False
            sig = signature if signature is not None else signature_of(a.text)
            stories = self.story_index()
            story_id = stories.match(sig) or a.id
            try:
                self._run("BEGIN TRANSACTION")
                self._insert(analysis, source, story_id)
                self._run("INSERT INTO minhash VALUES (?, ?)", [a.id, sig])
                if source:
                    self._run("DELETE FROM failures WHERE source = ?", [source])
                if batch_id and source:
                    self._journal_sql(batch_id, source, "done", a.id, None)
                self._run("COMMIT")
            except self.backend_error as exc:
                self._rollback()
                raise StoreError(f"{self.path}: could not store article {a.id[:12]}: {_explain(exc)}") from None
            stories.insert(a.id, story_id, sig)
            return True

    def record_failure(self, source: str, error: str, *, batch_id: str | None = None) -> None:
        with self._lock:
            try:
                self._run("BEGIN TRANSACTION")
                self._run("INSERT INTO failures VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE "
                          "SET error = excluded.error, failed_at = excluded.failed_at", [source, error, _now()])
                if batch_id:
                    self._journal_sql(batch_id, source, "failed", None, error)
                self._run("COMMIT")
            except self.backend_error as exc:
                self._rollback()
                raise StoreError(f"{self.path}: could not record failure of {source}: {_explain(exc)}") from None

    def _rollback(self) -> None:
        """Roll back, when there is still something to roll back: a COMMIT that failed on a write error
        (disk full) has already aborted the transaction, and ROLLBACK would then raise over the real error."""
        try:
            self._run("ROLLBACK")
        except self.backend_error:
            pass

    def _journal_sql(self, batch_id: str, source: str, status: str, article_id: str | None,
                     error: str | None) -> None:
        self._run("INSERT INTO batch_items VALUES (?, ?, ?, ?, ?) ON CONFLICT (batch_id, source) DO UPDATE "
                  "SET status = excluded.status, article_id = excluded.article_id, error = excluded.error",
                  [batch_id, source, status, article_id, error])

    def _journal(self, batch_id: str, source: str, status: str, article_id: str | None, error: str | None) -> None:
        with self._lock:
            self._journal_sql(batch_id, source, status, article_id, error)

    # -- batches (resumable ingestion) --------------------------------------------------------
    def start_batch(self, args: dict[str, Any]) -> str:
        batch_id = uuid.uuid4().hex
        with self._lock:
            self._run("INSERT INTO batches VALUES (?, ?, 'running', ?, NULL)",
                      [batch_id, json.dumps(args, default=str), _now()])
        return batch_id

    def finish_batch(self, batch_id: str) -> None:
        with self._lock:
            self._run("UPDATE batches SET status = 'finished', finished_at = ? WHERE batch_id = ?",
                      [_now(), batch_id])

    def unfinished_batch(self) -> tuple[str, dict[str, Any]] | None:
        """The most recent batch that did not finish, with the arguments it was started with."""
        _, rows = self.query("SELECT batch_id, args FROM batches WHERE status = 'running' "
                             "ORDER BY started_at DESC LIMIT 1")
        return (rows[0][0], json.loads(rows[0][1])) if rows else None

    def journal(self, batch_id: str) -> dict[str, str]:
        """Source key → 'done' or 'failed' for one batch."""
        _, rows = self.query("SELECT source, status FROM batch_items WHERE batch_id = ?", [batch_id])
        return dict(rows)

    def _insert(self, analysis: Analysis, source: str | None, story_id: str) -> None:
        a = analysis.article
        aid = a.id
        actors = {x.id: x for x in analysis.actors}
        self._run(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "
                  f"({', '.join('?' * len(ARTICLE_COLUMNS))})",
                  [aid, a.title, a.published, a.outlet, json.dumps(a.wire), a.language, a.url, source, a.text,
                   analysis.to_json(indent=None), len(analysis.events), _now(), story_id])
        if analysis.actors:
            self._runmany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
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
            self._runmany("INSERT INTO events VALUES (" + ", ".join("?" * 26) + ")", rows)
        if analysis.quotes:
            self._runmany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [aid, q.id, q.text, q.kind, q.speaker, *code(q.speaker)[::2], q.speaker_text, q.cue, q.start, q.end]
                for q in analysis.quotes])
        if analysis.amounts:
            self._runmany("INSERT INTO amounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [aid, i, m.text, m.value, m.low, m.high, m.unit, m.what, m.actor, m.qualifier, m.start, m.end]
                for i, m in enumerate(analysis.amounts)])
        if analysis.times:
            self._runmany("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?)", [
                [aid, i, t.text, t.value, t.granularity, t.start, t.end] for i, t in enumerate(analysis.times)])
        if analysis.places:
            self._runmany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [aid, i, p.text, p.name, p.country, p.lat, p.lon, p.feature, p.start, p.end]
                for i, p in enumerate(analysis.places)])

    # -- reading -----------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run SQL with ``?`` placeholders; returns (column names, rows)."""
        with self._lock:
            return self._fetch(sql, params)

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

    def story_copies(self, article_id: str) -> list[str]:
        """Ids of every stored copy of the story this article belongs to (itself included), oldest first."""
        _, rows = self.query("SELECT b.id FROM articles a JOIN articles b ON b.story_id = a.story_id "
                             "WHERE a.id = ? ORDER BY b.ingested_at, b.id", [article_id])
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        return {t: self.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLES}  # noqa: S608 - fixed names

    def __enter__(self) -> SQLStore:
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


def _explain(exc: BaseException) -> str:
    """The backend's message, prefixed with the likely cause when it is a full disk or a size limit."""
    msg = str(exc)
    low = msg.lower()
    if any(k in low for k in ("no space left", "file too large", "disk full", "could not write", "failed to write")):
        return f"the disk is full or a file size limit was reached ({msg}); what was stored before is intact"
    return msg

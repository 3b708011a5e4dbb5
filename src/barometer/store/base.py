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
from dataclasses import dataclass
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

def contains(column: str) -> str:
    """SQL for "``column`` contains the parameter, ignoring case", where the parameter is passed
    through ``like_literal``: a user's ``%`` or ``_`` is then a character, not a wildcard."""
    return f"{column} ILIKE '%' || ? || '%' ESCAPE '\\'"


def like_literal(value: Any) -> Any:
    """Escape LIKE's wildcards (and the escape character itself) in a search string."""
    if not isinstance(value, str):
        return value
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: Columns users may filter events on, with the SQL each filter becomes (always parameterised).
EVENT_FILTERS: dict[str, str] = {
    "actor": "(e.source_code = ? OR e.target_code = ? OR e.source_country = ? OR e.target_country = ?"
             " OR e.source_code LIKE ? || '%' ESCAPE '\\' OR e.target_code LIKE ? || '%' ESCAPE '\\')",
    "type": "e.type = ?",
    "status": "e.status = ?",
    "since": "e.date >= ?",
    "until": "e.date <= ?",
    "article": "e.article_id = ?",
    "text": contains("e.evidence_text"),
}

ARTICLE_COLUMNS = ("id", "title", "published", "outlet", "wire", "language", "url", "source", "text",
                   "analysis", "n_events", "ingested_at", "story_id")


@dataclass
class ToStore:
    """One analysis on its way into the store, with the source key it came from and, when the
    worker computed it, its MinHash signature."""

    analysis: Analysis
    source: str | None = None
    signature: bytes | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SQLStore:
    """A store of analyses. Subclasses provide ``_run``, ``_runmany``, ``_fetch`` and ``close``."""

    path: str
    backend_error: type[Exception] = Exception
    #: True when no other process can write to the store while this object is open (a DuckDB file
    #: is locked by its writer): what it remembers of ``failures`` is then never stale.
    single_writer: bool = False

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._stories = None  # barometer.ingest.dedup.StoryIndex, loaded on first add
        # What this writer knows is in ``failures`` and in each batch's journal, loaded on first use:
        # a stored article then costs no DELETE and no upsert (bench/throughput.py, store row).
        self._failed: set[str] | None = None
        self._journaled: dict[str, set[str]] = {}

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
        """The near-duplicate index over the last ``story_window`` stored articles (setting; 0 = all),
        loaded from ``minhash`` once, oldest first."""
        from barometer.ingest.dedup import StoryIndex
        from barometer.settings import get_settings

        with self._lock:
            if self._stories is None:
                window = max(0, get_settings().story_window)
                idx = StoryIndex(window=window)
                recent = ("SELECT m.article_id, a.story_id, m.signature, a.ingested_at FROM minhash m "
                          "JOIN articles a ON a.id = m.article_id ORDER BY a.ingested_at DESC, a.id DESC")
                sql = f"SELECT article_id, story_id, signature FROM ({recent}{' LIMIT ?' if window else ''}) r " \
                      "ORDER BY ingested_at, article_id"
                _, rows = self._fetch(sql, [window] if window else None)
                for aid, story, sig in rows:
                    idx.insert(aid, story, bytes(sig))
                self._stories = idx
            return self._stories

    def add(self, analysis: Analysis, *, source: str | None = None, signature: bytes | None = None,
            batch_id: str | None = None) -> bool:
        """Store one analysis in a single transaction. Returns False when the article was already there."""
        result = self.add_many([ToStore(analysis, source, signature)], batch_id=batch_id)[0]
        if isinstance(result, StoreError):
            raise result
        return result

    def add_many(self, items: list[ToStore], *, batch_id: str | None = None) -> list[bool | StoreError]:
        """Store analyses in one transaction; per item: True (added), False (already stored) or the
        StoreError that kept it out.

        The same transaction assigns each article its story cluster (near-duplicate detection, in
        order, so a copy later in the group joins an earlier one), stores the MinHash signatures and,
        when ``batch_id`` is given, marks each source done in that batch's journal — so a batch killed
        at any point resumes exactly where its last commit left it. An article is never stored in
        part. Why groups: a DuckDB statement costs about 0.5 ms whatever it holds, and an article
        needs ten; one transaction for a group of articles makes that cost the group's, not each
        article's (bench/throughput.py). If the group's transaction fails, each article is tried
        again in its own, so only the faulty one fails.
        """
        if not items:
            return []
        with self._lock:
            try:
                return self._add_group(items, batch_id)
            except self.backend_error as exc:
                if len(items) == 1:
                    return [self._store_error(items[0], exc)]
            out: list[bool | StoreError] = []
            for item in items:
                try:
                    out += self._add_group([item], batch_id)
                except self.backend_error as exc:
                    out.append(self._store_error(item, exc))
            return out

    def _store_error(self, item: ToStore, exc: BaseException) -> StoreError:
        return StoreError(f"{self.path}: could not store article {item.analysis.article.id[:12]}: {_explain(exc)}")

    def _add_group(self, items: list[ToStore], batch_id: str | None) -> list[bool]:
        """One transaction for ``items``; on a backend error it is rolled back (index too) and re-raised."""
        from barometer.ingest.dedup import signature_of

        stories = self.story_index()
        ids = list(dict.fromkeys(item.analysis.article.id for item in items))
        present = {r[0] for r in self._fetch(f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(ids))})",
                                             ids)[1]}
        rows: dict[str, list[list[Any]]] = {table: [] for table in (*TABLES, "minhash")}
        journal: dict[str, tuple[str, str | None, str | None]] = {}
        cleared: list[str] = []
        indexed: list[str] = []
        added: list[bool] = []
        try:
            self._run("BEGIN TRANSACTION")
            for item in items:
                a = item.analysis.article
                new = a.id not in present
                if new:
                    present.add(a.id)
                    sig = item.signature if item.signature is not None else signature_of(a.text)
                    story_id = stories.match(sig) or a.id
                    stories.insert(a.id, story_id, sig)
                    indexed.append(a.id)
                    _rows_of(item.analysis, item.source, story_id, rows)
                    rows["minhash"].append([a.id, sig])
                    if item.source and self._maybe_failed(item.source):
                        cleared.append(item.source)
                if batch_id and item.source:
                    journal[item.source] = ("done", a.id, None)
                added.append(new)
            for table, table_rows in rows.items():
                if table_rows:
                    self._insert_rows(table, table_rows)
            if cleared:
                self._run(f"DELETE FROM failures WHERE source IN ({', '.join('?' * len(cleared))})", cleared)
            if journal:
                self._journal_sql(batch_id, journal)
            self._run("COMMIT")
        except self.backend_error:
            self._rollback()
            for aid in indexed:
                stories.remove(aid)
            raise
        if self._failed is not None:
            self._failed.difference_update(cleared)
        if journal:
            self._journaled.setdefault(batch_id, set()).update(journal)
        return added

    def _maybe_failed(self, source: str) -> bool:
        """Whether ``failures`` may hold a row for ``source`` (always, when another process may write)."""
        if not self.single_writer:
            return True
        if self._failed is None:
            self._failed = {r[0] for r in self._fetch("SELECT source FROM failures")[1]}
        return source in self._failed

    def record_failure(self, source: str, error: str, *, batch_id: str | None = None) -> None:
        with self._lock:
            try:
                self._run("BEGIN TRANSACTION")
                self._run("INSERT INTO failures VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE "
                          "SET error = excluded.error, failed_at = excluded.failed_at", [source, error, _now()])
                if batch_id:
                    self._journal_sql(batch_id, {source: ("failed", None, error)})
                self._run("COMMIT")
            except self.backend_error as exc:
                self._rollback()
                raise StoreError(f"{self.path}: could not record failure of {source}: {_explain(exc)}") from None
            if self._failed is not None:
                self._failed.add(source)
            if batch_id:
                self._journaled.setdefault(batch_id, set()).add(source)

    def _rollback(self) -> None:
        """Roll back, when there is still something to roll back: a COMMIT that failed on a write error
        (disk full) has already aborted the transaction, and ROLLBACK would then raise over the real error."""
        try:
            self._run("ROLLBACK")
        except self.backend_error:
            pass

    def _journal_sql(self, batch_id: str, entries: dict[str, tuple[str, str | None, str | None]]) -> None:
        """Write journal rows (source → status, article id, error) inside the caller's transaction; the
        caller adds the sources to ``_journaled`` once committed. Sources new to the batch (the usual
        case) are inserted in one statement; one seen before (a failure retried on ``--resume``) is
        updated. Another writer may share a PostgreSQL store: there every row is an upsert."""
        if not self.single_writer:
            self._runmany("INSERT INTO batch_items VALUES (?, ?, ?, ?, ?) ON CONFLICT (batch_id, source) DO UPDATE "
                          "SET status = excluded.status, article_id = excluded.article_id, error = excluded.error",
                          [[batch_id, src, *entry] for src, entry in entries.items()])
            return
        seen = self._journaled.get(batch_id)
        if seen is None:
            seen = self._journaled[batch_id] = {
                r[0] for r in self._fetch("SELECT source FROM batch_items WHERE batch_id = ?", [batch_id])[1]}
        fresh = [[batch_id, src, *entry] for src, entry in entries.items() if src not in seen]
        if fresh:
            self._insert_rows("batch_items", fresh)
        for src, (status, article_id, error) in entries.items():
            if src in seen:
                self._run("UPDATE batch_items SET status = ?, article_id = ?, error = ? WHERE batch_id = ? "
                          "AND source = ?", [status, article_id, error, batch_id, src])

    def _journal(self, batch_id: str, source: str, status: str, article_id: str | None, error: str | None) -> None:
        with self._lock:
            self._journal_sql(batch_id, {source: (status, article_id, error)})
            self._journaled.setdefault(batch_id, set()).add(source)

    # -- batches (resumable ingestion) --------------------------------------------------------
    def start_batch(self, args: dict[str, Any]) -> str:
        batch_id = uuid.uuid4().hex
        with self._lock:
            self._run("INSERT INTO batches VALUES (?, ?, 'running', ?, NULL)",
                      [batch_id, json.dumps(args, default=str), _now()])
            self._journaled[batch_id] = set()
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

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Append rows (every column, in table order) to a table."""
        self._runmany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)

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


def _rows_of(analysis: Analysis, source: str | None, story_id: str, rows: dict[str, list[list[Any]]]) -> None:
    """Append the rows of one analysis to ``rows`` (table → rows, columns in table order)."""
    a = analysis.article
    aid = a.id
    actors = {x.id: x for x in analysis.actors}

    def code(actor_id: str | None) -> tuple[Any, Any, Any]:
        x = actors.get(actor_id) if actor_id else None
        return (x.code or x.id, x.country, x.name) if x else (None, None, None)

    rows["articles"].append([aid, a.title, a.published, a.outlet, json.dumps(a.wire), a.language, a.url, source,
                             a.text, analysis.to_json(indent=None), len(analysis.events), _now(), story_id])
    rows["actors"] += [[aid, x.id, x.name, x.kind, x.country, x.sector, x.code, x.role, x.kb_id, len(x.mentions),
                        json.dumps([m.model_dump() for m in x.mentions])] for x in analysis.actors]
    for e in analysis.events:
        (sc, sco, sn), (tc, tco, tn) = code(e.source), code(e.target)
        rows["events"].append([aid, e.id, e.type, e.mode, json.dumps(e.context), e.cameo, e.quad_class, e.goldstein,
                               e.source, e.target, sc, tc, sco, tco, sn, tn, e.status, e.date, e.place, e.said_by,
                               e.quote, e.evidence.start, e.evidence.end, e.evidence.text, e.rule, e.confidence])
    rows["quotes"] += [[aid, q.id, q.text, q.kind, q.speaker, *code(q.speaker)[::2], q.speaker_text, q.cue, q.start,
                        q.end] for q in analysis.quotes]
    rows["amounts"] += [[aid, i, m.text, m.value, m.low, m.high, m.unit, m.what, m.actor, m.qualifier, m.start, m.end]
                        for i, m in enumerate(analysis.amounts)]
    rows["times"] += [[aid, i, t.text, t.value, t.granularity, t.start, t.end] for i, t in enumerate(analysis.times)]
    rows["places"] += [[aid, i, p.text, p.name, p.country, p.lat, p.lon, p.feature, p.start, p.end]
                       for i, p in enumerate(analysis.places)]


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
        if key == "text":
            params.append(like_literal(value))
        elif key == "actor":  # two exact codes, two countries, two code prefixes
            params += [value] * 4 + [like_literal(value)] * 2
        else:
            params += [value] * clause.count("?")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _explain(exc: BaseException) -> str:
    """The backend's message, prefixed with the likely cause when it is a full disk or a size limit."""
    msg = str(exc)
    low = msg.lower()
    if any(k in low for k in ("no space left", "file too large", "disk full", "could not write", "failed to write")):
        return f"the disk is full or a file size limit was reached ({msg}); what was stored before is intact"
    return msg

"""What every store backend shares: the per-article transaction and the story index, over the
tables of ``schema.py``; reading (``queries.py``) and the batch journal (``journal.py``) are mixed in.
Backends (DuckDB, PostgreSQL) only say how to run SQL.

Why one class: the same SQL (``?`` placeholders, ``ON CONFLICT``) runs on both engines, so a query
written against the default DuckDB store runs unchanged against ``--db postgresql://…``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from barometer.errors import StoreError
from barometer.model import SCHEMA_ID, Analysis
from barometer.settings import Settings
from barometer.store.explain import disk_full, explain
from barometer.store.journal import Journal
from barometer.store.queries import Queries
from barometer.store.rows import rows_of
from barometer.store.schema import MIGRATION_SQL, SCHEMA_SQL, STORE_VERSION, TABLES, now
from barometer.store.share import UseLock


@dataclass
class ToStore:
    """One analysis on its way into the store, with the source key it came from and, when the
    worker computed it, its MinHash signature."""

    analysis: Analysis
    source: str | None = None
    signature: bytes | None = None


class SQLStore(Journal, Queries):
    """A store of analyses. Subclasses provide ``_run``, ``_runmany``, ``_fetch`` and ``close``."""

    path: str
    backend_error: type[Exception] = Exception
    #: True when no other process can write to the store while this object is open (a DuckDB file
    #: is locked by its writer): what it remembers of ``failures`` is then never stale.
    single_writer: bool = False

    def __init__(self, *, story_window: int = Settings.story_window) -> None:
        self._lock = UseLock(self._after_use)
        #: Stored articles the near-duplicate index remembers (setting ``story_window``; 0 = all).
        self.story_window = max(0, story_window)
        self._stories = None  # barometer.store.stories.StoryIndex, loaded on first add
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

    def _after_use(self) -> None:
        """Called when the outermost use of the store ends (a store shared between processes hands
        the file over here, ``duck.py``)."""

    def _schema_statements(self) -> list[str]:
        return [s.strip() for s in (SCHEMA_SQL + ";" + MIGRATION_SQL).split(";") if s.strip()]

    def _init_schema(self) -> None:
        for stmt in self._schema_statements():
            self._run(stmt)
        self._run("INSERT INTO meta VALUES ('schema', ?) ON CONFLICT (key) DO NOTHING", [SCHEMA_ID])
        self._run("INSERT INTO meta VALUES ('store_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  [STORE_VERSION])

    # -- writing -----------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return bool(self._fetch("SELECT 1 FROM articles WHERE id = ?", [article_id])[1])

    def story_index(self):  # noqa: ANN201 - StoryIndex, imported lazily (datasketch)
        """The near-duplicate index over the last ``story_window`` stored articles (setting; 0 = all),
        loaded from ``minhash`` once, oldest first."""
        from barometer.store.stories import StoryIndex

        with self._lock:
            if self._stories is None:
                window = self.story_window
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
        return StoreError(f"{self.path}: could not store article {item.analysis.article.id[:12]}: {explain(exc)}",
                          disk_full=disk_full(exc))

    def _add_group(self, items: list[ToStore], batch_id: str | None) -> list[bool]:
        """One transaction for ``items``; on a backend error it is rolled back (index too) and re-raised."""
        from barometer.store.stories import signature_of

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
                    rows_of(item.analysis, item.source, story_id, rows)
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
                          "SET error = excluded.error, failed_at = excluded.failed_at", [source, error, now()])
                if batch_id:
                    self._journal_sql(batch_id, {source: ("failed", None, error)})
                self._run("COMMIT")
            except self.backend_error as exc:
                self._rollback()
                raise StoreError(f"{self.path}: could not record failure of {source}: {explain(exc)}",
                                 disk_full=disk_full(exc)) from None
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

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Append rows (every column, in table order) to a table."""
        self._runmany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

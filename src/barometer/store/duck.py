"""The embedded DuckDB store (the default): one row per article, actor, event, quote, amount, time and place.

Each article is written in one transaction keyed by its content hash: re-ingesting changes
nothing, and a failure half-way leaves nothing behind. The tables (``schema.py``), every write
(``base.py``) and every read (``queries.py``) are shared with PostgreSQL; this module only says how
DuckDB runs SQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from barometer.errors import StoreError
from barometer.settings import Settings
from barometer.store.base import SQLStore
from barometer.store.share import FileShare

__all__ = ["DuckStore"]


class DuckStore(SQLStore):
    """A DuckDB file (or ``:memory:``) holding analyses. Safe for one writer and many readers in-process."""

    backend_error = duckdb.Error
    single_writer = True  # DuckDB locks the file for one writing process

    def __init__(self, path: str | Path = "barometer.duckdb", *, read_only: bool = False,
                 memory_limit: str = Settings.store_memory_limit, story_window: int = Settings.story_window,
                 shared: bool = False) -> None:
        """``memory_limit`` bounds DuckDB's cache (setting ``store_memory_limit``; "" = DuckDB's default).

        ``shared``: take turns on the file with other processes (``share.py``): a reader lets go of it
        while a writer commits, a writer hands it back after each commit while readers are present.
        Without it the store holds the file from open to close, as one process's private store.
        """
        super().__init__(story_window=story_window)
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:":
            p = Path(self.path)
            if p.exists() and p.is_dir():
                raise StoreError(f"{self.path}: is a directory, not a store file")
            if p.exists() and p.stat().st_size > 0 and not _looks_like_duckdb(p):
                raise StoreError(f"{self.path}: not a Barometer/DuckDB store (refusing to overwrite it)")
        limit = memory_limit.strip()
        self._config = {"memory_limit": limit} if limit else {}
        self.share: FileShare | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        if shared and self.path != ":memory:":
            self.share = FileShare(self.path)
            if read_only:
                self.share.register_reader()
            else:
                self.share.acquire_writer()
        try:
            p = Path(self.path)
            if not read_only and self.path != ":memory:" and p.exists() and p.stat().st_size > 0:
                _check_readable(p)
            with self._lock:
                self._connection()
                if not read_only:
                    try:
                        self._init_schema()
                    except duckdb.Error as exc:
                        raise StoreError(f"{self.path}: cannot initialise store: {exc}") from None
        except BaseException:
            self.close()
            raise
        if self.share is not None:
            self.share.watch(self._needs_release, self._release_if_idle)

    def _connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, opened (on the shared file: when it is this process's turn) if need be."""
        if self.con is not None:
            return self.con

        def opener() -> duckdb.DuckDBPyConnection:
            return duckdb.connect(self.path, read_only=self.read_only, config=self._config)

        try:
            if self.share is None:
                self.con = opener()
            else:
                if self.read_only:
                    self.share.wait_for_writer()
                else:
                    self.share.take()
                self.con = self.share.open_retrying(opener, duckdb.Error, "reading" if self.read_only else "writing")
        except duckdb.Error as exc:
            if self._config and "memory" in str(exc).lower():
                raise StoreError(f"store_memory_limit {self._config['memory_limit']!r} (BAROMETER_STORE_MEMORY_LIMIT) "
                                 f"is not a memory size such as '1GB' or '512MB': {exc}") from None
            raise StoreError(f"{self.path}: cannot open store: {exc}") from None
        return self.con

    # -- turn-taking with other processes (shared stores only) ---------------------------------
    def _needs_release(self) -> bool:
        if self.share is None or self.con is None:
            return False
        if self.read_only:
            return bool(self.share.writer_wants())
        return bool(self.share.readers())

    def _let_go(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
        if self.share is not None and not self.read_only:
            self.share.hand_back()

    def _after_use(self) -> None:
        if self._needs_release():
            self._let_go()

    def _release_if_idle(self) -> None:
        if not self._lock.acquire(blocking=False):
            return  # in use: the end of that use checks again
        try:
            if self._needs_release():
                self._let_go()
        finally:
            self._lock.release()

    def _run(self, sql: str, params: list[Any] | None = None) -> Any:
        return self._connection().execute(sql, params or [])

    def _runmany(self, sql: str, rows: list[list[Any]]) -> None:
        self._connection().executemany(sql, rows)

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Append rows through Arrow: DuckDB then neither parses nor plans a ``VALUES`` list with
        one parameter per cell, which made the events insert the dearest statement of an article
        (3.0 → 1.x ms per article; bench/throughput.py)."""
        columns = {f"c{i}": [r[i] for r in rows] for i in range(len(rows[0]))}
        self._connection().from_arrow(pa.table(columns)).insert_into(table)

    def _fetch(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        cur = self._connection().execute(sql, params or [])
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()

    def close(self) -> None:
        with self._lock._lock:  # the plain lock: closing is not a use that may hand the file over
            if self.con is not None:
                self.con.close()
                self.con = None
            if self.share is not None:
                self.share.close()

    def __enter__(self) -> DuckStore:
        return self


def _check_readable(p: Path) -> None:
    """Read a store's catalogue read-only before opening it for writing.

    Why: DuckDB opened a truncated store file read-write, failed later, and had already written to
    it by then; a damaged store must be reported and left exactly as it was (tests/hardening).
    """
    try:
        con = duckdb.connect(str(p), read_only=True)
    except duckdb.Error as exc:
        if _in_use(exc):
            return  # open elsewhere in this process or locked by another: not a sign of damage
        raise StoreError(f"{p}: the store file is damaged and was left untouched ({exc}); restore it from a "
                         "backup or use another --db") from None
    try:
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
            con.execute(f'SELECT count(*) FROM "{table}"').fetchall()  # noqa: S608 - names from the catalogue
    except duckdb.Error as exc:
        raise StoreError(f"{p}: the store file is damaged and was left untouched ({exc}); restore it from a "
                         "backup or use another --db") from None
    finally:
        con.close()


def _in_use(exc: BaseException) -> bool:
    msg = str(exc).lower()
    return "different configuration" in msg or "lock" in msg or "already open" in msg


def _looks_like_duckdb(p: Path) -> bool:
    with p.open("rb") as fh:
        head = fh.read(16)
    return head[8:12] == b"DUCK"

"""PostgreSQL as an alternative store (``--db postgresql://user@host:port/db``): same schema, same SQL.

Why: DuckDB is one file and one writer; a team sharing results, or a cluster feeding one database,
wants a server. The schema and every statement come from ``schema.py``, ``base.py``, ``journal.py`` and ``queries.py``; only the placeholder
style (``?`` → ``%s``) and two type names (``DOUBLE``, ``BLOB``) differ, translated here.
"""

from __future__ import annotations

import re
from typing import Any

from barometer.errors import StoreError
from barometer.settings import Settings
from barometer.store.base import SQLStore

_TYPES = ((re.compile(r"\bDOUBLE\b"), "DOUBLE PRECISION"), (re.compile(r"\bBLOB\b"), "BYTEA"))


def to_pyformat(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (outside string literals), escaping literal ``%``."""
    out: list[str] = []
    in_str = False
    for ch in sql:
        if ch == "'":
            in_str = not in_str
            out.append(ch)
        elif ch == "%":
            out.append("%%")
        elif ch == "?" and not in_str:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


class PostgresStore(SQLStore):
    """A PostgreSQL database holding analyses (one writer; readers may be anywhere)."""

    def __init__(self, url: str, *, story_window: int = Settings.story_window, read_only: bool = False) -> None:
        """``read_only``: a session that can only read (``default_transaction_read_only``) and does not
        create or upgrade the schema: what ``serve`` and the CLI's read commands open."""
        super().__init__(story_window=story_window)
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL store needs psycopg 3: pip install 'psycopg[binary]'") from None
        self.backend_error = psycopg.Error
        self.path = re.sub(r"//([^:@/]+):[^@/]*@", r"//\1:***@", url)  # never print a password
        try:
            self.con = psycopg.connect(url, autocommit=True)
            if read_only:  # a SET, not connect(options=…), which would replace the URL's own options
                self.con.execute("SET SESSION default_transaction_read_only = on")
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}".strip()) from None
        if read_only:
            return
        try:
            self._run("SELECT pg_advisory_lock(4242001)")  # concurrent schema creation is not atomic
            self._init_schema()
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot initialise store: {exc}") from None
        finally:
            self._run("SELECT pg_advisory_unlock(4242001)")

    def _schema_statements(self) -> list[str]:
        out = []
        for stmt in super()._schema_statements():
            for pattern, repl in _TYPES:
                stmt = pattern.sub(repl, stmt)
            out.append(stmt)
        return out

    def _run(self, sql: str, params: list[Any] | None = None) -> Any:
        return self.con.execute(to_pyformat(sql) if params else sql, params or None)

    def _runmany(self, sql: str, rows: list[list[Any]]) -> None:
        with self.con.cursor() as cur:
            cur.executemany(to_pyformat(sql), rows)

    def _fetch(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(to_pyformat(sql) if params else sql, params or None)
        cols = [d.name for d in cur.description] if cur.description else []
        return cols, cur.fetchall() if cur.description else []

    def close(self) -> None:
        with self._lock:
            self.con.close()

"""Store: analyses persisted in DuckDB (default) or PostgreSQL, idempotent by article content hash.

``open_store(url)`` picks the backend from the location: ``postgresql://…`` (or ``postgres://…``)
opens :class:`PostgresStore`; anything else is a DuckDB file path (or ``:memory:``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from barometer.settings import Settings
from barometer.store.base import SQLStore
from barometer.store.duck import DuckStore

__all__ = ["DuckStore", "SQLStore", "connect", "is_postgres_url", "open_reader", "open_store"]


def is_postgres_url(url: str | Path | None) -> bool:
    return str(url or "").startswith(("postgresql://", "postgres://"))


def connect(url: str | Path | None = None, *, read_only: bool = False, settings: Settings | None = None,
            shared: bool = False) -> SQLStore:
    """Open the store at ``url`` (default: the ``db`` setting of ``settings``); the caller closes it.

    ``settings`` also gives the store's ``story_window`` and, for DuckDB, its ``store_memory_limit``
    (defaults when none are given). ``shared``: a DuckDB file takes turns with the other processes
    that open it shared (``store/share.py``): the CLI and ``serve`` always do.
    """
    s = settings or Settings()
    target = url or s.db
    if is_postgres_url(target):
        from barometer.store.postgres import PostgresStore

        return PostgresStore(str(target), story_window=s.story_window, read_only=read_only)
    return DuckStore(target, read_only=read_only, memory_limit=s.store_memory_limit, story_window=s.story_window,
                     shared=shared)


def connect_reader(url: str | Path | None = None, *, settings: Settings | None = None) -> SQLStore:
    """Open an existing store read-only, shared with other processes: what every read command and
    ``serve`` use. A DuckDB file that is not there is a one-line ``InputError`` (exit code 2), never
    created; a store written by an older version is a ``StoreError`` saying how to upgrade it."""
    from barometer.errors import InputError, StoreError
    from barometer.store.schema import STORE_VERSION

    s = settings or Settings()
    target = url or s.db
    if not is_postgres_url(target) and str(target) != ":memory:" and not Path(target).exists():
        raise InputError(f"{target}: no store here (barometer ingest PATH --db {target} creates one; "
                         "--db or BAROMETER_DB names another)")
    store = connect(target, read_only=True, settings=s, shared=True)
    try:
        rows = store.query("SELECT value FROM meta WHERE key = 'store_version'")[1]
    except store.backend_error:
        rows = []
    version = rows[0][0] if rows else None
    if version != STORE_VERSION:
        store.close()
        raise StoreError(f"{target}: the store is version {version or 'unknown'}, this Barometer reads version "
                         f"{STORE_VERSION}; open it once for writing to upgrade it (barometer ingest --resume "
                         f"--db {target}, or any barometer ingest into it)")
    return store


@contextmanager
def open_store(url: str | Path | None = None, *, read_only: bool = False,
               settings: Settings | None = None, shared: bool = False) -> Iterator[SQLStore]:
    store = connect(url, read_only=read_only, settings=settings, shared=shared)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def open_reader(url: str | Path | None = None, *, settings: Settings | None = None) -> Iterator[SQLStore]:
    """``connect_reader`` as a context manager: the read commands of the CLI."""
    store = connect_reader(url, settings=settings)
    try:
        yield store
    finally:
        store.close()

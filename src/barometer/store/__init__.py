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

__all__ = ["DuckStore", "SQLStore", "connect", "is_postgres_url", "open_store"]


def is_postgres_url(url: str | Path | None) -> bool:
    return str(url or "").startswith(("postgresql://", "postgres://"))


def connect(url: str | Path | None = None, *, read_only: bool = False, settings: Settings | None = None) -> SQLStore:
    """Open the store at ``url`` (default: the ``db`` setting of ``settings``); the caller closes it.

    ``settings`` also gives the store's ``story_window`` and, for DuckDB, its ``store_memory_limit``
    (defaults when none are given).
    """
    s = settings or Settings()
    target = url or s.db
    if is_postgres_url(target):
        from barometer.store.postgres import PostgresStore

        return PostgresStore(str(target), story_window=s.story_window)
    return DuckStore(target, read_only=read_only, memory_limit=s.store_memory_limit, story_window=s.story_window)


@contextmanager
def open_store(url: str | Path | None = None, *, read_only: bool = False,
               settings: Settings | None = None) -> Iterator[SQLStore]:
    store = connect(url, read_only=read_only, settings=settings)
    try:
        yield store
    finally:
        store.close()

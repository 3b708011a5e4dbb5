"""Store: analyses persisted in DuckDB (default) or PostgreSQL, idempotent by article content hash.

``open_store(url)`` picks the backend from the location: ``postgresql://…`` (or ``postgres://…``)
opens :class:`PostgresStore`; anything else is a DuckDB file path (or ``:memory:``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from barometer.store.base import SQLStore
from barometer.store.duck import DuckStore

__all__ = ["DuckStore", "SQLStore", "connect", "is_postgres_url", "open_store"]


def is_postgres_url(url: str | Path | None) -> bool:
    return str(url or "").startswith(("postgresql://", "postgres://"))


def connect(url: str | Path | None = None, *, read_only: bool = False) -> SQLStore:
    """Open the store at ``url`` (default: the ``db`` setting); the caller closes it."""
    from barometer.settings import get_settings

    target = url or get_settings().db
    if is_postgres_url(target):
        from barometer.store.postgres import PostgresStore

        return PostgresStore(str(target))
    return DuckStore(target, read_only=read_only)


@contextmanager
def open_store(url: str | Path | None = None, *, read_only: bool = False) -> Iterator[SQLStore]:
    store = connect(url, read_only=read_only)
    try:
        yield store
    finally:
        store.close()

"""The API's stores: one read-only store for every read, and a writer opened only for a write.

Why two: ``barometer serve`` runs for days beside ``barometer ingest``, ``barometer watch`` and the
CLI's read commands on the same DuckDB file. Reading through a read-only store shared with them
(``store/share.py``) lets all of them work at once; the token-protected ``POST /api/articles``
opens the store for writing only for the time of the write, so it does not lock out an ingest
between writes either (while an ingest writes, a POST answers 503 naming it). With PostgreSQL
the reader is a read-only session and the writer a second connection, kept.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from barometer.errors import StoreError
from barometer.settings import Settings
from barometer.store import SQLStore, connect, connect_reader, is_postgres_url


class Stores:
    """``reader`` for reads; ``write(fn)`` runs ``fn(store)`` on a store open for writing."""

    def __init__(self, db: str | Path | None, settings: Settings, *, store: SQLStore | None = None) -> None:
        self.settings = settings
        self.target = str(db or settings.db)
        self._lock = threading.Lock()
        self._writer: SQLStore | None = None
        self.owned = store is None
        if store is not None:  # an open store given by the caller (the demo, tests): reads and writes
            self.reader, self._given = store, store
            return
        self._given = None
        if settings.api_token and not is_postgres_url(self.target) and not Path(self.target).exists():
            connect(self.target, settings=settings, shared=True).close()  # writes are enabled: create it
        elif settings.api_token and is_postgres_url(self.target):
            connect(self.target, settings=settings).close()  # creates or upgrades the schema
        self.reader = connect_reader(self.target, settings=settings)

    def write(self, fn: Any) -> Any:
        """``fn(store)`` with the store open for writing (one write at a time in this process)."""
        if self._given is not None:
            return fn(self._given)
        with self._lock:
            if is_postgres_url(self.target):
                if self._writer is None:
                    self._writer = connect(self.target, settings=self.settings)
                return fn(self._writer)
            try:
                store = connect(self.target, settings=self.settings, shared=True)
            except StoreError as exc:
                raise StoreBusy(str(exc)) from None
            try:
                return fn(store)
            finally:
                store.close()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self.owned:
            self.reader.close()


class StoreBusy(StoreError):
    """Another process writes to the store right now (answered 503 with its name)."""

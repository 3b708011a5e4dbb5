"""Store: analyses persisted in DuckDB (default), idempotent by article content hash."""

from barometer.store.duck import DuckStore, open_store

__all__ = ["DuckStore", "open_store"]

"""The batch journal: which source keys of a batch are done or failed, so a killed batch resumes.

Rows of ``batches`` (one per ``barometer ingest`` run, with the arguments it was started with) and
``batch_items`` (source key → done | failed, article id, error) are written in the same transaction
as the articles they speak of (``SQLStore.add_many``), so the journal never claims more or less
than the store holds.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from barometer.errors import StoreError
from barometer.store.explain import disk_full, explain
from barometer.store.schema import now


class Journal:
    """The journal side of ``SQLStore`` (backend hooks and the lock come from the store)."""

    _lock: threading.RLock
    single_writer: bool
    #: batch id → source keys this writer knows are in ``batch_items``.
    _journaled: dict[str, set[str]]

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

    def mark_done(self, batch_id: str, source: str) -> None:
        """Mark ``source`` done in a batch's journal without storing anything (its article was already
        stored, by this batch or an earlier one)."""
        with self._lock:
            self._write(f"could not journal {source}", self._journal_sql, batch_id, {source: ("done", None, None)})
            self._journaled.setdefault(batch_id, set()).add(source)

    def _write(self, what: str, fn: Any, *args: Any) -> Any:
        """Run a write; a backend error becomes a ``StoreError`` (``disk_full`` when it is one)."""
        try:
            return fn(*args)
        except self.backend_error as exc:  # type: ignore[attr-defined]
            raise StoreError(f"{self.path}: {what}: {explain(exc)}",  # type: ignore[attr-defined]
                             disk_full=disk_full(exc)) from None

    def start_batch(self, args: dict[str, Any]) -> str:
        batch_id = uuid.uuid4().hex
        with self._lock:
            self._run("INSERT INTO batches VALUES (?, ?, 'running', ?, NULL)",
                      [batch_id, json.dumps(args, default=str), now()])
            self._journaled[batch_id] = set()
        return batch_id

    def finish_batch(self, batch_id: str) -> None:
        with self._lock:
            self._write("could not mark the batch finished", self._run,
                        "UPDATE batches SET status = 'finished', finished_at = ? WHERE batch_id = ?", [now(), batch_id])

    def interrupt_batch(self, batch_id: str) -> bool:
        """Mark a batch ``interrupted`` (it stopped on a store error; ``--resume`` finishes it). Best
        effort: on a full disk this write may fail too, and the batch then stays ``running``, which
        ``--resume`` takes as well. Returns whether the mark was written."""
        with self._lock:
            try:
                self._run("UPDATE batches SET status = 'interrupted' WHERE batch_id = ?", [batch_id])
                return True
            except self.backend_error:  # type: ignore[attr-defined]
                return False

    def unfinished_batch(self) -> tuple[str, dict[str, Any]] | None:
        """The most recent batch that did not finish (killed: ``running``; stopped on a store error such
        as a full disk: ``interrupted``), with the arguments it was started with."""
        _, rows = self.query("SELECT batch_id, args FROM batches WHERE status IN ('running', 'interrupted') "
                             "ORDER BY started_at DESC LIMIT 1")
        return (rows[0][0], json.loads(rows[0][1])) if rows else None

    def seen_sources(self) -> set[str]:
        """Every source key that some batch has stored or recorded as failed (``barometer watch``)."""
        _, rows = self.query("SELECT DISTINCT source FROM batch_items WHERE status IN ('done', 'failed')")
        return {r[0] for r in rows}

    def journal(self, batch_id: str) -> dict[str, str]:
        """Source key → 'done' or 'failed' for one batch."""
        _, rows = self.query("SELECT source, status FROM batch_items WHERE batch_id = ?", [batch_id])
        return dict(rows)

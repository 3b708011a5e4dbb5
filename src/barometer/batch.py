"""Batch ingestion into the store: resumable, idempotent, never stopped by one bad article.

Why this shape: documents stream from the sources to an executor (this process, local worker
processes, or a Dask cluster) and back, in input order, to ONE writer — this function. Articles are
committed in small groups (``commit_every``, at most ``COMMIT_WAIT`` seconds apart), each article
all-or-nothing and in the same transaction as its journal entry (``batch_items``), so a batch
killed at any point resumes (``resume=True``) by skipping the source keys its journal marks done or
failed, and ends with exactly the store an uninterrupted run would have produced.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from barometer.errors import BarometerError, StoreError
from barometer.ingest.sources import iter_documents, iter_paths, kind_of
from barometer.scale.work import Outcome
from barometer.store.base import SQLStore, ToStore

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline

#: Longest time an analysed article waits for its group's commit (a slow feed still shows up soon).
COMMIT_WAIT = 2.0


class BatchInterrupted(StoreError):
    """The store refused a write that every later one would fail too (a full disk): the batch stops."""


@dataclass
class BatchReport:
    added: int = 0
    skipped: int = 0
    #: (source, error) of every document that failed, each once.
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Sources among ``failed`` whose input was refused (empty, binary, no text…), not lost by a fault.
    refused: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    batch_id: str | None = None
    resumed_from: int = 0  # documents already done when a resumed batch started
    #: The store error that stopped the batch (it is marked ``interrupted``; ``--resume`` finishes it).
    interrupted: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and self.interrupted is None

    @property
    def faults(self) -> list[tuple[str, str]]:
        """Failures that are not refused inputs: crashes, time-outs, dead workers, store errors."""
        return [f for f in self.failed if f[0] not in self.refused]


def _skipper(done: dict[str, str], seen: Callable[[str], bool] | None) -> Callable[[str], bool] | None:
    if not done and seen is None:
        return None
    return lambda key: key in done or (seen is not None and seen(key))


def ingest_paths(paths: list[str | Path], store: SQLStore, *, pipeline: Pipeline | None = None,
                 published: dt.date | None = None, date_from_names: bool = False, outlet_from_names: bool = False,
                 progress: bool = True,
                 batch_size: int | None = None, workers: int = 0, scheduler: Any = None, resume: bool = False,
                 timeout: float | None = None, fetch_links: bool | None = None, commit_every: int | None = None,
                 on_outcome: Callable[[str, str], None] | None = None,
                 seen: Callable[[str], bool] | None = None) -> BatchReport:
    """Analyse ``paths`` into ``store`` with ``pipeline`` (default: the process's default pipeline).

    The pipeline's settings give every default below and travel to the executors: worker processes
    and Dask workers build the same pipeline from them.

    ``workers``: 0 analyses here; N ≥ 1 uses N local worker processes (hard per-article time limit).
    ``scheduler``: a Dask scheduler address (``tcp://host:port``) or a ``distributed.Client``.
    ``resume``: continue the store's last unfinished batch (its paths and options are reused when
    ``paths`` is empty). ``on_outcome(status, source)`` is called after each document is committed.
    ``commit_every``: articles per transaction (1 = one transaction per article).
    ``seen(source)`` true means the source is not read at all (``barometer watch``: done before).
    """
    from barometer.ingest.fetch import Fetcher
    from barometer.pipeline import default_pipeline

    pipeline = pipeline or default_pipeline()
    s = pipeline.settings
    batch_size = batch_size or s.batch_size
    commit_every = max(1, commit_every or s.commit_every)
    timeout = timeout if timeout is not None else s.article_timeout
    report = BatchReport()
    done: dict[str, str] = {}
    if resume:
        found = store.unfinished_batch()
        if found is None:
            raise BarometerError(f"{store.path}: no unfinished batch to resume")
        report.batch_id, args = found
        if args.get("title_line", s.title_line) != s.title_line:  # the same articles as the batch began with
            from barometer.pipeline import pipeline_for

            pipeline = pipeline_for(dataclasses.replace(s, title_line=args["title_line"]))
            s = pipeline.settings
        paths = list(paths) or args["paths"]
        published = published or (dt.date.fromisoformat(args["published"]) if args.get("published") else None)
        date_from_names = date_from_names or bool(args.get("date_from_names"))
        outlet_from_names = outlet_from_names or bool(args.get("outlet_from_names"))
        fetch_links = fetch_links if fetch_links is not None else args.get("fetch_links")
        done = store.journal(report.batch_id)
        report.resumed_from = len(done)
    else:
        report.batch_id = store.start_batch({
            "paths": [str(p) if kind_of(p) == "url" or str(p) == "-" else str(Path(p).resolve()) for p in paths],
            "published": published.isoformat() if published else None, "date_from_names": date_from_names,
            "outlet_from_names": outlet_from_names, "fetch_links": fetch_links, "title_line": s.title_line})
    batch_id = report.batch_id
    read_errors: list[tuple[str, str]] = []
    docs = iter_documents(paths, date_from_names=date_from_names, outlet_from_names=outlet_from_names,
                          errors=read_errors,
                          skip=_skipper(done, seen), fetch_links=fetch_links,
                          fetcher=Fetcher.from_settings(s), max_bytes=s.max_bytes)

    def record_failure(source: str, error: str, refused: bool) -> None:
        """Record a failed document in the store and the report, once (a store error propagates)."""
        store.record_failure(source, error, batch_id=batch_id)
        report.failed.append((source, error))
        if refused:
            report.refused.add(source)
        if on_outcome:
            on_outcome("failed", source)

    def drain_read_errors() -> None:
        while read_errors:
            record_failure(*read_errors[0], True)  # unreadable, too large, not found: the input's fault
            read_errors.pop(0)

    def watched():  # noqa: ANN202 - read errors are recorded as soon as they appear
        yield from docs
        drain_read_errors()

    pool = None
    client = None
    if scheduler is not None:
        from barometer.scale.dask import connect, dask_imap

        client = connect(scheduler) if isinstance(scheduler, str) else scheduler
        results = dask_imap(watched(), client, s, published=published, batch_size=batch_size, timeout=timeout)
    elif workers >= 1:
        from barometer.scale.local import LocalPool

        pool = LocalPool(workers, s, published=published, batch_size=batch_size, timeout=timeout)
        pool.__enter__()
        results = pool.imap(watched())
    else:
        from barometer.scale.inprocess import inprocess_imap

        results = inprocess_imap(watched(), pipeline, published=published, batch_size=batch_size, timeout=timeout,
                                 skip_article=store.has_article)

    pending: list[tuple[ToStore, Outcome]] = []
    oldest = 0.0  # when the oldest pending analysis arrived

    def flush() -> int:
        """Commit the pending analyses in one transaction (see ``SQLStore.add_many``)."""
        if not pending:
            return 0
        results = store.add_many([item for item, _ in pending], batch_id=batch_id)
        full = next((r for r in results if isinstance(r, StoreError) and r.disk_full), None)
        for (item, outcome), result in zip(pending, results, strict=True):
            if isinstance(result, StoreError):
                if not result.disk_full:  # a disk-full article is not a failure: --resume stores it
                    report.failed.append((item.source, str(result)))
                continue
            report.warnings += outcome.warnings
            report.added += result
            report.skipped += not result
            if on_outcome:
                on_outcome("stored" if result else "skipped", item.source)
        n = len(pending)
        pending.clear()
        if full is not None:
            raise BatchInterrupted(str(full), disk_full=True)
        return n

    def consume(advance: Callable[[int], None]) -> None:
        nonlocal oldest
        for raw, outcome in results:
            drain_read_errors()
            try:
                if outcome.error is not None:
                    record_failure(raw.source, outcome.error, outcome.refused)
                    advance(1)
                elif outcome.already_stored:
                    report.skipped += 1
                    if on_outcome:
                        on_outcome("skipped", raw.source)
                    store.mark_done(batch_id, raw.source)
                    advance(1)
                else:
                    if not pending:
                        oldest = time.monotonic()
                    pending.append((ToStore(outcome.analysis, raw.source, outcome.signature), outcome))
            except StoreError as exc:
                if exc.disk_full:
                    raise BatchInterrupted(str(exc), disk_full=True) from None
                report.failed.append((raw.source, str(exc)))
                advance(1)
            if len(pending) >= commit_every or (pending and time.monotonic() - oldest >= COMMIT_WAIT):
                advance(flush())
        advance(flush())
        drain_read_errors()

    try:
        files = list(iter_paths(paths))
        countable = all(kind_of(p) == "doc" for p in files)
        total = len(files) - (len(done) if countable else 0)
        if progress and total > 1:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          transient=False) as bar:
                task = bar.add_task("ingest", total=total if countable else None)
                consume(lambda n: bar.advance(task, n))
        else:
            consume(lambda n: None)
        store.finish_batch(batch_id)
    except StoreError as exc:
        if not exc.disk_full:
            raise
        # Stop at the first write a full disk refused: every later one would fail too. Nothing is lost:
        # what was committed is whole, the rest is not in the journal, and --resume does it.
        report.interrupted = str(exc)
        store.interrupt_batch(batch_id)
    finally:
        if pool is not None:
            pool.close()
        if client is not None and isinstance(scheduler, str):
            client.close()
    return report

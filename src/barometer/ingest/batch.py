"""Batch ingestion into the store: never stops at one bad file, reports failures at the end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from barometer.errors import BarometerError, InputError
from barometer.ingest.sources import iter_documents, iter_paths
from barometer.store import DuckStore


@dataclass
class BatchReport:
    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(paths: list[str | Path], store: DuckStore, *, published: dt.date | None = None,
                 date_from_names: bool = False, progress: bool = True, batch_size: int = 16) -> BatchReport:
    from barometer.pipeline import analyze_many

    report = BatchReport()
    total = sum(1 for _ in iter_paths(paths))
    docs = iter_documents(paths, date_from_names=date_from_names, errors=report.failed)
    results = analyze_many(docs, published, batch_size=batch_size, skip=lambda art: store.has_article(art.id))

    def consume(advance) -> None:  # noqa: ANN001 - progress callback
        for raw, result in results:
            try:
                if result is None:
                    report.skipped += 1
                elif isinstance(result, InputError):
                    report.failed.append((raw.source, str(result)))
                    store.record_failure(raw.source, str(result))
                else:
                    report.warnings += result.warnings
                    if store.add(result, source=raw.source):
                        report.added += 1
                    else:
                        report.skipped += 1
            except BarometerError as exc:
                report.failed.append((raw.source, str(exc)))
            advance()

    if progress and total > 1:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=False) as bar:
            task = bar.add_task("ingest", total=total)
            consume(lambda: bar.advance(task))
    else:
        consume(lambda: None)
    return report

"""``barometer ingest PATH...``: analyse files/directories into the store (idempotent)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyse files or directories into the store")
    p.add_argument("paths", nargs="+", help="files or directories (.txt, .html; directories recursively)")
    p.add_argument("--db", help="store file (default: ./barometer.duckdb or BAROMETER_DB)")
    p.add_argument("--published", type=dt.date.fromisoformat, help="publication date for all inputs")
    p.add_argument("--date-from-name", action="store_true",
                   help="take each file's publication date from its name (2022-01-28… or 20220128T…)")
    p.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from barometer.ingest.batch import ingest_paths
    from barometer.store import open_store

    with open_store(args.db) as store:
        report = ingest_paths(args.paths, store, published=args.published, date_from_names=args.date_from_name,
                              progress=not args.no_progress and sys.stderr.isatty())
        counts = store.counts()
    print(f"ingested {report.added} new article(s), {report.skipped} already stored, "
          f"{len(report.failed)} failed; store holds {counts['articles']} articles, {counts['events']} events")
    for source, error in report.failed:
        print(f"barometer: failed: {error if error.startswith(source) else source + ': ' + error}", file=sys.stderr)
    return 1 if report.failed else 0

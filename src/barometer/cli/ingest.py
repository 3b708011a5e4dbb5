"""``barometer ingest PATH|URL...``: analyse files, directories, feeds, archives into the store.

Resumable (``--resume``), idempotent, parallel (``--workers N``, ``--scheduler tcp://HOST:PORT``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyse files, directories, feeds, WARC archives or JSON Lines into the store")
    p.add_argument("paths", nargs="*",
                   help="files or directories (.txt, .html, .gz, .warc[.gz], .arc, .jsonl, .rss/.atom/.xml; "
                        "directories recursively) or feed URLs (http[s]://…)")
    p.add_argument("--db", help="store: a DuckDB file (default ./barometer.duckdb or BAROMETER_DB) "
                                "or postgresql://user@host:port/dbname")
    p.add_argument("--published", type=dt.date.fromisoformat, help="publication date for all inputs")
    p.add_argument("--date-from-name", action="store_true",
                   help="take each file's publication date from its name (2022-01-28… or 20220128T…)")
    p.add_argument("--outlet-from-name", action="store_true",
                   help="take each file's outlet from its name when it has none: <date>_<OUTLET>_… "
                        "(in the war corpus, 20220219T090000Z_US_en_….txt: the outlet group US)")
    p.add_argument("--resume", action="store_true",
                   help="continue the store's last unfinished (e.g. killed) batch; paths default to its own")
    p.add_argument("--workers", type=int, default=None,
                   help="local worker processes (default BAROMETER_WORKERS=1; 0 = in this process)")
    p.add_argument("--scheduler", help="run on a Dask distributed cluster: tcp://HOST:PORT of its scheduler")
    p.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch / task (default 16)")
    p.add_argument("--commit-every", type=int, default=None,
                   help="articles stored per transaction (default BAROMETER_COMMIT_EVERY=16; 1 = one per article)")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds an article may take before it is recorded as failed (default 120)")
    p.add_argument("--fetch-links", action=argparse.BooleanOptionalAction, default=None,
                   help="fetch the pages feed entries link to (default: yes for feed URLs, no for feed files)")
    p.add_argument("--verbose", "-v", action="store_true", help="print one line per document as it is committed")
    p.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from barometer.batch import ingest_paths
    from barometer.errors import BarometerError
    from barometer.pipeline import Pipeline
    from barometer.store import open_store

    if not args.paths and not args.resume:
        print("barometer: ingest needs PATH(s) or --resume", file=sys.stderr)
        return 2

    def log(status: str, source: str) -> None:
        print(f"{status} {source}", flush=True)

    pipeline = Pipeline.from_settings(args.settings)  # a wrong setting stops here, before any work
    workers = args.workers if args.workers is not None else args.settings.workers
    with open_store(args.db, settings=args.settings, shared=True) as store:
        try:
            report = ingest_paths(args.paths, store, pipeline=pipeline, published=args.published,
                                  date_from_names=args.date_from_name, outlet_from_names=args.outlet_from_name,
                                  progress=not args.no_progress and not args.verbose and sys.stderr.isatty(),
                                  batch_size=args.batch_size, workers=workers, scheduler=args.scheduler,
                                  resume=args.resume, timeout=args.timeout, fetch_links=args.fetch_links,
                                  commit_every=args.commit_every,
                                  on_outcome=log if args.verbose else None)
        except BarometerError as exc:
            print(f"barometer: {exc}", file=sys.stderr)
            return 1
        counts = store.counts()
        stories = store.query("SELECT count(*) FROM stories")[1][0][0]
    resumed = f" (resumed after {report.resumed_from} done)" if args.resume else ""
    print(f"ingested {report.added} new article(s), {report.skipped} already stored, "
          f"{len(report.failed)} failed{resumed}; store holds {counts['articles']} articles in {stories} "
          f"stories, {counts['events']} events")
    for source, error in report.failed:
        print(f"barometer: failed: {error if error.startswith(source) else source + ': ' + error}", file=sys.stderr)
    return 1 if report.failed else 0

"""``barometer ingest PATH|URL...``: analyse files, directories, feeds, archives into the store.

Resumable (``--resume``), idempotent, parallel (``--workers N``, ``--scheduler tcp://HOST:PORT``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from barometer.cli.analyze import add_title_line_argument
from barometer.errors import InputError, one_line
from barometer.ingest.sources import is_url


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
    add_title_line_argument(p)
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
        print(f"{status} {one_line(source)}", flush=True)

    pipeline = Pipeline.from_settings(args.settings)  # a wrong setting stops here, before any work
    missing = [p for p in args.paths if p != "-" and not is_url(p) and not os.path.lexists(p)]
    if missing:  # a typo in a path is a usage error, before any store is opened or batch begun
        raise InputError(f"{missing[0]}: no such file or directory"
                         + (f" (and {len(missing) - 1} more paths)" if len(missing) > 1 else ""))
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
    refused = len(report.failed) - len(report.faults)
    print(f"ingested {report.added} new article(s), {report.skipped} already stored, "
          f"{len(report.faults)} failed, {refused} refused{resumed}; store holds {counts['articles']} articles "
          f"in {stories} stories, {counts['events']} events")
    for source, error in report.failed:
        line = error if error.startswith(one_line(source)) else f"{one_line(source)}: {error}"
        print(f"barometer: {'refused' if source in report.refused else 'failed'}: {one_line(line)}", file=sys.stderr)
    return exit_code(report, sys.stderr)


def exit_code(report, err) -> int:  # noqa: ANN001 - BatchReport, a text stream
    """0: every input stored or skipped as a duplicate; 3: some inputs refused (empty, binary, no text…);
    1: the batch broke (interrupted by a full disk, an article crashed, timed out or lost its worker)."""
    if report.interrupted:
        print(f"barometer: error: batch interrupted: {report.interrupted}; free space and run "
              "'barometer ingest --resume' to finish it", file=err)
        return 1
    if report.faults:
        return 1
    return 3 if report.failed else 0

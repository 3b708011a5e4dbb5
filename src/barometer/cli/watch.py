"""``barometer watch FEED_OR_DIR… [--every 15m]``: follow feeds and folders, ingest what is new,
recompute the alerts, one log line per cycle.

Each cycle is one resumable batch (``batch.py``): feeds are fetched politely (robots.txt, one
request per host per ``host_delay``), folders are listed, and every source that an earlier batch
stored or recorded as failed is skipped before it is read or fetched. A watch killed at any point
(even ``kill -9``) loses nothing and duplicates nothing when started again: its unfinished batch is
resumed first (the journal says which sources it had committed), and articles are keyed by their
content. The store is held for writing only during a cycle, so ``serve`` and the CLI's reads go on
throughout, and between cycles another writer may run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def interval(text: str) -> float:
    """``15m``, ``30s``, ``1h``, ``90`` (seconds) → seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text or "")
    if not m or float(m[1]) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an interval such as 30s, 15m or 1h")
    return float(m[1]) * _UNITS[m[2] or "s"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help="follow feeds and folders: ingest what is new, recompute the alerts, repeat")
    p.add_argument("paths", nargs="+", metavar="FEED_OR_DIR", help="feed URLs (http[s]://…), feed files, folders, files")
    p.add_argument("--every", type=interval, default=interval("15m"), help="time between cycles (default 15m)")
    p.add_argument("--cycles", type=int, default=0, help="stop after this many cycles (default 0: run until stopped)")
    p.add_argument("--db", help="store: a DuckDB file (default ./barometer.duckdb or BAROMETER_DB) "
                                "or postgresql://user@host:port/dbname")
    p.add_argument("--date-from-name", action="store_true", help="as for ingest")
    p.add_argument("--outlet-from-name", action="store_true", help="as for ingest")
    p.add_argument("--workers", type=int, default=0, help="local worker processes (default 0: in this process)")
    p.add_argument("--commit-every", type=int, default=None, help="articles per transaction (default 16)")
    p.set_defaults(func=run)


def _paths(paths: list[str]) -> list[str]:
    from barometer.ingest.sources import is_url

    return [p if is_url(p) or p == "-" else str(Path(p).resolve()) for p in paths]


def run(args: argparse.Namespace) -> int:
    from barometer.analytics.alerts import find_alerts
    from barometer.analytics.scope import Scope
    from barometer.batch import ingest_paths
    from barometer.pipeline import Pipeline
    from barometer.store import open_store

    s = args.settings
    pipeline = Pipeline.from_settings(s)  # a wrong setting stops here, before any work
    paths = _paths(args.paths)
    scope = Scope(min_confidence=s.min_confidence)

    def alerts(store) -> dict[tuple, str]:  # noqa: ANN001 - SQLStore
        found = find_alerts(store, scope=scope, min_stories=s.alert_min_stories, min_outlets=s.alert_min_outlets)
        return {(a.a, a.b, a.period, a.method): a.message for a in found}

    cycle, known = 0, None
    while True:
        cycle += 1
        started = time.monotonic()
        with open_store(args.db, settings=s, shared=True) as store:
            if known is None:
                known = alerts(store)
            found = store.unfinished_batch()
            resume = found is not None and found[1].get("paths") == paths
            seen = store.seen_sources()
            report = ingest_paths([] if resume else paths, store, pipeline=pipeline, resume=resume, progress=False,
                                  date_from_names=args.date_from_name, outlet_from_names=args.outlet_from_name,
                                  workers=args.workers, commit_every=args.commit_every,
                                  seen=seen.__contains__)
            now = alerts(store)
            counts = store.counts()
        fresh = [msg for key, msg in now.items() if key not in known]
        known = now
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = (f"watch: cycle {cycle} {stamp}: {report.added} new article(s), {report.skipped} already stored, "
                f"{len(report.failed)} failed{' (resumed a killed cycle)' if resume else ''}; store holds "
                f"{counts['articles']} articles, {counts['events']} events; {len(now)} alert(s), "
                f"{len(fresh)} new{': ' + ' | '.join(fresh) if fresh else ''}; {time.monotonic() - started:.1f} s")
        print(line, flush=True)
        for source, error in report.failed:
            print(f"barometer: failed: {error if error.startswith(source) else source + ': ' + error}",
                  file=sys.stderr, flush=True)
        if args.cycles and cycle >= args.cycles:
            return 0
        time.sleep(args.every)

"""``barometer events``: query coded events in the store."""

from __future__ import annotations

import argparse
import datetime as dt

from barometer.cli.analytics import add_scope_arguments, scope_of
from barometer.render import write_rows


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("events", help="list coded events from the store")
    p.add_argument("--db", help="store file (default: ./barometer.duckdb or BAROMETER_DB)")
    p.add_argument("--actor", help="actor code or ISO3 country (source or target), e.g. RUS, USAGOV, NATO")
    p.add_argument("--type", help="PLOVER event type, e.g. MOBILIZE")
    p.add_argument("--status", help="asserted, announced, conditional, requested, denied, negated, reported")
    p.add_argument("--since", type=dt.date.fromisoformat, help="first date YYYY-MM-DD (event date, else publication)")
    p.add_argument("--until", type=dt.date.fromisoformat, help="last date YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=None, help="at most this many events")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    add_scope_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from barometer.cli import checks
    from barometer.store import open_reader

    scope = scope_of(args)
    with open_reader(args.db, settings=args.settings) as store:
        cols, rows = store.events(actor=checks.actor_code(store, args.actor), type=checks.event_type(args.type),
                                  status=checks.status(args.status), since=args.since, until=args.until,
                                  limit=args.limit, min_confidence=scope.min_confidence or None,
                                  historical=scope.historical)
    if args.format == "table":
        keep = ["date", "type", "source", "target", "status", "cameo", "rule", "evidence"]
        idx = [cols.index(c) for c in keep]
        rows = [[r[i] if c != "evidence" else (r[i] or "")[:80] for i, c in zip(idx, keep, strict=True)] for r in rows]
        cols = keep
    write_rows(cols, rows, args.format, title=f"{len(rows)} event(s)")
    return 0

"""``barometer dyad``, ``barometer alerts``, ``barometer export``: analytics over the store."""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="store file (default: ./barometer.duckdb or BAROMETER_DB)")
    p.add_argument("--since", type=dt.date.fromisoformat, help="first date YYYY-MM-DD")
    p.add_argument("--until", type=dt.date.fromisoformat, help="last date YYYY-MM-DD")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dyad", help="time series of one actor pair (counts, Goldstein, escalation index)")
    p.add_argument("a", help="first actor: ISO3 country or code, e.g. RUS")
    p.add_argument("b", help="second actor, e.g. UKR")
    p.add_argument("--by", choices=["day", "week", "month"], default="week")
    p.add_argument("--undirected", action="store_true", help="count both directions (A→B and B→A)")
    p.add_argument("--plot", metavar="PNG", help="also write the series as a PNG chart")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _common(p)
    p.set_defaults(func=run_dyad)

    p = sub.add_parser("alerts", help="dyads whose intensity spikes above their own recent baseline")
    p.add_argument("--by", choices=["day", "week", "month"], default="week")
    p.add_argument("--window", type=int, default=8, help="baseline length in periods (default 8)")
    p.add_argument("--threshold", type=float, default=3.0, help="z-score that fires an alert (default 3.0)")
    p.add_argument("--min-sigma", type=float, default=0.25, help="noise floor for the baseline deviation")
    p.add_argument("--min-events", type=int, default=2, help="done events needed in the period (default 2)")
    p.add_argument("--min-periods", type=int, default=3, help="baseline periods needed (default 3)")
    p.add_argument("--metric", choices=["conflict", "escalation"], default="conflict")
    p.add_argument("--undirected", action="store_true")
    p.add_argument("--actor", help="only dyads involving this actor key, e.g. RUS")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _common(p)
    p.set_defaults(func=run_alerts)

    p = sub.add_parser("export", help="export coded events (csv, parquet, jsonl, gdelt-like TSV)")
    p.add_argument("--format", choices=["csv", "parquet", "gdelt", "jsonl"], default="csv")
    p.add_argument("--output", "-o", help="output file (default: standard output; required for parquet)")
    p.add_argument("--actor", help="actor code or ISO3 country (source or target)")
    p.add_argument("--type", help="PLOVER event type")
    p.add_argument("--status", help="event status")
    _common(p)
    p.set_defaults(func=run_export)


def run_dyad(args: argparse.Namespace) -> int:
    from barometer.analytics.series import dyad_series
    from barometer.cli import checks
    from barometer.render import write_rows
    from barometer.store import open_store

    with open_store(args.db, settings=args.settings) as store:
        s = dyad_series(store, checks.actor_code(store, args.a), checks.actor_code(store, args.b), by=args.by, directed=not args.undirected, since=args.since,
                        until=args.until)
    cols = ["label", "articles", "events", "threats", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean",
            "conflict_intensity", "escalation_index", "threat_intensity"]
    rows = [[r[c] for c in cols] for r in s.rows]
    if args.format == "json":
        import json

        print(json.dumps(s.as_json(), ensure_ascii=False, indent=2))
    else:
        write_rows(cols, rows, args.format, title=f"{s.label} by {args.by} (done = asserted/reported)")
    if args.plot:
        from barometer.analytics.plot import plot_series

        out = plot_series(s, args.plot)
        print(f"wrote {out}", file=sys.stderr)
    return 0


def run_alerts(args: argparse.Namespace) -> int:
    from barometer.analytics.alerts import find_alerts
    from barometer.cli import checks
    from barometer.render import write_rows
    from barometer.store import open_store

    with open_store(args.db, settings=args.settings) as store:
        args.actor = checks.actor_code(store, args.actor)
        alerts = find_alerts(store, by=args.by, window=args.window, threshold=args.threshold,
                             min_sigma=args.min_sigma, min_events=args.min_events, min_periods=args.min_periods,
                             metric=args.metric, directed=not args.undirected, actor=args.actor,
                             since=args.since, until=args.until)
    if args.format == "table":
        for a in alerts:
            print(a.message)
        print(f"{len(alerts)} alert(s)", file=sys.stderr)
        return 0
    cols = ["a", "b", "label", "metric", "value", "baseline_mean", "baseline_sd", "z", "events", "articles",
            "message"]
    write_rows(cols, [[a.as_json()[c] for c in cols] for a in alerts], args.format)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from barometer.analytics.export import export
    from barometer.cli import checks
    from barometer.store import open_store

    with open_store(args.db, settings=args.settings) as store:
        n = export(store, args.format, args.output, actor=checks.actor_code(store, args.actor),
                   type=checks.event_type(args.type), status=checks.status(args.status), since=args.since,
                   until=args.until)
    print(f"exported {n} event(s){' to ' + args.output if args.output else ''}", file=sys.stderr)
    return 0

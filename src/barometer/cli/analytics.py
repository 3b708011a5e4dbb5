"""``barometer dyad``, ``barometer alerts``, ``barometer export``: analytics over the store (read-only).

Every command takes the same event scope (``--min-confidence``, ``--historical``) and time axis
(event date, else publication date) as the API and the dashboard (``analytics/scope.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="store: a DuckDB file (default: ./barometer.duckdb or BAROMETER_DB) "
                                "or postgresql://user@host:port/dbname")
    p.add_argument("--since", type=dt.date.fromisoformat, help="first date YYYY-MM-DD (event date, else publication)")
    p.add_argument("--until", type=dt.date.fromisoformat, help="last date YYYY-MM-DD")
    add_scope_arguments(p)


def add_scope_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-confidence", type=float, default=None,
                   help="leave out events under this confidence (default: setting min_confidence, 0.3)")
    p.add_argument("--historical", action="store_true",
                   help="count historical events (background a month or more before the article) at their own date")


def scope_of(args: argparse.Namespace):  # noqa: ANN201 - barometer.analytics.scope.Scope
    from barometer.analytics.scope import Scope

    conf = args.min_confidence if args.min_confidence is not None else args.settings.min_confidence
    return Scope(min_confidence=conf, historical=args.historical)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dyad", help="time series of one actor pair (counts, Goldstein, escalation index)")
    p.add_argument("a", help="first actor: ISO3 country or code, e.g. RUS")
    p.add_argument("b", help="second actor, e.g. UKR")
    p.add_argument("--by", choices=["day", "week", "month"], default="week")
    p.add_argument("--undirected", action="store_true", help="count both directions (A→B and B→A)")
    p.add_argument("--plot", metavar="PNG", help="also write the series as a PNG chart, its alerts labelled")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _common(p)
    p.set_defaults(func=run_dyad)

    p = sub.add_parser("alerts", help="dyads whose conflict rises above their own recent baseline, on several stories")
    p.add_argument("--by", choices=["day", "week", "month"], default="week")
    p.add_argument("--method", choices=["sigma", "poisson", "cusum"], default="sigma",
                   help="change test (default sigma; docs/analytics.md compares them)")
    p.add_argument("--window", type=int, default=8, help="baseline length in periods (default 8)")
    p.add_argument("--threshold", type=float, default=None,
                   help="score that fires an alert (default: sigma 3, poisson 3 = p ≤ 0.001, cusum 4)")
    p.add_argument("--min-sigma", type=float, default=0.25, help="noise floor for the baseline deviation")
    p.add_argument("--min-events", type=int, default=2, help="done events needed in the period (default 2)")
    p.add_argument("--min-stories", type=int, default=None,
                   help="distinct stories needed in the period (default: setting alert_min_stories, 3)")
    p.add_argument("--min-outlets", type=int, default=None,
                   help="distinct outlets those stories come from (default: setting alert_min_outlets, 2)")
    p.add_argument("--min-periods", type=int, default=3, help="baseline periods needed (default 3)")
    p.add_argument("--metric", choices=["conflict", "escalation"], default="conflict")
    p.add_argument("--undirected", action="store_true")
    p.add_argument("--actor", help="only dyads involving this actor key, e.g. RUS")
    p.add_argument("--evidence", action="store_true", help="under each alert, list its stories and top events")
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


def alert_options(args: argparse.Namespace) -> dict:
    s = args.settings
    return {"by": args.by, "window": args.window, "threshold": args.threshold, "min_sigma": args.min_sigma,
            "min_events": args.min_events, "min_periods": args.min_periods, "metric": args.metric,
            "method": args.method, "directed": not args.undirected,
            "min_stories": s.alert_min_stories if args.min_stories is None else args.min_stories,
            "min_outlets": s.alert_min_outlets if args.min_outlets is None else args.min_outlets}


def run_dyad(args: argparse.Namespace) -> int:
    from barometer.analytics.alerts import find_alerts
    from barometer.analytics.series import dyad_series
    from barometer.cli import checks
    from barometer.render import write_rows
    from barometer.store import open_reader

    scope = scope_of(args)
    with open_reader(args.db, settings=args.settings) as store:
        s = dyad_series(store, checks.actor_code(store, args.a), checks.actor_code(store, args.b), by=args.by, directed=not args.undirected, since=args.since,
                        until=args.until, scope=scope)
        alerts = []
        if args.plot:
            mine = find_alerts(store, by=args.by, directed=not args.undirected, actor=s.a, scope=scope,
                               since=args.since, until=args.until, min_stories=args.settings.alert_min_stories,
                               min_outlets=args.settings.alert_min_outlets)
            alerts = [x for x in mine if {x.a, x.b} == {s.a, s.b} and (not x.directed or x.a == s.a)]
    cols = ["label", "articles", "events", "threats", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean",
            "conflict_intensity", "escalation_index", "threat_intensity"]
    rows = [[r[c] for c in cols] for r in s.rows]
    if args.format == "json":
        import json

        print(json.dumps(s.as_json(), ensure_ascii=False, indent=2))
    else:
        write_rows(cols, rows, args.format, title=f"{s.label} by {args.by} (event date; done = asserted; "
                                                  f"articles = stories about the period)")
    if args.plot:
        from barometer.analytics.plot import plot_series

        out = plot_series(s, args.plot, alerts=alerts)
        print(f"wrote {out}", file=sys.stderr)
    return 0


def run_alerts(args: argparse.Namespace) -> int:
    from barometer.analytics.alerts import find_alerts
    from barometer.cli import checks
    from barometer.render import write_rows
    from barometer.store import open_reader

    with open_reader(args.db, settings=args.settings) as store:
        args.actor = checks.actor_code(store, args.actor)
        alerts = find_alerts(store, actor=args.actor, since=args.since, until=args.until, scope=scope_of(args),
                             **alert_options(args))
    if args.format == "json":
        import json

        print(json.dumps([a.as_json() for a in alerts], ensure_ascii=False, indent=2))
        return 0
    if args.format == "table":
        for a in alerts:
            print(a.message)
            if args.evidence:
                for st in a.evidence:
                    print(f"    {st['published']} {st['outlet'] or st['url'] or '?'}: {st['title'] or '(untitled)'} "
                          f"[{st['article_id'][:12]}]")
                    for e in st["events"]:
                        print(f"        {e['type']} {e['source']}→{e['target']} {e['event_id']}: "
                              f"{(e['evidence'] or '')[:100]}")
        print(f"{len(alerts)} alert(s)", file=sys.stderr)
        return 0
    cols = ["a", "b", "label", "metric", "method", "value", "baseline_mean", "baseline_sd", "score", "z", "p_value",
            "events", "stories", "outlets", "articles", "message"]
    write_rows(cols, [[a.as_json()[c] for c in cols] for a in alerts], args.format)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from barometer.analytics.export import export
    from barometer.cli import checks
    from barometer.store import open_reader

    scope = scope_of(args)
    with open_reader(args.db, settings=args.settings) as store:
        n = export(store, args.format, args.output, actor=checks.actor_code(store, args.actor),
                   type=checks.event_type(args.type), status=checks.status(args.status), since=args.since,
                   until=args.until, min_confidence=scope.min_confidence or None, historical=scope.historical)
    print(f"exported {n} event(s){' to ' + args.output if args.output else ''}", file=sys.stderr)
    return 0

"""``barometer demo``: ingest the bundled sample articles, show events per actor pair, then serve the dashboard.

Serving blocks until Ctrl-C; ``--no-serve`` stops after the table (tests and CI use it).
"""

from __future__ import annotations

import argparse
from importlib import resources


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="analyse the bundled sample articles into the store and show the results")
    p.add_argument("--db", help="store file (default: ./barometer.duckdb or BAROMETER_DB)")
    p.add_argument("--no-serve", action="store_true", help="stop after the table instead of serving the dashboard")
    p.add_argument("--host", help="address to bind (default: setting api_host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: setting api_port, 8000)")
    p.set_defaults(func=run)


def sample_paths() -> list[str]:
    root = resources.files("barometer.samples")
    return sorted(str(p) for p in root.iterdir() if p.name.endswith(".txt"))


def run(args: argparse.Namespace) -> int:
    from barometer.batch import ingest_paths
    from barometer.pipeline import Pipeline
    from barometer.render import console, print_table
    from barometer.store import open_store

    pipeline = Pipeline.from_settings(args.settings)
    with open_store(args.db, settings=args.settings, shared=True) as store:
        report = ingest_paths(sample_paths(), store, pipeline=pipeline, date_from_names=True, progress=False)
        console().print(f"[bold]Barometer demo[/bold]: {report.added} sample article(s) analysed, "
                        f"{report.skipped} already in {store.path}")
        _, rows = store.query(
            "SELECT coalesce(source_code, '?') AS source, coalesce(target_code, '?') AS target, type, status, "
            "count(*) AS n, round(sum(goldstein), 1) AS goldstein, min(date) AS first, max(date) AS last "
            "FROM events GROUP BY ALL ORDER BY n DESC, source, target, type")
        print_table("Events per actor pair", ["source", "target", "type", "status", "events", "Goldstein sum",
                                              "first", "last"], rows)
        counts = store.counts()
    console().print(f"store: {counts['articles']} articles, {counts['events']} events, {counts['quotes']} quotes. "
                    "Try: barometer events --actor RUS")
    if not args.no_serve:
        from barometer.cli.serve import serve

        s = args.settings
        # The store is closed above; serving reopens the same file read-write for the API.
        serve(pipeline, db=store.path, host=args.host or s.api_host, port=args.port or s.api_port)
    return 0 if report.ok else 1

"""``barometer serve``: the REST API and the web dashboard in one process (uvicorn)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the REST API and the web dashboard")
    p.add_argument("--db", help="store: a DuckDB file (default: ./barometer.duckdb or BAROMETER_DB) "
                                "or postgresql://user@host:port/dbname")
    p.add_argument("--host", help="address to bind (default: setting api_host, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default: setting api_port, 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from barometer.pipeline import Pipeline

    s = args.settings
    serve(Pipeline.from_settings(s), db=args.db or s.db, host=args.host or s.api_host, port=args.port or s.api_port)
    return 0


def serve(pipeline: Any, *, db: str | None = None, host: str, port: int, store: Any = None) -> None:
    """Run the app of ``pipeline`` (its settings and stages) until interrupted; prints the dashboard URL first."""
    import uvicorn

    from barometer.api.app import create_app

    settings = pipeline.settings
    app = create_app(db, store=store, pipeline=pipeline)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"barometer: warning: serving on {host}, reachable from other machines"
              f"{'' if settings.api_read_requires_token else ' (read endpoints are public)'}", file=sys.stderr)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"Barometer dashboard: http://{shown}:{port}/   (API docs: http://{shown}:{port}/docs; Ctrl-C stops)",
          flush=True)
    from barometer.api.server import uvicorn_options

    uvicorn.run(app, host=host, port=port, **uvicorn_options(settings))

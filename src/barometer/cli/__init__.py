"""The ``barometer`` command: a thin layer over the Python API.

Each command lives in its own module of this package and defines ``register(subparsers)``;
the module list below is the table of contents. Exit codes: 0 ok, 1 failure in a batch,
2 bad input or usage.

``main`` is the entry point: it reads the settings once (defaults, then ``BAROMETER_*`` variables)
and hands them to the command as ``args.settings``; no command reads the environment itself.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from barometer.errors import BarometerError, InputError

#: Command modules, in the order ``barometer --help`` lists them.
COMMAND_MODULES = ["analyze", "actors", "quotes", "ingest", "watch", "query", "eval", "analytics", "serve", "schema",
                   "demo"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="barometer",
                                     description="Reads the news and measures the pressure in a crisis.")
    from barometer.version import __version__

    parser.add_argument("--version", action="version", version=f"barometer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"barometer.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"barometer.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from barometer.settings import Settings

    try:
        args.settings = Settings.from_env(title_line=getattr(args, "title_line", None))
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"barometer: error: {exc}", file=sys.stderr)
        return 2
    except BarometerError as exc:
        print(f"barometer: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("barometer: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

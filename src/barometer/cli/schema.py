"""``barometer schema``: print the JSON Schema of the analysis contract."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of an analysis (barometer/analysis@2)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from barometer.model import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0

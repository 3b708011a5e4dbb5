"""Terminal rendering shared by the CLI commands and the evaluations (rich tables, CSV and JSON rows).

A leaf module: `barometer eval` tasks print with it without importing the CLI that runs them."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, soft_wrap=False, width=max(120, Console().width))


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console().print(table)


def write_rows(columns: Sequence[str], rows: list[Sequence[Any]], fmt: str, title: str = "") -> None:
    """Print rows as a rich table, CSV or JSON records."""
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
    elif fmt == "json":
        print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, ensure_ascii=False,
                         indent=2))
    else:
        print_table(title, columns, rows)

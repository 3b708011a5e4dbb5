"""``barometer eval TASK ...``: score a stage against public gold sets.

Each task lives in its own module exposing ``add_arguments(parser)`` and ``run(args) -> int``;
modules are imported only when their task runs, so a missing task does not break the CLI.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: Task name -> module path.
TASKS: dict[str, str] = {
    "events": "barometer.eval.events",
    "actors": "barometer.eval.actors",
    "quotes": "barometer.eval.quotes",
    "times": "barometer.eval.times",
    "extraction": "barometer.eval.extraction",
}


def _load(task: str):  # noqa: ANN202 - module
    try:
        return importlib.import_module(TASKS[task])
    except ModuleNotFoundError as exc:
        if exc.name == TASKS[task]:
            return None
        raise


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score a stage against public gold sets (events, actors, quotes, times, extraction)")
    tasks = p.add_subparsers(dest="task", metavar="TASK")
    tasks.required = True
    for name, module_path in TASKS.items():
        tp = tasks.add_parser(name, help=f"evaluate {name} ({module_path})")
        module = _load(name)
        if module is not None:
            module.add_arguments(tp)
        else:
            tp.add_argument("rest", nargs=argparse.REMAINDER)
        tp.set_defaults(func=run, task=name)


def run(args: argparse.Namespace) -> int:
    module = _load(args.task)
    if module is None:
        print(f"barometer: error: evaluation task {args.task!r} is not installed "
              f"(module {TASKS[args.task]} not found)", file=sys.stderr)
        return 2
    return int(module.run(args) or 0)

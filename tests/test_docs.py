"""Documented settings and commands: a setting or command missing from docs/ is a failure."""

from __future__ import annotations

from pathlib import Path

from barometer.cli import build_parser
from barometer.settings import setting_names

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented():
    text = (DOCS / "settings.md").read_text("utf-8")
    missing = [n for n in setting_names() if f"`{n}`" not in text or f"BAROMETER_{n.upper()}" not in text]
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_every_cli_command_is_documented():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    text = "\n".join(p.read_text("utf-8") for p in DOCS.glob("*.md"))
    missing = [name for name in sub.choices if f"barometer {name}" not in text]
    assert not missing, f"commands missing from docs/: {missing}"


def test_every_cli_subcommand_is_documented():
    import argparse

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    text = "\n".join(p.read_text("utf-8") for p in DOCS.glob("*.md"))
    missing = []
    for name, command in sub.choices.items():
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing += [f"barometer {name} {child}" for child in action.choices
                            if f"barometer {name} {child}" not in text]
    assert not missing, f"subcommands missing from docs/: {missing}"

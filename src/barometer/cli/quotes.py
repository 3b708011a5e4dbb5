"""``barometer quotes FILE``: who said what in one article, as a table (or JSON)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quotes", help="list the quotations of one article and who said them")
    p.add_argument("path", help="a .txt or .html file, or - for standard input")
    p.add_argument("--published", help="publication date YYYY-MM-DD")
    p.add_argument("--title", help="article title (text input: the first line is the title by default)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=run)


def rows(analysis) -> list[tuple]:  # noqa: ANN001 - Analysis
    """One row per quote: speaker name and country resolved through the analysis' actors."""
    out = []
    for q in analysis.quotes:
        actor = analysis.actor(q.speaker)
        who = actor.name if actor else (q.speaker_text or "?")
        if actor is not None and q.speaker_text and q.speaker_text != actor.name:
            who = f"{actor.name} ({q.speaker_text})"
        reporter = analysis.actor(q.reported_by)
        via = reporter.name if reporter else q.reported_by_text
        out.append((q.id, who, actor.country if actor else None, q.kind, q.cue, via, q.text))
    return out


def run(args: argparse.Namespace) -> int:
    from barometer.ingest import read_path
    from barometer.pipeline import analyze_raw

    analysis = analyze_raw(read_path(args.path), args.published, title=args.title)
    for w in analysis.warnings:
        print(f"barometer: warning: {w}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps([q.model_dump(mode="json") for q in analysis.quotes], ensure_ascii=False, indent=2))
        return 0
    from barometer.cli.render import print_table

    print_table("Quotes", ["id", "speaker", "country", "kind", "cue", "via", "text"], rows(analysis))
    return 0

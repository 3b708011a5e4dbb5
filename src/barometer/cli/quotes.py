"""``barometer quotes FILE``: who said what in one article, as a table (or JSON)."""

from __future__ import annotations

import argparse
import json

from barometer.cli.analyze import add_article_arguments, analyze_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quotes", help="list the quotations of one article and who said them")
    add_article_arguments(p)
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
    analysis = analyze_file(args)
    if args.format == "json":
        print(json.dumps([q.model_dump(mode="json") for q in analysis.quotes], ensure_ascii=False, indent=2))
        return 0
    from barometer.render import print_table

    print_table("Quotes", ["id", "speaker", "country", "kind", "cue", "via", "text"], rows(analysis))
    return 0

"""``barometer analyze PATH``: analyse one .txt/.html file (or - for stdin) and print the result."""

from __future__ import annotations

import argparse
import sys

from barometer.render import console, print_table


def add_article_arguments(p: argparse.ArgumentParser) -> None:
    """The one-article input shared by ``analyze`` and ``quotes``: PATH, --published, --title, --format."""
    p.add_argument("path", help="a .txt or .html file, or - for standard input")
    p.add_argument("--published", help="publication date YYYY-MM-DD (relative dates resolve against it)")
    p.add_argument("--title", help="article title (text input: then the first line is text)")
    add_title_line_argument(p)
    p.add_argument("--format", choices=["table", "json"], default="table")


def add_title_line_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title-line", choices=["auto", "yes", "no"], default=None,
                   help="whether a text input's first line is its title: auto (default, setting title_line: "
                        "a short line that does not end like a sentence), yes or no")


def analyze_file(args: argparse.Namespace):  # noqa: ANN201 - Analysis
    """Read and analyse ``args.path`` with the pipeline of ``args.settings``; warnings go to stderr.

    The pipeline is built (and its settings checked) before the file is read.
    """
    from barometer.ingest import read_path
    from barometer.pipeline import Pipeline

    pipeline = Pipeline.from_settings(args.settings)
    raw = read_path(args.path, max_bytes=args.settings.max_bytes)
    analysis = pipeline.analyze_raw(raw, args.published, title=args.title)
    for w in analysis.warnings:
        print(f"barometer: warning: {w}", file=sys.stderr)
    return analysis


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyse one article file (.txt or .html, - for stdin)")
    add_article_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    analysis = analyze_file(args)
    if args.format == "json":
        print(analysis.to_json())
        return 0
    show(analysis)
    return 0


def show(analysis) -> None:  # noqa: ANN001 - Analysis
    a = analysis.article
    console().print(f"[bold]{a.title or '(untitled)'}[/bold]  published={a.published}  outlet={a.outlet}  "
                    f"wire={','.join(a.wire) or '-'}  language={a.language}  id={a.id[:12]}")
    names = {x.id: x.code or x.name for x in analysis.actors}
    print_table("Actors", ["id", "name", "kind", "code", "country", "role", "mentions"],
                [(x.id, x.name, x.kind, x.code, x.country, x.role, len(x.mentions)) for x in analysis.actors])
    print_table("Events", ["type", "source", "target", "status", "date", "cameo", "rule", "evidence"],
                [(e.type, names.get(e.source, e.source), names.get(e.target, e.target), e.status, e.date, e.cameo,
                  e.rule, e.evidence.text[:90]) for e in analysis.events])
    print_table("Quotes", ["kind", "speaker", "cue", "text"],
                [(q.kind, names.get(q.speaker, q.speaker_text), q.cue, q.text[:90]) for q in analysis.quotes])
    print_table("Times", ["text", "value", "granularity"], [(t.text, t.value, t.granularity) for t in analysis.times])
    print_table("Amounts", ["text", "value", "what", "actor"],
                [(m.text, m.value, m.what, m.actor) for m in analysis.amounts])
    print_table("Places", ["text", "name", "country", "lat", "lon"],
                [(p.text, p.name, p.country, p.lat, p.lon) for p in analysis.places])

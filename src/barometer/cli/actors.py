"""``barometer actors TEXT_OR_FILE [--date YYYY-MM-DD]``: show how each actor mention was resolved.

Why a separate command: checking the knowledge base ("who is 'the British Prime Minister' on
2022-11-01?") should not need the whole pipeline. Prints one row per mention: the text, the actor
id, its CAMEO-style code, country, role on the date, the rule that fired and the confidence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from barometer.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("actors", help="resolve the actors in a text or file as of a date")
    p.add_argument("text", metavar="TEXT_OR_FILE", help="a .txt/.html file, - for stdin, or the text itself")
    p.add_argument("--date", help="article date YYYY-MM-DD (default: the file's date if found, else today)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=run)


#: An ISO date anywhere in a file name, between non-digits: "france24-2022-01-28-ukraine.txt".
NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)")


def date_in_name(path: str) -> dt.date | None:
    """The date a file name starts with (as ``barometer ingest`` reads it: 2022-01-28..., 20220125T...),
    else the last valid YYYY-MM-DD inside it (None when there is none)."""
    from barometer.ingest.sources import date_from_name

    found = date_from_name(path)
    if found is not None:
        return found
    for m in reversed(list(NAME_DATE.finditer(Path(path).name))):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date {value!r} is not YYYY-MM-DD") from None


def _is_file(arg: str) -> bool:
    """Whether arg names a file; a sentence longer than a file name may be is text (OSError: name too long)."""
    try:
        return Path(arg).is_file()
    except OSError:
        return False


def _article(arg: str, date: dt.date | None, pipeline):  # noqa: ANN001, ANN202 - Pipeline -> Article
    from barometer.ingest import read_path

    is_file = arg == "-" or (len(arg) < 4096 and "\n" not in arg and _is_file(arg))
    if is_file:
        article = pipeline.clean(read_path(arg, max_bytes=pipeline.settings.max_bytes), date).article
        if article.published is None and arg != "-":
            # no --date and none in the document: a dated file name ("france24-2022-01-28-ukraine.txt")
            found = date_in_name(arg)
            if found is not None:
                article = article.model_copy(update={"published": found})
        return article
    from barometer.model import Article

    raw = pipeline.to_raw(arg)  # validates size/emptiness
    return Article(id="cli", text=raw.text, published=date or dt.date.today())


def rows_for(article, pipeline) -> list[tuple]:  # noqa: ANN001 - Article, Pipeline
    """(mention, actor id, name, code, country, role, rule, confidence) for each resolved mention
    (the configured actor stage, alone)."""
    layer = pipeline.run_layers(pipeline.nlp(article.text), article, only=("actors",)).actors
    rows = []
    for m in layer.mentions:
        a = layer.by_id(m.actor_id)
        rows.append((article.text[m.start:m.end], m.start, m.actor_id, a.name if a else "", a.code if a else None,
                     a.country if a else None, a.role if a else None, m.rule, m.confidence))
    return rows


def run(args: argparse.Namespace) -> int:
    from barometer.pipeline import Pipeline
    from barometer.render import write_rows

    pipeline = Pipeline.from_settings(args.settings)
    article = _article(args.text, _date(args.date), pipeline)
    if article.published is None:
        article = article.model_copy(update={"published": dt.date.today()})
    print(f"actors as of {article.published}", file=sys.stderr)
    columns = ["mention", "start", "actor", "name", "code", "country", "role", "rule", "confidence"]
    write_rows(columns, rows_for(article, pipeline), args.format, title=f"Actors as of {article.published}")
    return 0

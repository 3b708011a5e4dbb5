"""JSON Lines input: one article per line, ``{"text"|"html": ..., "url", "published", "outlet", "title"}``.

Why: dumps from news APIs and scrapers come as JSON Lines. A bad line is a failure of that line
(source key ``file#L<n>``), never of the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator

from barometer.errors import InputError
from barometer.ingest.raw import RawDocument


def _date(value: object, key: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"published {value!r} is not an ISO date", source=key) from None


def parse_record(obj: object, key: str) -> RawDocument:
    if not isinstance(obj, dict):
        raise InputError("line is not a JSON object", source=key)
    html, text = obj.get("html"), obj.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise InputError("record has neither 'text' nor 'html'", source=key)
    return RawDocument(text=body, media_type="html" if body is html else "text", source=key,
                       url=obj.get("url"), outlet=obj.get("outlet"), title=obj.get("title"),
                       published=_date(obj.get("published"), key))


def iter_jsonl(lines: Iterable[str], source: str, *, skip: Callable[[str], bool] | None = None,
               errors: list[tuple[str, str]] | None = None) -> Iterator[RawDocument]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        key = f"{source}#L{n}"
        if skip is not None and skip(key):
            continue
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}", source=key) from None
            yield parse_record(obj, key)
        except InputError as exc:
            if errors is None:
                raise
            errors.append((key, str(exc)))

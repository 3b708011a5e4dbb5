"""JSON Lines input: one article per line, ``{"text"|"html": ..., "url", "published", "outlet", "title"}``.

Why: dumps from news APIs and scrapers come as JSON Lines. A bad line is a failure of that line
(source key ``file#L<n>``), never of the file. Lines are read with a bound (``bounded_lines``): a
dump with one 2 GB line must not be pulled into memory to find out that it is too big.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from barometer.errors import InputError, InputTooLargeError
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


#: Characters read at a time while skipping the rest of an over-long line.
_CHUNK = 1 << 16


def bounded_lines(fh: IO[str], limit: int) -> Iterator[str | None]:
    """The lines of ``fh``, none held in memory beyond ``limit`` characters: a line longer than that
    is skipped in 64 kB chunks and comes out as ``None`` (one item per line, so numbering holds)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            while True:
                rest = fh.readline(_CHUNK)
                if not rest or rest.endswith("\n"):
                    break
            yield None
        else:
            yield line


def iter_jsonl(lines: Iterable[str | None], source: str, *, skip: Callable[[str], bool] | None = None,
               errors: list[tuple[str, str]] | None = None, max_bytes: int | None = None) -> Iterator[RawDocument]:
    """Records of JSON Lines; a ``None`` line (from ``bounded_lines``) or one over ``max_bytes``
    fails as too large without being parsed."""
    for n, line in enumerate(lines, start=1):
        key = f"{source}#L{n}"
        too_large = line is None or (max_bytes is not None and len(line) > max_bytes // 4
                                     and len(line.encode("utf-8", "surrogatepass")) > max_bytes)
        if not too_large and not line.strip():
            continue
        if skip is not None and skip(key):
            continue
        try:
            if too_large:
                raise InputTooLargeError(f"line is over the limit of {max_bytes:,} bytes (set BAROMETER_MAX_BYTES "
                                         "to raise it); not parsed", source=key)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}", source=key) from None
            yield parse_record(obj, key)
        except InputError as exc:
            if errors is None:
                raise
            errors.append((key, str(exc)))

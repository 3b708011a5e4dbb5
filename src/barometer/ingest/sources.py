"""Enumerate inputs: files and directories (recursive, by extension), with optional dates from names.

Why dates from names: corpora such as GDELT-derived dumps carry the publication (or seen) time only
in the file name (``20220219T090000Z_US_en_7affa6504b.txt``); ``--date-from-name`` takes it from there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from barometer.errors import InputError
from barometer.ingest.raw import RawDocument, read_path

#: File extensions taken from directories.
EXTENSIONS = (".txt", ".html", ".htm", ".xhtml")

#: A date at the start of a file name: 2022-01-28..., 20220128..., 20220219T090000Z...
NAME_DATE = re.compile(r"^(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)(?:[T_-]|\b|$)")


def date_from_name(path: str | Path) -> dt.date | None:
    m = NAME_DATE.match(Path(path).name)
    if not m:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def iter_paths(paths: list[str | Path]) -> Iterator[Path]:
    """Files named, and files under directories named (sorted, by extension), each once."""
    seen: set[Path] = set()
    for p in map(Path, paths):
        if str(p) == "-":
            yield p
            continue
        if p.is_dir():
            candidates = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS)
        else:
            candidates = [p]
        for f in candidates:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def iter_documents(paths: list[str | Path], *, date_from_names: bool = False,
                   errors: list[tuple[str, str]] | None = None) -> Iterator[RawDocument]:
    """RawDocuments for every input; unreadable ones are appended to ``errors`` and skipped."""
    for path in iter_paths(paths):
        try:
            if str(path) != "-" and not path.exists():
                raise InputError("no such file or directory", source=str(path))
            raw = read_path(path)
        except (InputError, OSError) as exc:
            if errors is None:
                raise
            errors.append((str(path), str(exc) if isinstance(exc, InputError) else f"{path}: {exc}"))
            continue
        if date_from_names:
            raw.published = date_from_name(path)
        yield raw

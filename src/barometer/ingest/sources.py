"""Enumerate inputs: files and directories (recursive, by extension), ``.gz``, feeds (files or URLs),
WARC/ARC archives and JSON Lines, with optional dates from names.

Every document gets a stable *source key* (a path, ``archive#uri``, ``file.jsonl#L3``, an entry link):
the batch journal records keys, and a resumed batch skips keys already done before reading them.

Why dates from names: corpora such as GDELT-derived dumps carry the publication (or seen) time only
in the file name (``20220219T090000Z_US_en_7affa6504b.txt``); ``--date-from-name`` takes it from there.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from barometer.errors import InputError, InputTooLargeError, one_line
from barometer.ingest.raw import DEFAULT_MAX_BYTES, RawDocument, decode_bytes, read_path, sniff_media_type

#: Single-document extensions (each also taken with ``.gz``).
DOC_EXTENSIONS = (".txt", ".html", ".htm", ".xhtml")
ARCHIVE_EXTENSIONS = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_EXTENSIONS = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
FEED_EXTENSIONS = (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz")
#: File name endings taken from directories.
EXTENSIONS = (DOC_EXTENSIONS + tuple(e + ".gz" for e in DOC_EXTENSIONS) + ARCHIVE_EXTENSIONS + JSONL_EXTENSIONS
              + FEED_EXTENSIONS)


def is_url(value: str | Path) -> bool:
    return str(value).startswith(("http://", "https://"))


def kind_of(path: str | Path) -> str:
    """'url', 'warc', 'jsonl', 'feed' or 'doc', from the name."""
    name = str(path).lower()
    if is_url(name):
        return "url"
    if name.endswith(ARCHIVE_EXTENSIONS):
        return "warc"
    if name.endswith(JSONL_EXTENSIONS):
        return "jsonl"
    if name.endswith(FEED_EXTENSIONS):
        return "feed"
    return "doc"


def read_bytes(path: Path, limit: int) -> bytes:
    """File bytes, transparently gunzipped for ``.gz``, refusing more than ``limit`` (gzip bombs too)."""
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as fh:
            try:
                data = fh.read(limit + 1)
            except (OSError, EOFError) as exc:
                raise InputError(f"cannot decompress: {exc}", source=str(path)) from None
    else:
        size = path.stat().st_size
        if size > limit:  # from its size, before reading a byte of it
            raise InputTooLargeError(f"file is {size:,} bytes, over the limit of {limit:,} bytes "
                                     "(set BAROMETER_MAX_BYTES to raise it)", source=str(path))
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(f"input is over the limit of {limit:,} bytes (set BAROMETER_MAX_BYTES to raise it)",
                                 source=str(path))
    return data


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """One document from a plain or gzipped file."""
    if path.suffix.lower() != ".gz":
        return read_path(path, max_bytes=max_bytes)
    limit = max_bytes
    text, warnings = decode_bytes(read_bytes(path, limit), source=str(path), max_bytes=limit)
    return RawDocument(text=text, media_type=sniff_media_type(text, str(path)[:-3]), source=str(path),
                       warnings=warnings)

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


#: The outlet after the date in a file name: ``<date>_<OUTLET>_…`` (``20220219T090000Z_US_en_7affa6504b.txt``).
NAME_OUTLET = re.compile(r"^(?:19|20)\d\d-?[01]\d-?[0-3]\d(?:T\d{4,6}Z?)?_(?P<outlet>[A-Za-z0-9][A-Za-z0-9.\-]*)_")


def outlet_from_name(path: str | Path) -> str | None:
    """The field after the date of a ``<date>_<OUTLET>_…`` file name (``ingest --outlet-from-name``).

    In the Russia–Ukraine war corpus that field is the collector's outlet group (US, GB, PL, UA, BY:
    each two or three named outlets), so two distinct values are always two distinct outlets."""
    m = NAME_OUTLET.match(Path(path).name)
    return m["outlet"] if m else None


def _walk(top: Path, errors: list[tuple[str, str]] | None) -> list[Path]:
    """Files under ``top`` with a known extension, sorted; a directory that cannot be read is reported
    in ``errors`` (``rglob`` skipped it without a word)."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        if errors is not None:
            where = str(exc.filename or top)
            errors.append((where, f"{one_line(where)}: cannot read directory ({exc.strerror or exc}); "
                                  "the files in it were not ingested"))

    for root, dirs, files in os.walk(top, onerror=unreadable):
        dirs.sort()
        found += [Path(root) / f for f in files if f.lower().endswith(EXTENSIONS)]
    return sorted(f for f in found if f.is_file())


def iter_paths(paths: list[str | Path], errors: list[tuple[str, str]] | None = None,
               ) -> Iterator[Path]:  # URLs and "-" come back as given
    """Files named, and files under directories named (sorted, by extension), each once; directories
    that cannot be read are appended to ``errors`` (source, message)."""
    seen: set[Path] = set()
    for item in paths:
        if str(item) == "-" or is_url(item):
            yield item  # type: ignore[misc] - URLs stay strings (Path would fold "//")
            continue
        p = Path(item)
        if p.is_dir():
            candidates = _walk(p, errors)
        else:
            candidates = [p]
        for f in candidates:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def iter_documents(paths: list[str | Path], *, date_from_names: bool = False, outlet_from_names: bool = False,
                   errors: list[tuple[str, str]] | None = None, skip: Callable[[str], bool] | None = None,
                   fetch_links: bool | None = None, fetcher=None,  # noqa: ANN001 - Fetcher | None
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument]:
    """RawDocuments for every input; unreadable ones are appended to ``errors`` and skipped.

    ``max_bytes``: the largest document (setting ``max_bytes``); ``fetcher``: fetches feed URLs
    and the pages they link to (default ``Fetcher()``).

    ``skip(source_key)`` true means the document is already done (resumed batch): it is not read.
    ``fetch_links``: fetch the pages feed entries link to (default: for feed URLs, not for feed files).
    """
    from barometer.ingest.feeds import iter_feed, iter_feed_url
    from barometer.ingest.jsonl import bounded_lines, iter_jsonl
    from barometer.ingest.warc import iter_warc

    for path in iter_paths(paths, errors):
        kind = kind_of(path)
        key = str(path)
        if kind == "doc" and skip is not None and skip(key):
            continue
        try:
            if kind == "url":
                yield from iter_feed_url(key, fetcher=fetcher, fetch_links=fetch_links is not False, skip=skip,
                                         errors=errors)
                continue
            path = Path(path)
            if key != "-" and not path.exists():
                raise InputError("no such file or directory", source=key)
            if kind == "warc":
                yield from iter_warc(path, skip=skip, errors=errors, max_bytes=max_bytes)
            elif kind == "jsonl":
                opener = gzip.open if path.suffix.lower() == ".gz" else open
                limit = max_bytes
                with opener(path, "rt", encoding="utf-8", errors="replace") as fh:  # streamed, never all in memory
                    yield from iter_jsonl(bounded_lines(fh, limit), key, skip=skip, errors=errors, max_bytes=limit)
            elif kind == "feed":
                yield from iter_feed(read_bytes(path, max_bytes), key, fetch_links=bool(fetch_links),
                                     fetcher=fetcher, skip=skip, errors=errors)
            else:
                raw = read_document(path, max_bytes)
                if date_from_names:
                    raw.published = date_from_name(path)
                if outlet_from_names and not raw.outlet:
                    raw.outlet = outlet_from_name(path)
                yield raw
        except (InputError, OSError) as exc:
            if errors is None:
                raise
            errors.append((key, str(exc) if isinstance(exc, InputError) else f"{one_line(key)}: {exc}"))

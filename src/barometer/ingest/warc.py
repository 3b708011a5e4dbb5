"""WARC and ARC web archives (warcio): every HTML response becomes a RawDocument.

Why only HTML responses: a crawl holds requests, metadata, images, scripts and redirects too; none
of those is an article. The source key of a record is ``archive#target-uri`` (``#n`` appended when
a URI repeats), stable across runs so that a resumed batch skips what it already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from barometer.errors import InputError
from barometer.ingest.raw import RawDocument, decode_bytes


def iter_warc(path: str | Path, *, skip: Callable[[str], bool] | None = None,
              errors: list[tuple[str, str]] | None = None, max_bytes: int | None = None) -> Iterator[RawDocument]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from barometer.settings import get_settings

    limit = max_bytes if max_bytes is not None else get_settings().max_bytes
    seen: dict[str, int] = {}
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype or record.http_headers.get_statuscode() != "200":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or "record"
                n = seen.get(uri, 0)
                seen[uri] = n + 1
                key = f"{path}#{uri}" + (f"#{n}" if n else "")
                if skip is not None and skip(key):
                    continue
                data = record.content_stream().read(limit + 1)
                try:
                    text, warnings = decode_bytes(data, source=key, max_bytes=limit)
                except InputError as exc:
                    if errors is None:
                        raise
                    errors.append((key, str(exc)))
                    continue
                yield RawDocument(text=text, media_type="html", source=key, url=uri, warnings=warnings)
        except ArchiveLoadFailed as exc:
            raise InputError(f"not a readable WARC/ARC archive: {exc}", source=str(path)) from None

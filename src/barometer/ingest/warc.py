"""WARC and ARC web archives (warcio): every HTML response becomes a RawDocument.

Why only HTML responses: a crawl holds requests, metadata, images, scripts and redirects too; none
of those is an article. The source key of a record is ``archive#target-uri`` (``#n`` appended when
a URI repeats), stable across runs so that a resumed batch skips what it already stored.

Why the truncation checks: an archive cut mid-record (a crawl killed, a download interrupted) is
read by warcio without complaint — the cut record comes back short, or the records after the cut
simply never appear. A short body would be stored as if it were the whole article and the lost tail
would go unnoticed, so both are reported: the cut record as a failure of its own key, the unread
tail as a failure of the archive. Records before the cut are ingested as usual.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from barometer.errors import InputError
from barometer.ingest.raw import DEFAULT_MAX_BYTES, RawDocument, decode_bytes


def _remaining(record) -> int:  # noqa: ANN001 - warcio ArcWarcRecord
    """Bytes of the record's block warcio could not read (0 for a complete record)."""
    return max(0, int(getattr(record.raw_stream, "limit", 0) or 0))


def iter_warc(path: str | Path, *, skip: Callable[[str], bool] | None = None,
              errors: list[tuple[str, str]] | None = None, max_bytes: int | None = None) -> Iterator[RawDocument]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES
    seen: dict[str, int] = {}

    def fail(key: str, message: str) -> None:
        if errors is None:
            raise InputError(message, source=key)
        errors.append((key, f"{key}: {message}"))

    size = os.path.getsize(path)
    records = 0
    with open(path, "rb") as fh:
        archive = ArchiveIterator(fh, arc2warc=True)
        try:
            for record in archive:
                records += 1
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
                if len(data) <= limit and _remaining(record):
                    fail(key, f"archive is cut mid-record: {_remaining(record):,} bytes of this response "
                              "are missing, so the article is incomplete; not ingested")
                    continue
                try:
                    text, warnings = decode_bytes(data, source=key, max_bytes=limit)
                except InputError as exc:
                    if errors is None:
                        raise
                    errors.append((key, str(exc)))
                    continue
                yield RawDocument(text=text, media_type="html", source=key, url=uri, warnings=warnings)
            end = archive.get_record_offset() + archive.get_record_length() if records else 0
        except ArchiveLoadFailed as exc:
            raise InputError(f"not a readable WARC/ARC archive: {exc}", source=str(path)) from None
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, EOFError, OSError) as exc:
            # warcio raises these on some malformed headers (found by fuzz/fuzz_warc.py)
            where = f" after record {records}" if records else ""
            raise InputError(f"malformed WARC/ARC archive{where} ({type(exc).__name__}: {exc})",
                             source=str(path)) from None
        fh.seek(end)
        tail = fh.read(65536)
    if not records and tail.strip():
        fail(str(path), "no complete WARC/ARC record could be read: the archive is cut before its first record")
    elif records and tail.strip():
        fail(str(path), f"archive is cut: {size - end:,} bytes after the last complete record "
                        f"(offset {end:,}) are not a readable WARC record; records before them were read")

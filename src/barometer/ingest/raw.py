"""Raw documents and the checks every input passes before any parsing.

Why here: size, binary and encoding problems must be caught once, before trafilatura or spaCy
sees the bytes, so that a 200 MB page or a PDF renamed .html fails fast with a clear message.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from barometer.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError
from barometer.settings import Settings

#: The ``max_bytes`` setting's default, for callers that pass no limit (the CLI, API and batches pass theirs).
DEFAULT_MAX_BYTES = Settings.max_bytes

#: Control characters that do not occur in text (tab, newlines and form feed do).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

#: Signatures of common binary formats that are sometimes served or saved as .html/.txt.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
)

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)|<(?:p|div|article)\b",
                         re.IGNORECASE)


@dataclass
class RawDocument:
    """Decoded input with what is known about it before cleaning."""

    text: str
    media_type: str  # "html" or "text"
    source: str = "<input>"
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, *, source: str = "<input>", max_bytes: int | None = None) -> tuple[str, list[str]]:
    """Check and decode input bytes. Returns the text and warnings; raises InputError subclasses."""
    limit = max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES
    if len(data) > limit:
        raise InputTooLargeError(f"input is {len(data):,} bytes, over the limit of {limit:,} bytes "
                                 "(set BAROMETER_MAX_BYTES to raise it)", source=source)
    if not data.strip():
        raise EmptyInputError("input is empty", source=source)
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(f"input is {what}, not text or HTML", source=source)
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise BinaryInputError("input contains NUL bytes: it looks binary, not text or HTML", source=source)
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:  # odd length (truncated file) or a lone surrogate
            text = data.decode("utf-16", errors="replace")
            warnings.append(f"{source}: input is not valid UTF-16 (first bad byte at offset {exc.start}); "
                            "decoded with replacement characters")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = data.decode("utf-8", errors="replace")
            warnings.append(f"{source}: input is not valid UTF-8 (first bad byte at offset {exc.start}); "
                            "decoded with replacement characters")
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls > max(8, len(text[:8192]) // 50):
        raise BinaryInputError("input is mostly control characters: it looks binary", source=source)
    if not text.strip():
        raise EmptyInputError("input is empty", source=source)
    return text, warnings


def sniff_media_type(text: str, hint: str | None = None) -> str:
    """'html' or 'text', from a file-name hint or the content itself."""
    if hint:
        suffix = hint.lower()
        if suffix.endswith((".html", ".htm", ".xhtml")):
            return "html"
        if suffix.endswith((".txt", ".text")):
            return "text"
    return "html" if _HTML_SNIFF.search(text[:4096].encode("utf-8", "ignore")) else "text"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied: the file cannot be read"
    return f"cannot be read ({exc.strerror or exc})"


def read_path(path: str | Path, *, max_bytes: int | None = None) -> RawDocument:
    """Read a file (or ``-`` for stdin) into a RawDocument, refusing bad input with a clear error."""
    limit = max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        name = str(p)
        try:
            if p.is_dir():
                raise InputError("is a directory, not a file (barometer ingest reads directories)", source=name)
            size = p.stat().st_size
            if size > limit:
                raise InputTooLargeError(f"file is {size:,} bytes, over the limit of {limit:,} bytes "
                                         "(set BAROMETER_MAX_BYTES to raise it)", source=name)
            data = p.read_bytes()
        except OSError as exc:  # missing, unreadable: one line naming the file, never a traceback
            raise InputError(_os_reason(exc), source=name) from None
    text, warnings = decode_bytes(data, source=name, max_bytes=limit)
    return RawDocument(text=text, media_type=sniff_media_type(text, None if name == "<stdin>" else name),
                       source=name, warnings=warnings)

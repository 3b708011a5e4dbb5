"""What a backend's write error means for the user: a full disk (or file size limit) or something else."""

from __future__ import annotations


def disk_full(exc: BaseException) -> bool:
    """Whether a backend error says the disk is full or a file size limit was reached."""
    low = str(exc).lower()
    return any(k in low for k in ("no space left", "file too large", "disk full", "could not write", "failed to write"))


def explain(exc: BaseException) -> str:
    """The backend's message, prefixed with the likely cause when it is a full disk or a size limit."""
    msg = str(exc)
    if disk_full(exc):
        return f"the disk is full or a file size limit was reached ({msg}); what was stored before is intact"
    return msg

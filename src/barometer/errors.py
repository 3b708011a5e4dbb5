"""Errors a user can cause. Anything else raised from Barometer is a bug.

Every error carries a one-line message naming the input and the problem, so the CLI can print it
as is and batches can record it against the file that failed.
"""

from __future__ import annotations

import re

#: Characters that break a line or a terminal: C0 and C1 controls, DEL, the Unicode line separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: object) -> str:
    """``text`` with every control character escaped (``\\n``, ``\\x1b``, ``\\u2028``): a file name
    holding a newline or an escape sequence can then neither split a log line nor fake one."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group()) or (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                                            else f"\\u{ord(m.group()):04x}"), str(text))


class BarometerError(Exception):
    """Base class of Barometer's own errors; the message is one line (control characters escaped)."""

    def __init__(self, message: object = "") -> None:
        super().__init__(one_line(message))


class InputError(BarometerError):
    """The input cannot be analysed (empty, binary, too large, no main text...)."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class EmptyInputError(InputError):
    """The input holds no text at all once cleaned."""


class BinaryInputError(InputError):
    """The input looks like a binary file (NUL bytes or a known binary signature)."""


class InputTooLargeError(InputError):
    """The input is over the configured size limit; it is refused before any parsing."""


class NoMainTextError(InputError):
    """HTML in which no article text could be found."""


class EncodingWarning(UserWarning):
    """Input was not valid UTF-8 and was decoded with replacement characters."""


class ModelNotInstalledError(BarometerError):
    """The spaCy model is missing; the message says what to install."""


class ConfigError(BarometerError):
    """A setting is wrong (an unknown stage name, a plugin that cannot be imported, a value of the wrong
    type); raised before any work starts, with one line naming the setting and what it may be."""


class StoreError(BarometerError):
    """The store cannot be opened or written (corrupt file, disk full, locked). ``disk_full``: the write
    failed for want of space (or a file size limit), so the next one will too: a batch stops there."""

    def __init__(self, message: object = "", *, disk_full: bool = False) -> None:
        self.disk_full = disk_full
        super().__init__(message)


class KnowledgeBaseError(BarometerError):
    """A data file (actor KB, lexicon, ontology) is malformed; the message names file and entry."""

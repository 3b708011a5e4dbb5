"""Errors a user can cause. Anything else raised from Barometer is a bug.

Every error carries a one-line message naming the input and the problem, so the CLI can print it
as is and batches can record it against the file that failed.
"""

from __future__ import annotations


class BarometerError(Exception):
    """Base class of Barometer's own errors."""


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
    """The store cannot be opened or written (corrupt file, disk full, locked)."""


class KnowledgeBaseError(BarometerError):
    """A data file (actor KB, lexicon, ontology) is malformed; the message names file and entry."""

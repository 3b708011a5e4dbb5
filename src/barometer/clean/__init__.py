"""Clean: from a RawDocument to an Article whose text is final (all offsets point into it)."""

from barometer.clean.article import clean_document

__all__ = ["clean_document"]

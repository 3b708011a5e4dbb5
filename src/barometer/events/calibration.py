"""Calibrated confidence: each event's ``confidence`` is the share of such events that are right.

The coder first rates an event with a raw score (``coder.py``: a main-clause verb with both parties
scores highest; a noun, a deeper clause, a missing party lower; ``speech.py``, ``derived.py`` their
own). That score orders events but is no probability. ``data/events/calibration.yaml`` turns it into
one: its bins, each with an id, sort events by what the coder knows of them (the rule family, which
parties it found, whether both belong to a country or an organisation and to the same one, the raw
score, the status), and each bin's ``confidence`` is the share of the dev split's events in that bin that match a
gold event at the event level (type, source and target; docs/eval.md), smoothed ``(right + 1) / (n + 2)``.
``scripts/calibrate_events.py`` fits it and writes the counts beside each bin (dev, and train as a
check); docs/events.md shows the reliability table. The first bin whose conditions all hold decides;
the last bin has none, so every event falls in one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator

from barometer.data import DataFile, Strict, load_data
from barometer.model import Actor, Event, EventStatus

Family = Literal["trigger", "speech", "derived"]
Parties = Literal["both", "source", "target", "none"]

#: Off while ``raw_scores()`` is active (the fitting script reads the coder's raw scores).
_RAW: ContextVar[bool] = ContextVar("barometer_raw_confidence", default=False)


class Counts(Strict):
    """Events of one bin on one split: how many, how many right at the event level, at the type level."""

    n: int = Field(ge=0)
    right: int = Field(ge=0)
    type_right: int = Field(ge=0)

    @model_validator(mode="after")
    def _within(self) -> Counts:
        if self.right > self.n or self.type_right > self.n:
            raise ValueError(f"right {self.right} / type_right {self.type_right} above n {self.n}")
        return self


class BinSpec(Strict):
    """One bin: the conditions an event must meet (all of them; none = every event) and its confidence."""

    id: str
    description: str
    family: list[Family] = []
    parties: list[Parties] = []
    placed: bool | None = None  # both parties belong to a country or an organisation
    same_root: bool | None = None  # ... and to the same one
    raw_min: float = Field(default=0.0, ge=0.0, le=1.0)  # raw score >= raw_min
    raw_max: float = Field(default=1.0, ge=0.0, le=1.0)  # raw score < raw_max (1.0: any)
    status: list[EventStatus] = []  # the event's status is one of these (none: any)
    confidence: float = Field(ge=0.0, le=1.0)
    dev: Counts | None = None
    train: Counts | None = None

    @model_validator(mode="after")
    def _range(self) -> BinSpec:
        if self.raw_min >= self.raw_max:
            raise ValueError(f"raw_min {self.raw_min} not below raw_max {self.raw_max}")
        return self

    def catch_all(self) -> bool:
        return not (self.family or self.parties or self.placed is not None or self.same_root is not None
                    or self.raw_min > 0.0 or self.raw_max < 1.0 or self.status)


class CalibrationFile(DataFile):
    """``data/events/calibration.yaml``."""

    VERSION = 1
    fitted_on: Literal["dev"]
    right: Literal["event"]
    smoothing: str
    bins: list[BinSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _last_takes_all(self) -> CalibrationFile:
        if not self.bins[-1].catch_all():
            raise ValueError(f"the last bin ({self.bins[-1].id!r}) must have no conditions: every event needs a bin")
        return self


@dataclass(frozen=True)
class Features:
    """What the bins look at, for one event."""

    family: str
    parties: str
    placed: bool
    same_root: bool
    raw: float
    status: str = "asserted"


def root(actor: Actor | None) -> str | None:
    """The country or organisation an actor belongs to (``RUSMIL`` -> RUS, NATO -> NATO); None for a
    group of no known country (``CVL``)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    return actor.code if actor.code and actor.code != actor.sector else None


def family(rule: str) -> str:
    if rule.startswith("speech."):
        return "speech"
    return "derived" if rule.startswith("derived.") else "trigger"


def features(event: Event, actor_of: Callable[[str | None], Actor | None]) -> Features:
    src, tgt = actor_of(event.source), actor_of(event.target)
    parties = {(True, True): "both", (True, False): "source", (False, True): "target", (False, False): "none"}[
        (event.source is not None, event.target is not None)]
    rs, rt = root(src), root(tgt)
    placed = rs is not None and rt is not None
    return Features(family(event.rule), parties, placed, placed and rs == rt, event.confidence,
                    event.status)


def _holds(b: BinSpec, f: Features) -> bool:
    return ((not b.family or f.family in b.family) and (not b.parties or f.parties in b.parties)
            and (b.placed is None or f.placed == b.placed) and (b.same_root is None or f.same_root == b.same_root)
            and f.raw >= b.raw_min and (b.raw_max >= 1.0 or f.raw < b.raw_max)
            and (not b.status or f.status in b.status))


def bin_of(f: Features, table: CalibrationFile | None = None) -> BinSpec:
    """The first bin whose conditions hold (the last one holds for every event)."""
    table = table or calibration()
    return next(b for b in table.bins if _holds(b, f))


@lru_cache(maxsize=1)
def calibration() -> CalibrationFile:
    return load_data("events/calibration.yaml", CalibrationFile)


def calibrate(events: list[Event], actor_of: Callable[[str | None], Actor | None]) -> list[Event]:
    """Each event's raw score replaced by its bin's confidence (in place; also returned)."""
    if _RAW.get():
        return events
    table = calibration()
    for e in events:
        e.confidence = bin_of(features(e, actor_of), table).confidence
    return events


@contextmanager
def raw_scores() -> Iterator[None]:
    """Within this block the coder leaves its raw scores uncalibrated (for fitting the bins)."""
    token = _RAW.set(True)
    try:
        yield
    finally:
        _RAW.reset(token)

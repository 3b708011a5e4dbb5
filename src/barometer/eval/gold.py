"""Readers for the public event gold sets in ``shared/data`` (never copied into the project).

Each reader yields ``GoldSentence`` records: text, the date to resolve it against, and the expected
events as PLOVER type + CAMEO code + source/target countries (ISO3 = first three letters of the
CAMEO actor code). CAMEO codes are mapped to PLOVER with our ontology (roots 01 and 02 are not
PLOVER events, so their gold events have ``plover=None``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from barometer.errors import InputError
from barometer.events.ontology import ontology

#: Country-like codes that are not ISO3 countries in the gold sets.
NOT_COUNTRIES = frozenset({"IGO", "NGO", "MNC", "---", "", "REB", "OPP", "CVL", "GOV", "MIL", "UAF", "EUR", "AFR",
                           "ASA", "MEA", "WST", "SAM", "NAM", "CAU", "BAL", "SCN", "CAS", "SAS", "SEA"})
#: Old or non-standard country codes used in the gold sets, mapped to ISO 3166 alpha-3.
ALIASES = {"JAP": "JPN", "ROM": "ROU", "GMY": "DEU", "YUG": "SRB", "UKG": "GBR", "PAL": "PSE"}


@dataclass(frozen=True)
class GoldEvent:
    plover: str | None
    cameo: str | None
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()

    @property
    def root(self) -> str | None:
        return self.cameo[:2] if self.cameo and self.cameo[:2].isdigit() else None


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    date: dt.date | None
    events: tuple[GoldEvent, ...] = field(default_factory=tuple)
    category: str | None = None


def country(code: str | None) -> str | None:
    if not code:
        return None
    c = code.strip().upper()[:3]
    c = ALIASES.get(c, c)
    return None if c in NOT_COUNTRIES or not c.isalpha() else c


def data_dir(explicit: str | None = None) -> Path:
    """Where the shared gold data lives: --data-dir, $BAROMETER_SHARED_DATA, or ../shared/data."""
    candidates = [explicit, os.environ.get("BAROMETER_SHARED_DATA"), "../shared/data",
                  str(Path(__file__).resolve().parents[3].parent / "shared" / "data")]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    raise InputError("gold data directory not found: pass --data-dir or set BAROMETER_SHARED_DATA")


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    v = value.replace("-", "")
    try:
        return dt.date(int(v[:4]), int(v[4:6]), int(v[6:8]))
    except ValueError:
        return None


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def read_plover_gsr(root: Path) -> list[GoldSentence]:
    out = []
    for r in _jsonl(root / GOLD_FILES["plover-gsr-cameo"]):
        srcs = tuple(c for c in (country(a.get("code")) for a in (r.get("actor") or []) if isinstance(a, dict)) if c)
        tgts = tuple(c for c in (country(a.get("code")) for a in (r.get("recipient") or []) if isinstance(a, dict))
                     if c)
        ev = GoldEvent(r["event_plover_current"], None, srcs, tgts)
        out.append(GoldSentence(r["id"], r["text"], _date("2000-01-01"), (ev,), r["event_plover_current"]))
    return out


def _read_petr(path: Path) -> list[GoldSentence]:
    onto = ontology()
    out = []
    for r in _jsonl(path):
        if str(r.get("evaluate")).lower() == "false":  # absent/null means evaluate
            continue
        events = []
        for e in r.get("expected_events") or []:
            code = str(e.get("eventcode") or "")
            if not code or not code.isdigit() or not (1 <= int(code[:2]) <= 20):
                continue
            events.append(GoldEvent(onto.plover_for(code), code, tuple(filter(None, [country(e.get("sourcecode"))])),
                                    tuple(filter(None, [country(e.get("targetcode"))]))))
        if not events and not r.get("noevents"):
            continue  # records whose expected codes are malformed or internal to PETRARCH
        out.append(GoldSentence(r["id"], r["text"], _date(r.get("date")), tuple(events), r.get("category")))
    return out


def read_ngec_synthetic(root: Path, every: int = 9) -> list[GoldSentence]:
    """Lead sentences of NGEC's synthetic PLOVER stories (every ``every``-th story, ~500 of 4,500).

    The label is the story's (the prompting headline's event), so this is weak, document-level
    supervision: a held-out check that rules tuned on the GSR carry over, not gold. Never used
    for tuning; the licence of the source is unclear, so it is read in place, never shipped.
    """
    import csv
    import io
    import re
    import zipfile

    out = []
    with zipfile.ZipFile(root / GOLD_FILES["ngec-synthetic-plover"]) as z:
        name = z.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    for i, r in enumerate(rows):
        if i % every:
            continue
        para = r["text"].strip().split("\n")[0]
        lead = re.split(r"(?<=[a-z0-9)\"'])\.\s+(?=[A-Z\"])", para, maxsplit=1)[0].strip()
        if not lead.endswith("."):
            lead += "."
        out.append(GoldSentence(f"ngec-{i}", lead, None, (GoldEvent(r["label"], None),), r["label"]))
    return out


GOLD_FILES = {
    "ngec-synthetic-plover": "ngec-synthetic-plover/gpt_synthetic_events_2023-10-19_19.csv.zip",
    "plover-gsr-cameo": "plover-gsr-cameo/PLOVER_GSR_CAMEO.normalized.jsonl",
    "petr2-gsr-validation": "petr2-gsr-validation/PETR2_GSR_validation.flat.jsonl",
    "ud-petrarch-validation": "ud-petrarch-validation/PETR_Validate_records_2_02.flat.jsonl",
    "petrarch2-unittest": "petrarch2-unittest/PETR.UnitTest.records.flat.jsonl",
}

READERS: dict[str, Callable[[Path], list[GoldSentence]]] = {
    "ngec-synthetic-plover": read_ngec_synthetic,
    "plover-gsr-cameo": read_plover_gsr,
    "petr2-gsr-validation": lambda root: _read_petr(root / GOLD_FILES["petr2-gsr-validation"]),
    "ud-petrarch-validation": lambda root: _read_petr(root / GOLD_FILES["ud-petrarch-validation"]),
    "petrarch2-unittest": lambda root: _read_petr(root / GOLD_FILES["petrarch2-unittest"]),
}


def gold_path(name: str, root: Path) -> Path:
    return root / GOLD_FILES[name]


def read_gold(name: str, root: Path | None = None) -> list[GoldSentence]:
    if name not in READERS:
        raise InputError(f"unknown gold set {name!r}; known: {', '.join(READERS)}")
    return READERS[name](root or data_dir())

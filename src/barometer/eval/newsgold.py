"""The news gold set: whole real articles coded by hand (docs/annotation.md), one JSON file each.

Why a file format of our own: the sentence sets (PLOVER GSR, PETRARCH) have one event per clean
sentence; real articles have many events per sentence, statements by speakers, background events
and repeated facts. Each file here holds one article's events and quotations, every one with the
character offsets that prove it.

Two kinds of article:

* **shipped** (Wikinews, CC BY 2.5): the file carries the article ``text`` and every span its
  ``text``; the attribution line goes with it.
* **referenced** (``ukraine-war-news-2022-2024``, no licence): the file carries only the corpus file
  name, the sha256 of its bytes and offsets, plus a short digest of each span's text, so that offsets
  are checked against the text without copying it. The text is read from ``../shared/data``; without
  it those articles are skipped, saying why.

Offsets count Python characters (code points) of the file's text decoded as UTF-8, title line
included. :func:`load_article` validates a file and checks every offset against its text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from barometer.errors import BarometerError

GOLD_SCHEMA = "barometer/news-gold@1"
#: Where the gold files live (shipped with the package).
GOLD_DIR = Path(__file__).with_name("gold_news")
#: Corpora whose texts may ship (CC BY 2.5) and corpora referenced by name and offsets only.
SHIPPED = {"wikinews-en-vanatteveldt", "wikinews-en-gum"}
REFERENCED = {"ukraine-war-news-2022-2024"}
Split = Literal["train", "dev", "test"]
GoldStatus = Literal["asserted", "announced", "conditional", "requested", "denied", "negated", "hypothetical",
                     "reported"]
#: Statuses of things the article states as having happened; every other status is "not done".
DONE = frozenset({"asserted"})
SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "COP", "SPY", "BUS", "MED", "CVL", "EDU", "REL",
                     "LAB", "HLH", "ELI", "CRM", "AGR", "NGO", "IGO", "MNC", "UAF", "REF", "ENV", "SPT", "INS",
                     "PTY", "ACT"})
#: Organisation and grouping codes an actor code may start with (actors/igos.yaml codes and CAMEO regions).
ORGS = frozenset({"NATO", "EUR", "UNO", "OSCE", "G7", "G20", "IMF", "WBK", "AFR", "ASN", "WST", "CSTO", "IAEA",
                  "ICC", "WHO", "OPC", "ARL", "IMG", "INT", "EAS", "MEA", "SAS", "SEA", "CAS", "LAM", "NAM"})
#: PLOVER codebook modes that our ontology (data/events/plover.yaml) does not list yet.
CODEBOOK_MODES = {"RETREAT": {"return"}, "THREATEN": {"ban", "rights"}, "COERCE": {"ban"},
                  "ASSAULT": {"assassinate", "cleansing", "execute", "massacre"}}
_CODE = re.compile(r"^[A-Z0-9]{2,4}(?:[A-Z]{3})*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class GoldError(BarometerError):
    """A gold file is malformed or does not fit its text; the message names the file and the entry."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldSpan(_Model):
    """``start``/``end`` into the article text, with the text itself (shipped) or a digest (referenced)."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str | None = None
    digest: str | None = Field(default=None, description="first 12 hex of sha256 of the span's text")

    @model_validator(mode="after")
    def _ordered(self) -> GoldSpan:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} not after start {self.start}")
        if (self.text is None) == (self.digest is None):
            raise ValueError("a span carries exactly one of text (shipped corpora) or digest (referenced)")
        return self


def span_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _valid_code(value: str | None) -> str | None:
    if value is None:
        return None
    if not _CODE.match(value):
        raise ValueError(f"actor code {value!r} is not CAMEO-style (country or organisation, then sectors)")
    root = code_root(value)
    rest = value[len(root):]
    if root not in ORGS and root not in SECTORS and not _is_country(root):
        raise ValueError(f"actor code {value!r}: {root!r} is neither an ISO 3166 alpha-3 country, an "
                         "organisation code nor a sector")
    bad = [rest[i:i + 3] for i in range(0, len(rest), 3) if rest[i:i + 3] not in SECTORS]
    if bad:
        raise ValueError(f"actor code {value!r}: unknown sector {bad[0]!r} (known: {', '.join(sorted(SECTORS))})")
    return value


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def _is_country(code: str) -> bool:
    return code in _countries()


def code_root(code: str | None) -> str | None:
    """The country or organisation an actor code belongs to: ``RUSMIL`` -> ``RUS``, ``NATO`` -> ``NATO``,
    ``EURGOV`` -> ``EUR``, ``CVL`` (a group of unknown country) -> ``CVL``."""
    if not code:
        return None
    for org in sorted(ORGS, key=len, reverse=True):
        if code.startswith(org) and (len(code) == len(org) or code[len(org):][:3] in SECTORS):
            return org
    return code[:3]


class GoldEvent(_Model):
    id: str
    type: str
    mode: str | None = None
    status: GoldStatus
    source: str | None = None
    source_name: str | None = None
    target: str | None = None
    target_name: str | None = None
    said_by: str | None = None
    said_by_name: str | None = None
    date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD; null when unknown")
    historical: bool = False
    evidence: list[GoldSpan] = Field(min_length=1, description="every mention of the fact in the article")
    note: str | None = None

    @field_validator("source", "target", "said_by")
    @classmethod
    def _codes(cls, v: str | None) -> str | None:
        return _valid_code(v)

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        from barometer.events.ontology import ontology

        if v not in ontology().types:
            raise ValueError(f"unknown PLOVER type {v!r}")
        return v

    @field_validator("date")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        if v is not None:
            if not _DATE.match(v):
                raise ValueError(f"date {v!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            y, m, d = (v.split("-") + ["01", "01"])[:3]
            dt.date(int(y), int(m), int(d))
        return v

    @model_validator(mode="after")
    def _mode(self) -> GoldEvent:
        from barometer.events.ontology import ontology

        modes = set(ontology().types[self.type].modes) | CODEBOOK_MODES.get(self.type, set())
        if self.mode is not None and self.mode not in modes:
            known = ", ".join(sorted(modes)) or "none"
            raise ValueError(f"mode {self.mode!r} is not a mode of {self.type} (known: {known})")
        return self


class GoldQuote(_Model):
    id: str
    kind: Literal["direct", "partial", "indirect"]
    content: list[GoldSpan] = Field(min_length=1, description="the words reported, in one or more pieces")
    cue: GoldSpan | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_span: GoldSpan | None = None
    note: str | None = None

    @field_validator("speaker")
    @classmethod
    def _codes(cls, v: str | None) -> str | None:
        return _valid_code(v)


class GoldArticle(_Model):
    schema_id: Literal["barometer/news-gold@1"] = Field(alias="schema")
    id: str
    corpus: str
    file: str = Field(description="path of the article inside its corpus folder")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the corpus file's bytes")
    url: str | None = None
    attribution: str | None = None
    published: dt.date
    split: Split
    title_line: bool = Field(description="whether line 1 of the file is the headline")
    annotator: str
    text: str | None = Field(default=None, description="the file's text (shipped corpora only)")
    events: list[GoldEvent] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)
    note: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _consistent(self) -> GoldArticle:
        if self.corpus not in SHIPPED | REFERENCED:
            raise ValueError(f"unknown corpus {self.corpus!r} (known: {', '.join(sorted(SHIPPED | REFERENCED))})")
        if self.corpus in SHIPPED and (self.text is None or not self.attribution):
            raise ValueError("a shipped (Wikinews) article carries its text and attribution line")
        if self.corpus in REFERENCED and self.text is not None:
            raise ValueError(f"{self.corpus} has no licence: its text must not be copied into the gold file")
        for kind, items in (("event", self.events), ("quote", self.quotes)):
            seen: set[str] = set()
            for it in items:
                if it.id in seen:
                    raise ValueError(f"duplicate {kind} id {it.id!r}")
                seen.add(it.id)
        return self

    def spans(self):  # noqa: ANN201 - iterator of (where, GoldSpan)
        for e in self.events:
            for i, s in enumerate(e.evidence):
                yield f"event {e.id} evidence {i}", s
        for q in self.quotes:
            for i, s in enumerate(q.content):
                yield f"quote {q.id} content {i}", s
            for name in ("cue", "speaker_span"):
                s = getattr(q, name)
                if s is not None:
                    yield f"quote {q.id} {name}", s


@dataclass
class LoadedArticle:
    """A validated gold article with its text (from the file, or read from ../shared)."""

    gold: GoldArticle
    text: str
    path: Path


def check_spans(gold: GoldArticle, text: str, where: str) -> None:
    """Every span slices ``text`` and matches its text or digest; raises GoldError naming the span."""
    for name, s in gold.spans():
        if s.end > len(text):
            raise GoldError(f"{where}: {name}: offsets {s.start}-{s.end} past the end of the text ({len(text)})")
        piece = text[s.start:s.end]
        if s.text is not None and piece != s.text:
            raise GoldError(f"{where}: {name}: text[{s.start}:{s.end}] is {piece[:40]!r}, the file says "
                            f"{s.text[:40]!r}")
        if s.digest is not None and span_digest(piece) != s.digest:
            raise GoldError(f"{where}: {name}: text[{s.start}:{s.end}] does not match its digest {s.digest}")
        if piece != piece.strip():
            raise GoldError(f"{where}: {name}: span {s.start}-{s.end} starts or ends with white space")


def parse_article(raw: str | bytes, where: str) -> GoldArticle:
    try:
        return GoldArticle.model_validate(json.loads(raw))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{where}: not JSON ({exc.msg} at line {exc.lineno})") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise GoldError(f"{where}: {loc or 'article'}: {err['msg']}") from None


def load_article(path: Path, shared: Path | None = None) -> LoadedArticle:
    """Validate one gold file and attach its text.

    Raises GoldError for a malformed file or a referenced text that differs from the one annotated,
    and FileNotFoundError (with the reason) when a referenced corpus is not under ``shared``."""
    where = str(path.name)
    gold = parse_article(Path(path).read_bytes(), where)
    if gold.text is not None:
        text = gold.text
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold.sha256:
            raise GoldError(f"{where}: the text in the file does not match its sha256")
    else:
        if shared is None:
            raise FileNotFoundError(f"{where}: its text lives in ../shared/data/{gold.corpus}/, which is absent")
        src = Path(shared) / gold.corpus / gold.file
        if not src.is_file():
            raise FileNotFoundError(f"{where}: {src} is absent")
        data = src.read_bytes()
        if hashlib.sha256(data).hexdigest() != gold.sha256:
            raise GoldError(f"{where}: {src} is not the file that was annotated (sha256 differs)")
        text = data.decode("utf-8")
    check_spans(gold, text, where)
    return LoadedArticle(gold=gold, text=text, path=Path(path))


def gold_files(root: Path | None = None) -> list[Path]:
    """The gold article files, sorted (agreement passes in ``agreement/`` are not part of the set)."""
    base = root or GOLD_DIR
    return sorted(p for p in base.glob("*/*.json") if p.parent.name != "agreement")


def gold_hash(paths: list[Path]) -> str:
    """One sha256 over the gold files (names and bytes): a changed file invalidates the floors."""
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda p: (p.parent.name, p.name)):
        h.update(f"{p.parent.name}/{p.name}\0".encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def load_split(split: str | None, shared: Path | None, root: Path | None = None,
               ) -> tuple[list[LoadedArticle], list[str], list[Path]]:
    """Gold articles of one split (all splits for None), the reasons articles were skipped, and
    the files of the split (for the hash)."""
    arts: list[LoadedArticle] = []
    skipped: list[str] = []
    files: list[Path] = []
    for p in gold_files(root):
        head = parse_article(p.read_bytes(), p.name)
        if split is not None and head.split != split:
            continue
        files.append(p)
        try:
            arts.append(load_article(p, shared))
        except FileNotFoundError as exc:
            skipped.append(str(exc))
    return arts, skipped, files

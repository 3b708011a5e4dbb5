"""The analysis contract: pydantic models shared by every stage and shown to users as JSON.

The schema is versioned (``SCHEMA_ID``). A change that removes or renames a field, or changes its
meaning, bumps the version; adding an optional field does not. Every field that comes from the
text carries ``start``/``end`` character offsets into ``Article.text``, so that
``article.text[start:end] == text`` holds for every span: nothing is coded that a user cannot
click back to.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_ID = "barometer/analysis@2"
#: Schema ids ``Analysis.from_json`` reads (older ones are upgraded, see ``upgrade``).
KNOWN_SCHEMAS = ("barometer/analysis@1", SCHEMA_ID)
#: An event dated this many days or more before its article's publication is background, not news
#: of the period (docs/annotation.md, "Dates and the past").
HISTORICAL_DAYS = 30

ActorKind = Literal["person", "state", "organization", "group"]
EventStatus = Literal["asserted", "announced", "conditional", "requested", "denied", "negated", "reported"]
QuoteKind = Literal["direct", "partial", "indirect"]
#: How much of an event's date the text gives; ``Event.date`` is the first day of that period.
DateGranularity = Literal["day", "week", "month", "year"]
#: Statuses that count as something that happened; analytics counts only these as done. Since schema
#: @2 a ``reported`` event (one only a party's statement attests) is a claim, not a done event.
DONE_STATUSES: tuple[str, ...] = ("asserted",)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(_Model):
    """A stretch of the clean text: ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Article(_Model):
    id: str = Field(description="sha256 hex digest of the clean text")
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    wire: list[str] = Field(default_factory=list, description="Wire agencies credited, e.g. ['AFP']")
    language: str | None = None
    url: str | None = None
    text: str = Field(description="The clean text; every offset in the analysis points into it")


class Actor(_Model):
    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166 alpha-3, or null")
    sector: str | None = Field(default=None, description="GOV, MIL, LEG, JUD, OPP, REB, BUS, MED, CVL, IGO...")
    code: str | None = Field(default=None, description="CAMEO-style code, e.g. USAGOV, RUSMIL, NATO")
    role: str | None = None
    kb_id: str | None = Field(default=None, description="Knowledge-base record id, null for article-local actors")
    mentions: list[Span] = Field(default_factory=list)
    confidence: float = 1.0


class Event(_Model):
    id: str
    type: str = Field(description="PLOVER event type")
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = None
    quad_class: int | None = Field(default=None, ge=1, le=4)
    goldstein: float | None = None
    source: str | None = Field(default=None, description="Actor id")
    target: str | None = Field(default=None, description="Actor id")
    status: EventStatus = "asserted"
    date: dt.date | None = None
    date_granularity: DateGranularity | None = Field(
        default=None, description="How much of `date` the text gives: day, week, month or year (`date` is then the "
        "first day of that week, month or year: 'in 2014' is 2014-01-01, year); null with no date, and read as day "
        "in analyses made before the field existed")
    place: str | None = None
    said_by: str | None = Field(default=None, description="Actor id of whoever reported the event")
    quote: str | None = Field(default=None, description="Quote id when the event is stated inside a quote, "
                                 "or is the act of making it (a statement's act: source = its speaker)")
    evidence: Span
    rule: str = Field(description="Id of the rule or pattern that produced the event")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    historical: bool = Field(default=False, description="Background: the event happened a month or more before "
                             "the article (its own date), so it is not news of the period it is mentioned in")
    mentions: list[Span] = Field(default_factory=list, description="Other sentences stating the same fact "
                                 "(one event per fact per article)")


class Quote(_Model):
    id: str
    text: str
    kind: QuoteKind
    speaker: str | None = Field(default=None, description="Actor id")
    speaker_text: str | None = None
    cue: str | None = None
    cue_start: int | None = Field(default=None, ge=0, description="Offsets of the cue in the clean text")
    cue_end: int | None = Field(default=None, ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reported_by: str | None = Field(default=None, description="Actor id of a second, reporting source "
                                    "(\"..., according to a Downing Street spokeswoman\")")
    reported_by_text: str | None = None
    rule: str | None = Field(default=None, description="Id of the cue rule that attributed the quote")


class Amount(_Model):
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    what: str | None = None
    actor: str | None = Field(default=None, description="Actor id or ISO alpha-3 country the amount belongs to")
    qualifier: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TimeRef(_Model):
    text: str
    value: str | None = Field(default=None, description="ISO date, week, month, year or interval")
    granularity: str | None = None
    role: str | None = Field(default=None, description="date (when something happens), duration ('for 20 "
                             "years', value an ISO 8601 duration) or reference (a year naming a thing: 'the 1997 "
                             "borders'); only dates date events")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Place(_Model):
    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Analysis(_Model):
    """Everything Barometer found in one article."""

    schema_id: str = Field(default=SCHEMA_ID, alias="schema")
    article: Article
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @classmethod
    def from_json(cls, payload: str | bytes | dict) -> Analysis:
        """An analysis as stored or exported by any schema version, upgraded to the current one."""
        data = json.loads(payload) if isinstance(payload, (str, bytes)) else dict(payload)
        return cls.model_validate(upgrade(data))

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=indent)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def json_schema() -> dict:
    """The JSON Schema of ``Analysis``, with the versioned schema id."""
    schema = Analysis.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Barometer analysis"
    return schema


def is_historical(date: dt.date | None, published: dt.date | None) -> bool:
    """Whether an event of ``date`` is background in an article of ``published`` (``HISTORICAL_DAYS``)."""
    return date is not None and published is not None and (published - date).days >= HISTORICAL_DAYS


def upgrade(data: dict) -> dict:
    """An analysis dict of any known schema, as the current schema reads it.

    @1 → @2: events gain ``historical`` (from their date, the same rule the coder applies to events
    with no other sign of the past) and ``mentions`` (empty); ``reported`` no longer counts as done
    (``DONE_STATUSES``), which needs no change to the data."""
    schema = data.get("schema", SCHEMA_ID)
    if schema not in KNOWN_SCHEMAS:
        raise ValueError(f"unknown analysis schema {schema!r} (known: {', '.join(KNOWN_SCHEMAS)})")
    if schema == "barometer/analysis@1":
        published = (data.get("article") or {}).get("published")
        pub = dt.date.fromisoformat(published) if published else None
        events = []
        for e in data.get("events") or []:
            e = dict(e)
            date = dt.date.fromisoformat(e["date"]) if e.get("date") else None
            e.setdefault("historical", is_historical(date, pub))
            events.append(e)
        data = {**data, "schema": SCHEMA_ID, "events": events}
    return data

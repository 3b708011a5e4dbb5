"""One time axis everywhere: events fall at their own date (else their article's), the axis has no
holes, historical events are left out unless asked for, and the CLI, API and exports agree."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from fastapi.testclient import TestClient

from barometer.analytics.export import export
from barometer.analytics.scope import Scope
from barometer.analytics.series import dyad_events, dyad_series
from barometer.model import Actor, Analysis, Article, Event, Span
from barometer.settings import Settings
from barometer.store import DuckStore

W1, W2, W4 = dt.date(2022, 3, 7), dt.date(2022, 3, 14), dt.date(2022, 3, 28)  # Mondays; W3 has no news


def _article(n: int, published: dt.date, events: list[tuple[dt.date, bool]]) -> Analysis:
    """One report with a RUS→UKR strike per (date, historical) given."""
    sents = [f"Report {n} of {published}."] + [f"Russia struck Ukraine ({k})." for k in range(len(events))]
    text = " ".join(sents)
    r, u = text.find("Russia"), text.find("Ukraine")
    actors = [Actor(id="r", name="Russia", kind="state", country="RUS", code="RUS",
                    mentions=[Span(start=r, end=r + 6, text="Russia")]),
              Actor(id="u", name="Ukraine", kind="state", country="UKR", code="UKR",
                    mentions=[Span(start=u, end=u + 7, text="Ukraine")])] if events else []
    evs, pos = [], len(sents[0]) + 1
    for k, ((day, hist), s) in enumerate(zip(events, sents[1:], strict=True)):
        evs.append(Event(id=f"e{k}", type="ASSAULT", quad_class=4, goldstein=-10.0, source="r", target="u",
                         status="asserted", date=day, historical=hist, rule="test.strike", confidence=0.9,
                         evidence=Span(start=pos, end=pos + len(s), text=s)))
        pos += len(s) + 1
    evs.append(Event(id="bg", type="CONSULT", quad_class=1, goldstein=1.0, status="asserted", date=published,
                     rule="test.background", confidence=0.2, evidence=Span(start=0, end=len(sents[0]), text=sents[0])))
    return Analysis(article=Article(id=f"{n}".rjust(64, "c"), title=f"report {n}", published=published, text=text,
                                    outlet=f"outlet {n}"), actors=actors, events=evs)


@pytest.fixture(scope="module")
def axis_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("axis") / "axis.duckdb"
    with DuckStore(path) as s:
        s.add(_article(1, W1 + dt.timedelta(days=1), []))
        # Published in W2, about a strike on the Sunday of W1, and a paragraph on 2014.
        s.add(_article(2, W2 + dt.timedelta(days=2), [(W1 + dt.timedelta(days=6), False),
                                                      (dt.date(2014, 2, 27), True)]))
        s.add(_article(3, W4, [(W4, False)]))
    return path


def test_events_fall_at_their_own_date_and_the_axis_has_no_holes(axis_store):
    with DuckStore(axis_store, read_only=True) as store:
        s = dyad_series(store, "RUS", "UKR", by="week", scope=Scope())
    assert [r["label"] for r in s.rows] == ["2022-W10", "2022-W11", "2022-W12", "2022-W13"]
    w1, w2, w3, w4 = s.rows
    assert (w1["events"], w1["articles"]) == (1, 2)  # the Sunday strike, reported in W2, is W1's; two stories speak of W1
    assert (w2["events"], w2["articles"]) == (0, 1)
    assert (w3["events"], w3["articles"], w3["conflict_intensity"]) == (0, 0, None)  # a gap, not calm
    assert (w4["events"], w4["conflict_intensity"]) == (1, 10.0)
    assert w1["conflict_intensity"] == 5.0  # 10 of conflict over the two stories about W1


def test_since_and_until_bound_the_axis_even_without_news(axis_store):
    with DuckStore(axis_store, read_only=True) as store:
        s = dyad_series(store, "RUS", "UKR", by="week", since=dt.date(2022, 2, 23), until=dt.date(2022, 3, 9))
    assert [r["label"] for r in s.rows] == ["2022-W08", "2022-W09", "2022-W10"]
    assert [r["articles"] for r in s.rows] == [0, 0, 2]


def test_historical_events_only_when_asked_and_at_their_own_date(axis_store):
    with DuckStore(axis_store, read_only=True) as store:
        default = dyad_series(store, "RUS", "UKR", by="month")
        asked = dyad_series(store, "RUS", "UKR", by="month", scope=Scope(historical=True))
    assert [r["label"] for r in default.rows] == ["2022-03"]
    assert asked.rows[0]["label"] == "2014-02" and asked.rows[0]["events"] == 1
    assert len(asked.rows) == 98  # every month from 2014-02 to 2022-03, none skipped
    assert sum(r["events"] for r in asked.rows) == sum(r["events"] for r in default.rows) + 1


def test_the_point_lists_the_events_the_series_counts(axis_store):
    with DuckStore(axis_store, read_only=True) as store:
        s = dyad_series(store, "RUS", "UKR", by="week")
        for row in s.rows:
            listed = dyad_events(store, "RUS", "UKR", period=row["period"], by="week")
            assert len(listed) == row["events"]


def test_cli_api_and_export_agree_on_a_week(axis_store, capsys):
    """The Events view, the export and the CLI filter by the same date as the timeline buckets by."""
    from barometer.api.app import create_app
    from barometer.cli import main

    week = {"since": "2022-03-07", "until": "2022-03-13"}
    with TestClient(create_app(axis_store, Settings())) as c:
        api = c.get("/api/events", params={**week, "type": "ASSAULT"}).json()
        series = c.get("/api/dyads/RUS/UKR", params={"by": "week"}).json()
    assert api["total"] == 1 and api["items"][0]["date"] == "2022-03-13"
    assert next(r for r in series["rows"] if r["label"] == "2022-W10")["events"] == 1
    with DuckStore(axis_store, read_only=True) as store:
        buf = io.StringIO()
        assert export(store, "jsonl", buf, since=W1, until=W1 + dt.timedelta(days=6), type="ASSAULT",
                      historical=False) == 1
        assert json.loads(buf.getvalue())["date"] == "2022-03-13"
    assert main(["events", "--db", str(axis_store), "--since", week["since"], "--until", week["until"],
                 "--type", "ASSAULT", "--format", "json"]) == 0
    assert [r["date"] for r in json.loads(capsys.readouterr().out)] == ["2022-03-13"]


def test_the_confidence_bound_applies_to_lists_too(axis_store):
    from barometer.api.app import create_app

    with TestClient(create_app(axis_store, Settings())) as c:
        default = c.get("/api/events").json()["total"]
        everything = c.get("/api/events", params={"min_confidence": 0}).json()["total"]
        historical = c.get("/api/events", params={"min_confidence": 0, "historical": True}).json()["total"]
    assert (default, everything, historical) == (2, 5, 6)  # the 0.2 background events under the default 0.3

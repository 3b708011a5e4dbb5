"""The REST API through FastAPI's TestClient: pagination, filters, errors, tokens, limits, CORS."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from tests.conftest import SYNTHETIC_SPIKE_WEEK

from barometer.api.app import create_app
from barometer.settings import Settings


@pytest.fixture(scope="module")
def client(synthetic_store_path):
    with TestClient(create_app(synthetic_store_path, Settings())) as c:
        yield c


def test_openapi_schema_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/quotes", "/api/actors",
              "/api/dyads/{a}/{b}", "/api/dyads/{a}/{b}/events", "/api/alerts", "/api/analyze", "/api/network"):
        assert p in paths, p
    assert "post" in paths["/api/articles"] and "post" in paths["/api/analyze"]


def test_events_paginate_without_overlap(client):
    first = client.get("/api/events", params={"limit": 30}).json()
    second = client.get("/api/events", params={"limit": 30, "offset": 30}).json()
    assert first["total"] == second["total"] == 145
    ids = [(e["article_id"], e["event_id"]) for e in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 60
    last = client.get("/api/events", params={"limit": 30, "offset": 150}).json()
    assert last["items"] == [] and last["total"] == 145


def test_event_filters(client):
    def total(**params):
        return client.get("/api/events", params=params).json()["total"]

    assert total(actor="FRA") == 3
    assert total(actor="rusmil") == 10
    assert total(type="assault") == 20
    assert total(status="announced") == 3
    assert total(since=SYNTHETIC_SPIKE_WEEK.isoformat(), until=(SYNTHETIC_SPIKE_WEEK + dt.timedelta(days=6)).isoformat()) == 20
    assert total(text="struck") == 10
    assert total(text="'; DROP TABLE events; --") == 0
    assert total() == 145  # the hostile text above was a parameter, not SQL


def test_clear_4xx_errors(client):
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 10_000}).status_code == 422
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    r = client.get("/api/articles/" + "f" * 64)
    assert r.status_code == 404 and "no article" in r.json()["detail"]
    assert client.get("/api/articles/not-hex").status_code == 422
    assert client.get("/api/dyads/RUS/UKR", params={"by": "year"}).status_code == 422
    assert client.get("/api/dyads/RUS/<script>").status_code in (404, 422)
    r = client.get("/api/actors?offset=junk&offset=0&limit=1")  # one value taken, the junk dropped: refused
    assert r.status_code == 422 and "takes one value, given 2" in r.json()["detail"][0]["msg"]
    assert client.get("/api/actors?offset=0&limit=1").status_code == 200
    r = client.get("/api/dyads/RUS/UKR", params={"since": "2022-03-01", "until": "2022-02-01"})
    assert r.status_code == 400 and "is before since" in r.json()["detail"]  # the rule the schema cannot state
    assert client.get("/api/alerts", params={"window": 1}).status_code == 422


def test_articles_quotes_actors(client):
    arts = client.get("/api/articles", params={"q": "report 7.", "limit": 5}).json()
    assert arts["total"] == 10 and len(arts["items"]) == 5
    for path, key in (("/api/articles", "q"), ("/api/quotes", "text"), ("/api/quotes", "speaker"), ("/api/actors", "q")):
        assert client.get(path, params={key: "%"}).json()["total"] == 0, (path, key)  # % is no wildcard
    one = client.get(f"/api/articles/{arts['items'][0]['id']}").json()
    assert one["schema"] == "barometer/analysis@2"
    for e in one["events"]:
        assert one["article"]["text"][e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
    actors = client.get("/api/actors", params={"limit": 2}).json()
    assert actors["total"] == 4 and {a["code"] for a in actors["items"]} == {"RUS", "UKR"}
    assert client.get("/api/quotes").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}


def test_dyad_series_point_events_and_alerts(client):
    s = client.get("/api/dyads/RUS/UKR", params={"by": "week"}).json()
    spike = next(r for r in s["rows"] if r["label"] == "2022-W08")
    assert spike["conflict_intensity"] == 20.0 and spike["events"] == 20
    ev = client.get("/api/dyads/RUS/UKR/events", params={"period": spike["period"]}).json()["items"]
    assert len(ev) == 20
    alerts = client.get("/api/alerts").json()["items"]
    assert [a["label"] for a in alerts] == ["2022-W08"]
    assert client.get("/api/network").json()["edges"][0]["src"] == "RUS"


def test_analyze_returns_an_analysis_without_storing(client, nlp):
    text = "Russia warns Ukraine\n\nRussian forces shelled positions near Kharkiv on Monday, Ukraine's army said."
    before = client.get("/api/articles").json()["total"]
    r = client.post("/api/analyze", json={"text": text, "published": "2022-02-24"})
    assert r.status_code == 200
    body = r.json()
    assert body["article"]["published"] == "2022-02-24" and "Kharkiv" in body["article"]["text"]
    assert client.get("/api/articles").json()["total"] == before
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422
    assert client.post("/api/analyze", json={"published": "2022-02-24"}).status_code == 422


def test_body_size_limit(synthetic_store_path):
    with TestClient(create_app(synthetic_store_path, Settings(api_max_bytes=1000))) as c:
        r = c.post("/api/analyze", json={"text": "x" * 2000})
        assert r.status_code == 413 and "api_max_bytes" in r.json()["detail"]

        def chunks():
            yield b'{"text": "'
            yield b"y" * 1500
            yield b'"}'

        r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def new_store(path):
    """An empty store: the API reads an existing store, and creates one only when writes are enabled."""
    from barometer.store import DuckStore

    DuckStore(path).close()
    return path


def test_writes_need_the_token(tmp_path, nlp):
    text = "Talks in Geneva\n\nFrance and Germany consulted Russia about the crisis on Tuesday."
    with TestClient(create_app(new_store(tmp_path / "w.duckdb"), Settings())) as c:
        r = c.post("/api/articles", json={"text": text})
        assert r.status_code == 403 and "BAROMETER_API_TOKEN" in r.json()["detail"]
    with TestClient(create_app(tmp_path / "w2.duckdb", Settings(api_token="s3cret"))) as c:
        assert c.post("/api/articles", json={"text": text}).status_code == 401
        assert c.post("/api/articles", json={"text": text}, headers={"Authorization": "Bearer nope"}).status_code == 401
        r = c.post("/api/articles", json={"text": text, "published": "2022-02-01"},
                   headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201 and r.json()["added"] is True
        again = c.post("/api/articles", json={"text": text}, headers={"X-Barometer-Token": "s3cret"})
        assert again.json()["added"] is False
        stored = c.get(f"/api/articles/{r.json()['id']}").json()
        assert stored["article"]["published"] == "2022-02-01"
        # Reads stay public unless configured otherwise.
        assert c.get("/api/events").status_code == 200


def test_reads_can_require_the_token(tmp_path):
    settings = Settings(api_token="t0k", api_read_requires_token=True)
    with TestClient(create_app(tmp_path / "r.duckdb", settings)) as c:
        r = c.get("/api/events")
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.get("/api/events", headers={"Authorization": "Bearer t0k"}).status_code == 200
        assert c.get("/api/events", headers={"Authorization": "Bearer t0k-"}).status_code == 401


def test_cors_is_off_unless_configured(tmp_path):
    pre = {"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(new_store(tmp_path / "c.duckdb"), Settings())) as c:
        assert "access-control-allow-origin" not in c.options("/api/events", headers=pre).headers
        assert "access-control-allow-origin" not in c.get("/api/events", headers={"Origin": "https://example.org"}).headers
    with TestClient(create_app(new_store(tmp_path / "c2.duckdb"), Settings(api_cors_origins="https://example.org"))) as c:
        assert c.options("/api/events", headers=pre).headers["access-control-allow-origin"] == "https://example.org"


def test_serve_binds_to_loopback_by_default(monkeypatch):
    from barometer.cli import build_parser

    monkeypatch.delenv("BAROMETER_API_HOST", raising=False)
    assert Settings.from_env().api_host == "127.0.0.1"
    args = build_parser().parse_args(["serve"])
    assert args.host is None and args.port is None  # falls back to the settings above


def test_quotes_say_who_said_what_about_whom(tmp_path):
    from barometer.model import Actor, Analysis, Article, Event, Quote, Span
    from barometer.store import DuckStore

    text = 'Putin said: "Ukraine provoked us." Biden met Scholz.'
    q_start, q_end = text.index('"') + 1, text.index('."') + 1
    sent = text[:text.index(" Biden")]
    analysis = Analysis(
        article=Article(id="cd" * 32, title="t", published=dt.date(2022, 2, 1), text=text),
        actors=[Actor(id="a1", name="Vladimir Putin", kind="person", country="RUS", code="RUSGOV",
                      mentions=[Span(start=0, end=5, text="Putin")]),
                Actor(id="a2", name="Ukraine", kind="state", country="UKR", code="UKR",
                      mentions=[Span(start=q_start, end=q_start + 7, text="Ukraine")])],
        quotes=[Quote(id="q1", text=text[q_start:q_end], kind="direct", speaker="a1", speaker_text="Putin",
                      start=q_start, end=q_end)],
        events=[Event(id="e1", type="ACCUSE", quad_class=3, goldstein=-2.0, source="a1", target="a2", quote="q1",
                      evidence=Span(start=0, end=len(sent), text=sent), rule="test.accuse")])
    db = tmp_path / "q.duckdb"
    with DuckStore(db) as store:
        store.add(analysis)
    with TestClient(create_app(db, Settings())) as c:
        items = c.get("/api/quotes").json()["items"]
        assert len(items) == 1
        assert items[0]["about"] == "Ukraine" and items[0]["event_types"] == "ACCUSE"
        assert items[0]["text"] == "Ukraine provoked us."
        assert c.get("/api/quotes", params={"about": "ukr"}).json()["total"] == 1
        assert c.get("/api/quotes", params={"about": "USA"}).json()["total"] == 0


def test_405_names_every_method_the_path_allows(client):
    """GET and POST /api/articles are two routes; a DELETE must be told both, not the first one's."""
    r = client.delete("/api/articles")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, POST"
    r = client.post("/api/events")
    assert r.status_code == 405 and r.headers["allow"] == "GET"
    assert client.get("/api/no-such-thing").status_code == 404  # other HTTP errors as before

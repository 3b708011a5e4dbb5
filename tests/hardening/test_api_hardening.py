"""The API against hostile clients: schema-driven junk on every read endpoint, injection strings in
every filter, writes without the token, bodies that are too big, not JSON or not an article, and
server errors that must not leak a stack trace.

Why schema-driven: the list of endpoints and parameters comes from the app's own OpenAPI schema, so
an endpoint added later is covered without touching this file. ``test_api_schemathesis.py`` adds
schemathesis' generated requests and response-conformance checks on top of this hand-picked junk.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from barometer.api.app import create_app
from barometer.settings import Settings

INJECTIONS = [
    "' OR '1'='1", "'; DROP TABLE events; --", "RUS' UNION SELECT * FROM articles --", "%", "_", "\\",
    "\x00", "😀" * 10, "<script>alert(1)</script>", "${jndi:ldap://x}", "../../etc/passwd", "NULL", "-1", "1e309",
]
#: Junk for each declared parameter type (plus the injection strings for every string parameter).
JUNK = {
    "integer": ["-1", "0", "99999999999999999999", "1.5", "abc", ""],
    "number": ["nan", "inf", "-inf", "1e400", "abc"],
    "boolean": ["maybe", "2", ""],
    "string": INJECTIONS,
}
DATE_JUNK = ["2022-02-30", "0000-00-00", "9999-99-99", "yesterday", "2022-13-01", "99999-01-01"]


#: The token of the ``client`` fixture: with a token set, ``POST /api/analyze`` needs it (api_analyze_public).
AUTH = {"Authorization": "Bearer s3cret"}


@pytest.fixture(scope="module")
def client(synthetic_store_path, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("api-hard") / "s.duckdb"
    shutil.copy(synthetic_store_path, path)
    with TestClient(create_app(path, Settings(api_token="s3cret")), raise_server_exceptions=False) as c:
        yield c


def _get_operations(schema: dict) -> list[tuple[str, list[dict]]]:
    return [(path, op.get("parameters", [])) for path, ops in schema["paths"].items()
            for method, op in ops.items() if method == "get"]


def _fill(path: str, params: list[dict], override: dict[str, str]) -> tuple[str, dict[str, str]]:
    defaults = {"a": "RUS", "b": "UKR", "article_id": "f" * 64, "period": "2022-02-21"}
    query: dict[str, str] = {}
    for p in params:
        name = p["name"]
        value = override.get(name, defaults.get(name))
        if p["in"] == "path":
            path = path.replace("{" + name + "}", quote(value or "x", safe=""))
        elif value is not None:
            query[name] = value
    return path, query


def _types(p: dict) -> set[str]:
    schema = p.get("schema", {})
    options = schema.get("anyOf", [schema])
    return {("date" if o.get("format") == "date" else o.get("type", "string")) for o in options} - {"null"}


def test_no_read_endpoint_gives_a_5xx_whatever_the_parameters(client):
    ops = _get_operations(client.get("/openapi.json").json())
    assert len(ops) >= 9
    tried = 0
    for path, params in ops:
        for p in params:
            for kind in _types(p):
                for junk in (DATE_JUNK if kind == "date" else JUNK.get(kind, INJECTIONS)):
                    url, query = _fill(path, params, {p["name"]: junk})
                    r = client.get(url, params=query)
                    tried += 1
                    assert r.status_code < 500, f"GET {url} {query} -> {r.status_code}: {r.text[:300]}"
                    if r.status_code >= 400:
                        detail = r.json()["detail"]
                        assert detail, f"GET {url} {query}: a 4xx must say what is wrong"
    assert tried > 200


def test_injection_strings_in_every_filter_change_nothing(client):
    before = {t: client.get(f"/api/{t}", params={"limit": 1}).json()["total"]
              for t in ("events", "articles", "quotes", "actors")}
    filters = {"events": ["actor", "type", "status", "text", "article"], "articles": ["q"],
               "quotes": ["speaker", "text", "article"], "actors": ["q"]}
    for endpoint, names in filters.items():
        for name in names:
            for junk in INJECTIONS:
                r = client.get(f"/api/{endpoint}", params={name: junk})
                assert r.status_code in (200, 422), (endpoint, name, junk, r.text[:200])
                if r.status_code == 200 and junk in ("' OR '1'='1", "RUS' UNION SELECT * FROM articles --"):
                    assert r.json()["total"] < before[endpoint] or before[endpoint] == 0, \
                        f"{endpoint}?{name}={junk!r} matched everything: the filter was not a bound parameter"
    after = {t: client.get(f"/api/{t}", params={"limit": 1}).json()["total"] for t in before}
    assert after == before


def test_every_write_endpoint_needs_the_token(client):
    schema = client.get("/openapi.json").json()
    writes = [(path, m) for path, ops in schema["paths"].items() for m in ops
              if m in ("post", "put", "patch", "delete") and path != "/api/analyze"]
    assert writes, "the API has write endpoints"
    body = {"text": "Talks\n\nRussia rejected NATO's demands on Wednesday, the Kremlin said."}
    before = client.get("/api/articles").json()["total"]
    for path, method in writes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer s3cre"},
                        {"Authorization": "Basic s3cret"}, {"X-Barometer-Token": ""}):
            r = client.request(method, path, json=body, headers=headers)
            assert r.status_code == 401, (path, method, headers, r.status_code)
    assert client.get("/api/articles").json()["total"] == before, "a refused write stored something"


@pytest.mark.parametrize("value", ["0", "1643328000", "2022-1-28", "20220128", "2022-01-28T00:00:00"])
def test_dates_must_be_written_yyyy_mm_dd(client, value):
    """pydantic alone reads ``0`` or ``1643328000`` as a Unix time: ``until=0`` meant 1970-01-01 and
    answered 200 (found by schemathesis). Query dates and the body's ``published`` are ISO or 422."""
    r = client.get("/api/events", params={"until": value})
    assert r.status_code == 422 and "YYYY-MM-DD" in r.text, (value, r.status_code, r.text[:200])
    r = client.post("/api/analyze", json={"text": "T\n\nRussia said so.", "published": value}, headers=AUTH)
    assert r.status_code == 422 and "YYYY-MM-DD" in r.text, (value, r.status_code, r.text[:200])
    r = client.post("/api/analyze", json={"text": "T\n\nRussia said so.", "published": int(value[:4])}, headers=AUTH)
    assert r.status_code == 422
    assert client.get("/api/events", params={"until": "2022-01-28"}).status_code == 200


def test_tokens_are_compared_in_constant_time_for_writes_and_reads(synthetic_store_path, monkeypatch):
    """Every token check, write or (when configured) read, goes through ``hmac.compare_digest``; a
    plain ``==`` leaks through its timing how many leading characters of a guess are right."""
    import hmac

    from barometer.api import security

    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    settings = Settings(api_token="s3cret", api_read_requires_token=True)
    with TestClient(create_app(synthetic_store_path, settings)) as c:
        assert c.get("/api/events", headers={"Authorization": "Bearer s3cre"}).status_code == 401
        assert calls[-1] == (b"s3cret", b"s3cre")
        assert c.get("/api/events", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        # A token outside ASCII must be refused, not crash the comparison (str compare_digest raises).
        assert c.get("/api/events", headers={"X-Barometer-Token": "s3crét".encode()}).status_code == 401
        n = len(calls)
        assert c.post("/api/articles", json={"text": "T\n\nx"}, headers={"Authorization": "Bearer nope"}).status_code == 401
        assert len(calls) > n and calls[-1][1] == b"nope"


def test_serve_binds_to_loopback_unless_told_otherwise(tmp_path, monkeypatch, capsys):
    """What reaches uvicorn, not only the setting: no flag and no environment means 127.0.0.1; another
    address is used only when asked for, with a warning that the server is reachable from outside."""
    import uvicorn

    from barometer.cli import main
    from barometer.store import DuckStore

    bound: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: bound.append(kw))
    monkeypatch.delenv("BAROMETER_API_HOST", raising=False)
    DuckStore(tmp_path / "a.duckdb").close()  # serve reads an existing store; it never creates one
    assert main(["serve", "--db", str(tmp_path / "a.duckdb")]) == 0
    assert bound[-1]["host"] == "127.0.0.1"
    assert "warning" not in capsys.readouterr().err
    assert main(["serve", "--db", str(tmp_path / "a.duckdb"), "--host", "0.0.0.0"]) == 0
    assert bound[-1]["host"] == "0.0.0.0"
    assert "reachable from other machines" in capsys.readouterr().err


@pytest.mark.parametrize(("content", "ctype", "status"), [
    (b"{not json", "application/json", 422),
    (b'{"text": "x"', "application/json", 422),
    (b"[1, 2, 3]", "application/json", 422),
    (b'{"text": 42}', "application/json", 422),
    (b'{"text": "Title\\n\\nRussia said so.", "published": "2022-02-30"}', "application/json", 422),
    (b"text=hello", "application/x-www-form-urlencoded", 422),
    (b"Russia said so.", "text/plain", 422),
    (b"\xff\xfe\x00binary", "application/octet-stream", 400),
])
def test_bad_bodies_get_a_clear_4xx(client, content, ctype, status):
    r = client.post("/api/analyze", content=content, headers={"content-type": ctype, **AUTH})
    assert r.status_code == status, r.text[:300]
    assert r.json()["detail"], "a 4xx must say what is wrong"


def test_documented_input_errors_are_400_with_the_reason(client):
    r = client.post("/api/analyze", json={"text": "   \n\n  "}, headers=AUTH)
    assert r.status_code == 400 and "empty" in r.json()["detail"]
    r = client.post("/api/analyze", json={"text": "<html><head><title>T</title></head><body><script>var x = 1;"
                                                  "</script><img src='a.png'></body></html>"}, headers=AUTH)
    assert r.status_code == 400 and "no main article text" in r.json()["detail"]


def test_oversized_bodies_are_413_before_parsing(synthetic_store_path):
    with TestClient(create_app(synthetic_store_path, Settings(api_max_bytes=5_000, api_token="t"))) as c:
        for path, headers in (("/api/analyze", {}), ("/api/articles", {"Authorization": "Bearer t"})):
            r = c.post(path, content=b'{"text": "' + b"a" * 10_000 + b'"}',
                       headers={"content-type": "application/json", **headers})
            assert r.status_code == 413 and "api_max_bytes" in r.json()["detail"]
        # a lying Content-Length does not get the body parsed either
        r = c.post("/api/analyze", content=b"x" * 6_000, headers={"content-type": "application/json",
                                                                  "content-length": "10"})
        assert r.status_code in (400, 413, 422)


def test_server_errors_do_not_leak_a_stack_trace(client, monkeypatch):
    from barometer.api import queries

    def boom(*_a, **_k):
        raise RuntimeError("secret internal state at /srv/barometer/db.py line 42")

    monkeypatch.setattr(queries, "events", boom)
    r = client.get("/api/events")
    assert r.status_code == 500
    assert "Traceback" not in r.text and "secret internal state" not in r.text and ".py" not in r.text


def test_reads_never_fail_while_a_batch_ingests_into_the_same_store(tmp_path, nlp):
    """The load benchmark's promise (bench/load_api.py), small: reads during a real batch all succeed."""
    import sys
    import threading
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.load_api import write_corpus

    from barometer.batch import ingest_paths
    from barometer.store import DuckStore

    write_corpus(tmp_path / "corpus", 12)
    store = DuckStore(tmp_path / "live.duckdb")
    app = create_app(store=store, settings=Settings())
    result = {}

    def ingest() -> None:
        result["report"] = ingest_paths([tmp_path / "corpus"], store, date_from_names=True, progress=False,
                                        batch_size=1)

    with TestClient(app) as c:
        worker = threading.Thread(target=ingest)
        worker.start()
        statuses, seen = [], set()
        while worker.is_alive():
            for url in ("/api/events?limit=20", "/api/articles", "/api/dyads/RUS/UKR", "/api/health"):
                r = c.get(url)
                statuses.append(r.status_code)
            seen.add(c.get("/api/articles").json()["total"])
        worker.join()
        assert result["report"].added == 12 and not result["report"].failed
        assert c.get("/api/articles").json()["total"] == 12
    store.close()
    assert len(statuses) >= 8 and set(statuses) == {200}, f"reads failed during ingestion: {set(statuses)}"
    assert len(seen) > 1, "the reads did not overlap the batch"

"""The API refuses what it does not understand, guards every read, bounds analyses and sets its headers."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

from barometer.api.app import create_app
from barometer.settings import Settings


@pytest.fixture(scope="module")
def client(synthetic_store_path):
    with TestClient(create_app(synthetic_store_path, Settings())) as c:
        yield c


def test_unknown_query_parameters_are_422_with_the_allowed_ones(client):
    r = client.get("/api/events", params={"foo": "bar"})
    assert r.status_code == 422
    (err,) = r.json()["detail"]
    assert err["loc"] == ["query", "foo"] and "'foo'" in err["msg"] and "actor" in err["msg"] and "limit" in err["msg"]
    assert client.get("/api/articles", params={"q": "x", "qq": "y"}).status_code == 422
    assert client.get("/api/events", params={"actor": "RUS"}).status_code == 200


def test_routes_added_later_are_guarded_too(synthetic_store_path):
    app = create_app(synthetic_store_path, Settings())

    @app.get("/api/extra")
    def extra(n: int = 1) -> dict:
        return {"n": n}

    with TestClient(app) as c:
        assert c.get("/api/extra", params={"n": 2}).json() == {"n": 2}
        assert c.get("/api/extra", params={"m": 2}).status_code == 422
        assert c.get("/api/extra").headers["x-content-type-options"] == "nosniff"


def test_enum_values_are_checked_in_any_case(client):
    r = client.get("/api/events", params={"type": "MOBILZE"})
    assert r.status_code == 422 and "MOBILIZE" in r.text  # the allowed values are listed
    r = client.get("/api/events", params={"status": "done"})
    assert r.status_code == 422 and "asserted" in r.text
    upper = client.get("/api/events", params={"type": "ASSAULT", "status": "asserted"}).json()
    lower = client.get("/api/events", params={"type": "assault", "status": "ASSERTED"}).json()
    assert upper["total"] == lower["total"] > 0


def test_nosniff_on_every_response(client):
    for path in ("/api/events", "/api/articles/00", "/api/nowhere", "/", "/api/live"):
        assert client.get(path).headers["x-content-type-options"] == "nosniff", path


def test_the_token_guards_every_read_but_liveness(synthetic_store_path):
    settings = Settings(api_token="tok", api_read_requires_token=True)
    with TestClient(create_app(synthetic_store_path, settings)) as c:
        for path in ("/api/health", "/openapi.json", "/docs", "/api/events", "/api/articles"):
            assert c.get(path).status_code == 401, path
            assert c.get(path, headers={"Authorization": "Bearer tok"}).status_code == 200, path
        live = c.get("/api/live")
        assert live.status_code == 200 and live.json() == {"status": "ok"}  # no counts, no version


class _Slow:
    """Stands in for the pipeline: an analysis that takes ``seconds``."""

    def __init__(self, real, seconds: float) -> None:
        self.real, self.seconds = real, seconds

    def analyze(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        time.sleep(self.seconds)
        return self.real.analyze(*args, **kwargs)


def test_analyze_needs_the_token_once_one_is_set_unless_made_public(synthetic_store_path, nlp):
    body = {"text": "T\n\nRussian forces shelled Kharkiv on Monday.", "published": "2022-02-24"}
    with TestClient(create_app(synthetic_store_path, Settings(api_token="tok"))) as c:
        assert c.post("/api/analyze", json=body).status_code == 401
        assert c.post("/api/analyze", json=body, headers={"Authorization": "Bearer tok"}).status_code == 200
    with TestClient(create_app(synthetic_store_path, Settings(api_token="tok", api_analyze_public=True))) as c:
        assert c.post("/api/analyze", json=body).status_code == 200
    with TestClient(create_app(synthetic_store_path, Settings())) as c:
        assert c.post("/api/analyze", json={**body, "extra": 1}).status_code == 422  # unknown field
        r = c.post("/api/analyze", json={**body, "title_line": "no"})
        assert r.status_code == 200 and r.json()["article"]["title"] is None


def test_analyze_has_its_own_size_limit(synthetic_store_path):
    with TestClient(create_app(synthetic_store_path, Settings(api_analyze_max_bytes=1000))) as c:
        r = c.post("/api/analyze", json={"text": "x" * 2000})
        assert r.status_code == 413 and "api_analyze_max_bytes" in r.json()["detail"]


def test_analyses_beyond_the_queue_get_429_and_slow_ones_503(synthetic_store_path, nlp):
    settings = Settings(api_analyze_concurrency=1, api_analyze_queue=1, api_analyze_timeout=1.5)
    app = create_app(synthetic_store_path, settings)
    app.state.pipeline = _Slow(app.state.pipeline, 1.0)
    body = {"text": "T\n\nRussian forces shelled Kharkiv on Monday.", "published": "2022-02-24"}
    with TestClient(app) as c:
        c.post("/api/analyze", json=body)  # warm: the real pipeline loads its data once
        codes: list[int] = []
        headers: list[dict] = []

        def post() -> None:
            r = c.post("/api/analyze", json=body)
            codes.append(r.status_code)
            headers.append(dict(r.headers))

        threads = [threading.Thread(target=post) for _ in range(4)]
        for t in threads:
            t.start()
            time.sleep(0.05)
        for t in threads:
            t.join(30)
        assert sorted(codes).count(429) == 2, codes  # one runs, one waits, two are turned away
        assert all(h.get("retry-after", "").isdigit() for h, code in zip(headers, codes, strict=True) if code == 429)
        assert 200 in codes  # the first; the one that waited ran past the 1.5 s limit, or just made it
        assert set(codes) <= {200, 429, 503}
        app.state.pipeline.seconds = 3.0
        r = c.post("/api/analyze", json=body)
        assert r.status_code == 503 and "api_analyze_timeout" in r.json()["detail"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_closes_stalled_connections(synthetic_store_path):
    """The uvicorn options of `barometer serve`: a half-sent head is cut after api_header_timeout, a
    stalled body answered 408 after api_body_timeout."""
    import uvicorn

    from barometer.api.server import uvicorn_options

    settings = Settings(api_header_timeout=1.0, api_body_timeout=1.0)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(synthetic_store_path, settings), host="127.0.0.1", port=port,
                                           **uvicorn_options(settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.1)
        t0 = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"GET /api/live HTTP/1.1\r\nHost: x\r\n")  # never ends the head
            assert s.recv(100) == b""  # closed by the server
        assert time.monotonic() - t0 < 5
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100\r\n\r\n{\"text\":")
            assert b" 408 " in s.recv(1000).split(b"\r\n")[0]
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:  # a normal request still works
            s.sendall(b"GET /api/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert b" 200 " in s.recv(1000).split(b"\r\n")[0]
    finally:
        server.should_exit = True
        thread.join(10)

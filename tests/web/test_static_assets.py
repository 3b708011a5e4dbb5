"""The dashboard shell and its static files: served by the API process, and nothing from a CDN.

Why: the dashboard must work on a machine without internet access, so every script, style and
font it references has to come from the same server (and the CSP forbids anything else anyway).
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from barometer.api.app import create_app
from barometer.settings import Settings

WEB = resources.files("barometer.web")


@pytest.fixture(scope="module")
def client(synthetic_store_path):
    with TestClient(create_app(synthetic_store_path, Settings())) as c:
        yield c


def _references(html: str) -> list[str]:
    return re.findall(r'(?:src|href)\s*=\s*"([^"]+)"', html)


def test_index_is_served_with_a_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    for panel in ("dyad-chart", "events-table", "quotes-table", "article-text"):
        assert f'id="{panel}"' in r.text, panel


def test_every_referenced_asset_is_local_and_served(client):
    html = client.get("/").text
    refs = [u for u in _references(html) if not u.startswith("#")]
    assert any(u.endswith("chart.umd.min.js") for u in refs) and any(u.endswith("app.js") for u in refs)
    for url in refs:
        assert not re.match(r"^(https?:)?//", url), f"external reference in index.html: {url}"
        r = client.get(url)
        assert r.status_code == 200 and r.content, url


def test_no_static_file_loads_from_the_network():
    static = WEB.joinpath("static")
    offenders = []
    for path in (static.joinpath("app.js"), static.joinpath("app.css"), WEB.joinpath("templates", "index.html")):
        text = path.read_text("utf-8")
        # fetch()/import()/url() of an absolute http(s) or protocol-relative address
        offenders += [f"{path.name}: {m}" for m in re.findall(r"""(?:fetch|import|url)\(\s*['"]?((?:https?:)?//[^'")]+)""",
                                                                   text)]
    assert not offenders, offenders


def test_vendored_chart_library_ships_with_its_licence():
    vendor = WEB.joinpath("static", "vendor", "chartjs")
    assert "MIT" in vendor.joinpath("LICENSE.md").read_text("utf-8")
    head = vendor.joinpath("chart.umd.min.js").read_text("utf-8")[:400]
    assert "Chart.js" in head and re.search(r"v?\d+\.\d+\.\d+", head)


def test_unknown_static_file_is_404(client):
    assert client.get("/static/nope.js").status_code == 404
    assert client.get("/static/../settings.py").status_code == 404

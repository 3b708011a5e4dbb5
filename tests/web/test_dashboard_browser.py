"""End-to-end: the dashboard in headless Chromium over a store built from the bundled samples.

Loads the page, clicks a point of the dyad chart, clicks one of the listed events and checks
that the article opens with exactly that event's evidence sentence highlighted. Screenshots go
to test-artifacts/. Skips (with the reason) when /usr/bin/chromium or Playwright is missing.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
expect = None  # playwright.sync_api.expect, bound by the browser fixture (Playwright is optional)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("headless browser test: /usr/bin/chromium is absent (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="headless browser test: Playwright is absent (pip install playwright)")
    global expect
    expect = sync_api.expect
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def served(sample_store_path, tmp_path_factory):
    """The app over a copy of the sample store, plus one hostile article, served by uvicorn in a thread."""
    import uvicorn

    from barometer.api.app import create_app
    from barometer.model import Analysis, Article, Event, Span
    from barometer.settings import Settings
    from barometer.store import DuckStore

    db = tmp_path_factory.mktemp("web") / "dash.duckdb"
    shutil.copy(sample_store_path, db)
    store = DuckStore(db)
    text = "<img src=x onerror=\"document.body.dataset.pwned='1'\"> <script>document.body.dataset.pwned='2'</script>"
    store.add(Analysis(article=Article(id="ab" * 32, title="<b>hostile</b> title", published=None, text=text),
                       events=[Event(id="e1", type="ACCUSE", evidence=Span(start=0, end=len(text), text=text),
                                     rule="test.hostile")]))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings=Settings(), store=store), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def test_chart_point_to_event_to_highlighted_sentence(browser, served):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    rows = page.evaluate("window.barometer.state.series.rows")
    idx = next(i for i, r in enumerate(rows) if r["events"] + r["threats"] > 0)
    # Where Chart.js drew that point (conflict intensity line), in page coordinates: a real mouse click.
    x, y = page.evaluate("i => { const p = window.barometer.state.chart.getDatasetMeta(1).data[i];"
                         " return [p.x, p.y]; }", idx)
    box = page.locator("#dyad-chart").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#point-events tbody tr", timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-timeline.png"), full_page=True)
    title = page.text_content("#point-title")
    assert rows[idx]["label"] in title
    first = page.locator("#point-events tbody tr").first
    article_id, event_id = first.get_attribute("data-article"), first.get_attribute("data-event")
    first.click()
    page.wait_for_selector("#article-text .focus", timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "dashboard-article.png"), full_page=True)
    an = page.evaluate(f"fetch('/api/articles/{article_id}').then(r => r.json())")
    ev = next(e for e in an["events"] if e["id"] == event_id)
    highlighted = "".join(page.locator("#article-text .focus").all_text_contents())
    assert highlighted == ev["evidence"]["text"]
    assert page.text_content("#focus-evidence") == ev["evidence"]["text"]
    assert all("hl-event" in c for c in page.locator("#article-text .focus").evaluate_all(
        "ns => ns.map(n => n.className)"))
    assert page.url.endswith(f"#/article/{article_id}/{event_id}")
    assert errors == []


def test_article_text_is_escaped(browser, served):
    page = browser.new_page()
    page.goto(served + "/#/article/" + "ab" * 32 + "/e1")
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    page.wait_for_selector("#article-text .focus", timeout=10_000)
    assert page.text_content("#article-title") == "<b>hostile</b> title"
    assert "<img src=x" in page.text_content("#article-text")
    assert page.locator("#article-text img, #article-text script, #article-title b").count() == 0
    assert page.evaluate("document.body.dataset.pwned") is None
    page.screenshot(path=str(ARTIFACTS / "dashboard-escaped.png"))


def test_event_table_filters_and_opens_article(browser, served):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(served + "/#/events")
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    page.wait_for_selector("#events-table tbody tr")
    n_all = page.locator("#events-table tbody tr").count()
    page.fill("#events-form input[name=type]", "ACCUSE")
    page.fill("#events-form input[name=text]", "onerror")
    page.click("#events-form button")
    # expect() polls from Python: the page's CSP forbids the eval that wait_for_function needs.
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    assert n_all > 1
    assert page.locator("#events-table tbody tr").first.get_attribute("data-article") == "ab" * 32
    page.click("#events-table tbody tr")
    page.wait_for_selector("#article-text .focus")
    assert page.text_content("#article-title") == "<b>hostile</b> title"

"""End-to-end: every view of the dashboard in headless Chromium, over real stores served by uvicorn.

Over the store built from the bundled samples (plus one hostile article): chart point → event →
highlighted sentence; the chart's title, URL and alerts follow every control; the network, the
map, the article browser, the event table with its pager and exports, /docs and the favicon, with
no request leaving 127.0.0.1. Over the synthetic crisis: the alerts overview and the live banner
that shows a new alert without a reload. Screenshots of each view go to docs/img/. Skips (with
the reason) when /usr/bin/chromium or Playwright is missing; `.ci/run` installs Chromium.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
expect = None  # playwright.sync_api.expect, bound by the browser fixture (Playwright is optional)
IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
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


def _serve(store):
    import uvicorn

    from barometer.api.app import create_app
    from barometer.settings import Settings

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings=Settings(), store=store), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def served(sample_store_path, tmp_path_factory):
    """The app over a copy of the sample store, plus one hostile article, served by uvicorn in a thread."""
    from barometer.model import Analysis, Article, Event, Span
    from barometer.store import DuckStore

    db = tmp_path_factory.mktemp("web") / "dash.duckdb"
    shutil.copy(sample_store_path, db)
    store = DuckStore(db)
    text = "<img src=x onerror=\"document.body.dataset.pwned='1'\"> <script>document.body.dataset.pwned='2'</script>"
    store.add(Analysis(article=Article(id="ab" * 32, title="<b>hostile</b> title", published=None, text=text),
                       events=[Event(id="e1", type="ACCUSE", evidence=Span(start=0, end=len(text), text=text),
                                     rule="test.hostile")]))
    server, thread, url = _serve(store)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def crisis(synthetic_store_path, tmp_path_factory):
    """The app over a copy of the synthetic crisis (one alert, in 2022-W08), and its store."""
    from barometer.store import DuckStore

    db = tmp_path_factory.mktemp("crisis") / "crisis.duckdb"
    shutil.copy(synthetic_store_path, db)
    store = DuckStore(db)
    server, thread, url = _serve(store)
    yield url, store
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def _page(browser, url, *, width=1300, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.errors, page.requests = [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    return page


def _shot(page, name):
    IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMG / f"dashboard-{name}.png"), full_page=True)


def _query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def _offline(page, base):
    assert all(u.startswith(base) or u.startswith("data:") for u in page.requests), \
        [u for u in page.requests if not u.startswith(base)]


def test_chart_point_to_event_to_highlighted_sentence(browser, served):
    page = _page(browser, served + "/")
    rows = page.evaluate("window.barometer.state.series.rows")
    idx = next(i for i, r in enumerate(rows) if r["events"] + r["threats"] > 0)
    # Where Chart.js drew that point (conflict intensity line), in page coordinates: a real mouse click.
    x, y = page.evaluate("i => { const p = window.barometer.state.chart.getDatasetMeta(1).data[i];"
                         " return [p.x, p.y]; }", idx)
    box = page.locator("#dyad-chart").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#point-events tbody tr", timeout=10_000)
    _shot(page, "timeline")
    assert rows[idx]["label"] in page.text_content("#point-title")
    first = page.locator("#point-events tbody tr").first
    article_id, event_id = first.get_attribute("data-article"), first.get_attribute("data-event")
    first.click()
    page.wait_for_selector("#article-text .focus", timeout=10_000)
    _shot(page, "article")
    an = page.evaluate(f"fetch('/api/articles/{article_id}').then(r => r.json())")
    ev = next(e for e in an["events"] if e["id"] == event_id)
    highlighted = "".join(page.locator("#article-text .focus").all_text_contents())
    assert highlighted == ev["evidence"]["text"]
    assert page.text_content("#focus-evidence") == ev["evidence"]["text"]
    assert all("hl-event" in c for c in page.locator("#article-text .focus").evaluate_all(
        "ns => ns.map(n => n.className)"))
    assert f"#/article/{article_id}/{event_id}" in page.url
    assert page.errors == []
    _offline(page, served)


def test_the_title_the_url_and_the_alerts_follow_every_control(browser, served):
    page = _page(browser, served + "/?a=UKR&b=RUS&by=month#/timeline")
    expect(page.locator("#chart-title")).to_have_text("UKR → RUS by month")
    assert page.locator("#dyad-directed").is_checked()  # directed by default, as the CLI and the API
    page.select_option("#dyad-by", "week")
    expect(page.locator("#chart-title")).to_have_text("UKR → RUS by week")
    assert _query(page).get("by") is None and _query(page)["a"] == "UKR"  # week is the default
    page.uncheck("#dyad-directed")
    expect(page.locator("#chart-title")).to_have_text("UKR – RUS by week")
    expect(page.locator("body")).to_have_attribute("data-chart", "UKR–RUS")  # the chart drawn for it
    assert _query(page)["directed"] == "0"
    series = page.evaluate("window.barometer.state.series")
    assert series["directed"] is False and series["label"] == "UKR–RUS"
    labels = [r["label"] for r in series["rows"]]
    weeks = [dt.date.fromisocalendar(int(la[:4]), int(la[6:]), 1) for la in labels]
    assert all((b - a).days == 7 for a, b in zip(weeks, weeks[1:], strict=False))  # no week skipped
    # A shared URL opens the same view.
    other = _page(browser, page.url)
    expect(other.locator("#chart-title")).to_have_text("UKR – RUS by week")
    expect(other.locator("body")).to_have_attribute("data-chart", "UKR–RUS")


def test_clicking_a_network_node_charts_that_actor(browser, served):
    page = _page(browser, served + "/#/network")
    page.wait_for_selector("#network g.node")
    _shot(page, "network")
    node = page.locator("#network g.node").first
    actor = node.get_attribute("data-id")
    node.locator("circle").click()
    expect(page.locator("#view-timeline")).to_be_visible()
    expect(page.locator("#chart-title")).to_contain_text(actor + " →")
    expect(page.locator("body")).to_have_attribute("data-chart", f"{actor}→{page.input_value('#dyad-b')}")
    assert _query(page)["a"] == actor
    assert page.evaluate("window.barometer.state.series.a") == actor


def test_the_map_is_drawn_offline_and_a_place_lists_its_events(browser, served):
    page = _page(browser, served + "/#/map")
    page.wait_for_selector("#map .land path")
    assert page.locator("#map .land path").count() > 200  # Natural Earth countries
    page.wait_for_selector("#map circle.place")
    _offline(page, served)
    place = page.locator("#map circle.place").first
    name = place.get_attribute("data-name")
    place.dispatch_event("click")
    page.wait_for_selector("#place-events tbody tr")
    assert page.text_content("#place-title").startswith(name + ":")
    _shot(page, "map")
    row = page.locator("#place-events tbody tr").first
    aid, eid = row.get_attribute("data-article"), row.get_attribute("data-event")
    row.click()
    page.wait_for_selector("#article-text .focus")
    an = page.evaluate(f"fetch('/api/articles/{aid}').then(r => r.json())")
    assert next(e for e in an["events"] if e["id"] == eid)["place"] == name


def test_article_browser_searches_and_opens_an_article_with_its_facts(browser, served):
    page = _page(browser, served + "/#/article")  # the Article tab without an article: the browser
    expect(page.locator("#view-articles")).to_be_visible()
    page.wait_for_selector("#articles-table tbody tr")
    page.fill("#articles-form input[name=q]", "Kharkiv")
    page.click("#articles-form button")
    expect(page.locator("#status")).to_contain_text("matching “Kharkiv”")
    assert _query(page)["q"] == "Kharkiv"
    assert "kharkiv" in page.locator("#articles-table td.snippet").first.text_content().lower()
    _shot(page, "articles")
    page.locator("#articles-table tbody tr").first.click()
    page.wait_for_selector("#article-text .hl-event")
    assert page.locator("#article-text .hl-actor").count() > 0 and page.locator("#article-text .hl-time").count() > 0


def test_event_table_pages_filters_exports_and_opens_article(browser, served):
    page = _page(browser, served + "/#/events")
    page.wait_for_selector("#events-table tbody tr")
    assert page.locator("#events-pager button.prev").is_disabled()
    n_all = page.locator("#events-table tbody tr").count()
    href = page.locator(".export a[data-format=csv]").get_attribute("href")
    csv_text = page.evaluate(f"fetch({href!r}).then(r => r.text())")
    assert csv_text.splitlines()[0].startswith("article_id,event_id,date")
    page.fill("#events-form input[name=type]", "ACCUSE")
    page.fill("#events-form input[name=text]", "onerror")
    page.click("#events-form button")
    # expect() polls from Python: the page's CSP forbids the eval that wait_for_function needs.
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    assert n_all > 1 and page.locator("#events-pager button.next").is_disabled()
    assert _query(page)["etype"] == "ACCUSE"
    gdelt = page.locator(".export a[data-format=gdelt]").get_attribute("href")
    assert "type=ACCUSE" in gdelt and "text=onerror" in gdelt
    tsv = page.evaluate(f"fetch({gdelt!r}).then(r => r.text())").splitlines()
    assert len(tsv) == 2 and tsv[0].startswith("GLOBALEVENTID\t")
    _shot(page, "events")
    assert page.locator("#events-table tbody tr").first.get_attribute("data-article") == "ab" * 32
    page.click("#events-table tbody tr")
    page.wait_for_selector("#article-text .focus")
    assert page.text_content("#article-title") == "<b>hostile</b> title"


def test_article_text_is_escaped(browser, served):
    page = _page(browser, served + "/#/article/" + "ab" * 32 + "/e1")
    page.wait_for_selector("#article-text .focus", timeout=10_000)
    assert page.text_content("#article-title") == "<b>hostile</b> title"
    assert "<img src=x" in page.text_content("#article-text")
    assert page.locator("#article-text img, #article-text script, #article-title b").count() == 0
    assert page.evaluate("document.body.dataset.pwned") is None


def test_docs_and_favicon_are_served_offline(browser, served):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 10
    assert all(u.startswith(served) or u.startswith("data:") for u in requests), requests
    _shot(page, "docs")
    icon = page.request.get(served + "/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")


def test_alerts_overview_and_new_alerts_without_a_reload(browser, crisis):
    from barometer.model import Actor, Analysis, Article, Event, Span

    url, store = crisis
    page = _page(browser, url + "/?poll=0.5#/alerts")
    page.wait_for_selector("#alerts-table tbody tr")
    assert page.locator("#alerts-table tbody tr").count() == 1
    row = page.locator("#alerts-table tbody tr").first
    assert row.get_attribute("data-dyad") == "RUS→UKR" and "2022-W08" in row.text_content()
    row.locator("summary").click()
    _shot(page, "alerts")
    link = row.locator("a.evidence-link").first
    href = link.get_attribute("href")
    # Three reports from three outlets of Belarusian strikes in the spike week: a new alert.
    for i in range(3):
        day = dt.date(2022, 2, 22 + i)
        text = f"Strike report {i}. Belarus struck Ukraine on {day}."
        s, b = text.index("Belarus"), text.index("Ukraine")
        store.add(Analysis(
            article=Article(id=f"{i}".rjust(64, "e"), title=f"strike {i}", published=day, text=text, outlet=f"paper {i}"),
            actors=[Actor(id="b", name="Belarus", kind="state", country="BLR", code="BLR",
                          mentions=[Span(start=s, end=s + 7, text="Belarus")]),
                    Actor(id="u", name="Ukraine", kind="state", country="UKR", code="UKR",
                          mentions=[Span(start=b, end=b + 7, text="Ukraine")])],
            events=[Event(id="e1", type="ASSAULT", quad_class=4, goldstein=-10.0, source="b", target="u",
                          status="asserted", date=day, rule="test.strike",
                          evidence=Span(start=s, end=len(text), text=text[s:]))]))
    expect(page.locator("#live")).to_be_visible(timeout=15_000)
    expect(page.locator("#live-alerts li")).to_have_count(1)
    assert page.locator("#live-alerts li").first.text_content().startswith("BLR→UKR")
    expect(page.locator("#alerts-table tbody tr")).to_have_count(2)  # the overview refreshed itself
    _shot(page, "live")
    page.goto(url + "/" + href)
    page.wait_for_selector("#article-text .focus")
    assert page.errors == []

"""Feed URLs over HTTP (a local server): robots.txt, user agent, per-host rate limit, timeout."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from barometer.ingest.fetch import Fetcher, FetchError
from barometer.ingest.sources import iter_documents

PAGE = ("<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>Russia moved troops near "
        "the border with Ukraine on Tuesday, officials in Kyiv said, raising fears of a wider war in Europe."
        "</p><p>NATO allies said they would send more forces to their eastern flank within days if needed."
        "</p></article></body></html>")


class Handler(BaseHTTPRequestHandler):
    log: list[tuple[float, str, str]] = []

    def log_message(self, *args):  # noqa: ANN002
        pass

    def do_GET(self):  # noqa: N802
        Handler.log.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
        port = self.server.server_address[1]
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nDisallow: /private/\n", "text/plain"
        elif self.path == "/feed.xml":
            items = "".join(f"<item><title>T{i}</title><link>http://127.0.0.1:{port}{p}</link></item>"
                            for i, p in enumerate(["/a", "/private/b", "/c"]))
            body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local</title>{items}</channel></rss>"
            body, ctype = body.encode(), "application/rss+xml"
        elif self.path == "/slow":
            time.sleep(2)
            body, ctype = b"late", "text/plain"
        else:
            body, ctype = PAGE.format(t=self.path).encode(), "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server():
    Handler.log = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_feed_url_fetches_allowed_links_politely(server):
    fetcher = Fetcher(user_agent="BarometerTest/1", timeout=5, host_delay=0.2)
    errors: list = []
    docs = list(iter_documents([server + "/feed.xml"], errors=errors, fetcher=fetcher))
    assert [d.url.rsplit("/", 1)[-1] for d in docs] == ["a", "c"]
    assert all(d.media_type == "html" and d.outlet == "Local" for d in docs)
    assert len(errors) == 1 and "robots.txt" in errors[0][1] and "/private/b" in errors[0][0]
    paths = [p for _, p, _ in Handler.log]
    assert "/private/b" not in paths and paths.count("/robots.txt") == 1
    assert {ua for _, _, ua in Handler.log} == {"BarometerTest/1"}
    times = [t for t, _, _ in Handler.log]
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.18  # per-host rate limit


def test_fetch_timeout_is_an_input_error(server):
    with pytest.raises(FetchError, match="cannot fetch"):
        Fetcher(timeout=0.5, host_delay=0).get(server + "/slow")


def test_non_http_urls_are_refused():
    with pytest.raises(FetchError, match="only http"):
        Fetcher().get("file:///etc/passwd")

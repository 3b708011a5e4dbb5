"""The out-of-memory guard: ``max_bytes`` holds *before* parsing, and reading a huge input never
holds much more than the limit in memory — for plain files, feeds, gzip members, JSON Lines lines,
WARC records and fetched pages alike.

How: each input is many times the (lowered) limit; the read runs under ``tracemalloc`` and its peak
must stay a small multiple of the limit, far below the input's size. The parsers are watched too:
an over-limit input must never reach ``json.loads`` or feedparser. Neighbouring good inputs still
come through, so one huge item fails alone.
"""

from __future__ import annotations

import gzip
import io
import json
import threading
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from barometer.ingest.sources import iter_documents

LIMIT = 50_000
HUGE = 8_000_000  # 160x the limit
#: Peak memory allowed while reading one huge input: a few copies of the limit, not of the input.
PEAK = 2_000_000
ARTICLE = "Russia rejected NATO's demands on Wednesday, the Kremlin said in Moscow."


def _read(paths) -> tuple[list, list[tuple[str, str]], int]:
    errors: list[tuple[str, str]] = []
    tracemalloc.start()
    try:
        docs = list(iter_documents([str(p) for p in paths], errors=errors, max_bytes=LIMIT))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return docs, errors, peak


def _warc(bodies: list[bytes], *, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i, body in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def _page(i: int) -> bytes:
    return f"<html><body><article><p>{i}: {ARTICLE}</p></article></body></html>".encode()


def test_huge_files_are_refused_from_their_size_without_being_read(tmp_path, monkeypatch):
    import feedparser

    html = tmp_path / "huge.html"
    html.write_bytes(b"<html><body>" + b"<p>Russia deployed troops.</p>" * (HUGE // 30))
    feed = tmp_path / "huge.xml"
    feed.write_bytes(b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>"
                     + b"<item><title>x</title><description>Russia said.</description></item>" * (HUGE // 70)
                     + b"</channel></rss>")
    parsed: list[int] = []
    monkeypatch.setattr(feedparser, "parse", lambda data, *a, **k: parsed.append(len(data)))
    docs, errors, peak = _read([html, feed])
    assert docs == [] and parsed == [], "nothing over the limit reaches a parser"
    assert [e[0] for e in errors] == [str(html), str(feed)]
    assert all(f"over the limit of {LIMIT:,} bytes" in msg for _, msg in errors), errors
    assert peak < PEAK, f"peak {peak:,} bytes while refusing {HUGE:,}-byte files"


def test_a_huge_jsonl_line_fails_alone_without_being_loaded(tmp_path, monkeypatch):
    from barometer.ingest import jsonl

    seen: list[int] = []
    real_loads = json.loads
    monkeypatch.setattr(jsonl.json, "loads", lambda s: seen.append(len(s)) or real_loads(s))
    lines = [json.dumps({"text": f"One\n\n{ARTICLE}"}),
             json.dumps({"text": "Huge\n\n" + "Russia said so. " * (HUGE // 16)}),
             json.dumps({"text": f"Three\n\n{ARTICLE}"})]
    plain = tmp_path / "dump.jsonl"
    plain.write_text("\n".join(lines) + "\n", "utf-8")
    packed = tmp_path / "dump.jsonl.gz"  # ~8 MB that compresses to a few kB: the gzip bomb case
    packed.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    for path in (plain, packed):
        seen.clear()
        docs, errors, peak = _read([path])
        assert [d.source for d in docs] == [f"{path}#L1", f"{path}#L3"], "the lines around it still count"
        assert [e[0] for e in errors] == [f"{path}#L2"]
        assert "line is over the limit of 50,000 bytes" in errors[0][1] and "not parsed" in errors[0][1]
        assert max(seen) <= LIMIT, "the huge line reached json.loads"
        assert peak < PEAK, f"{path.name}: peak {peak:,} bytes for a {HUGE:,}-byte line"


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_huge_warc_record_fails_alone_and_is_never_held_whole(tmp_path, gz):
    # A gzipped member is inflated by warcio 16 kB of compressed input at a time; deflate expands at
    # most ~1032x, so one step can hold ~17 MB whatever the record's size: the bound for .warc.gz is
    # that constant (measured: 27.6 MB peak for both a 32 MB and a 64 MB record), not the record.
    size, bound = (64_000_000, 40_000_000) if gz else (HUGE, PEAK)
    huge = b"<html><body>" + b"<p>Russia deployed troops.</p>" * (size // 30) + b"</body></html>"
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(_warc([_page(0), huge, _page(2)], gz=gz))
    docs, errors, peak = _read([path])
    assert [d.url for d in docs] == ["https://news.example/0", "https://news.example/2"]
    assert len(errors) == 1 and "news.example/1" in errors[0][0], errors
    assert f"over the limit of {LIMIT:,} bytes" in errors[0][1]
    assert peak < bound, f"peak {peak:,} bytes for a {size:,}-byte record"


class _Huge(BaseHTTPRequestHandler):
    """Serves robots.txt, a feed linking to a small and a huge page, and the pages (streamed, chunked)."""

    def log_message(self, *args):  # noqa: ANN002
        pass

    def do_GET(self):  # noqa: N802
        port = self.server.server_address[1]
        if self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        elif self.path == "/feed.xml":
            body = ("<?xml version='1.0'?><rss version='2.0'><channel><title>L</title>"
                    + "".join(f"<item><title>{p}</title><link>http://127.0.0.1:{port}/{p}</link></item>"
                              for p in ("small", "huge")) + "</channel></rss>").encode()
        elif self.path == "/small":
            body = _page(0)
        else:  # /huge and /huge-feed.xml: 8 MB, sent in 64 kB chunks without a Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>Russia deployed troops.</p>" * 2000
            try:
                for _ in range(HUGE // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_fetched_feeds_and_pages_stop_at_the_limit():
    from barometer.ingest.fetch import Fetcher, FetchError

    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Huge)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    try:
        fetcher = Fetcher(user_agent="BarometerTest/1", timeout=10, host_delay=0, max_bytes=LIMIT)
        assert fetcher.max_bytes == LIMIT
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match=f"response over the limit of {LIMIT:,} bytes"):
                fetcher.get(base + "/huge")
            errors: list[tuple[str, str]] = []
            docs = list(iter_documents([base + "/feed.xml", base + "/huge-feed.xml"], errors=errors,
                                       fetcher=fetcher))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        srv.shutdown()
    assert [d.url for d in docs] == [base + "/small"]
    assert sorted(k for k, _ in errors) == [base + "/huge", base + "/huge-feed.xml"], errors
    assert all("over the limit" in m for _, m in errors), errors
    assert peak < PEAK, f"peak {peak:,} bytes while fetching {HUGE:,}-byte responses"

"""``barometer watch`` against a feed that grows, served on 127.0.0.1, in real processes: one log
line per cycle, new entries ingested, and after a ``kill -9`` mid-cycle nothing lost or duplicated.
The test reads the store from its own process while the watch writes it (store/share.py)."""

from __future__ import annotations

import functools
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from barometer.store import connect_reader

TOPICS = ["Kharkiv", "Odesa", "Mariupol", "Kherson", "Sumy", "Dnipro", "Lviv", "Poltava"]


def _page(i: int) -> str:
    town = TOPICS[i]
    return (f"<html><head><title>Shelling near {town}</title></head><body><article><h1>Shelling near {town}</h1>"
            f"<p>Russian forces shelled positions near {town} on Monday, Ukraine's army said in report {i}.</p>"
            f"<p>Officials in {town} said {i + 2} people were wounded and that schools would stay closed.</p>"
            f"<p>Ukraine accused Russia of targeting civilians, and the United Nations called for calm.</p>"
            "</article></body></html>")


def _feed(n: int, base: str) -> str:
    items = "".join(f"<item><title>Shelling near {TOPICS[i]}</title><link>{base}/a{i}.html</link>"
                    f"<guid>{base}/a{i}.html</guid><pubDate>Mon, 0{i + 1} Aug 2022 08:00:00 GMT</pubDate></item>"
                    for i in range(n))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title><link>{base}</link>'
            f"<description>local</description>{items}</channel></rss>")


@pytest.fixture()
def feed_server(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    for i in range(len(TOPICS)):
        (root / f"a{i}.html").write_text(_page(i), "utf-8")
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802 - http.server's name
            if self.path.endswith(("a5.html", "a6.html", "a7.html")):
                time.sleep(2.0)  # slow pages: the watch is still in its cycle when it is killed
            super().do_GET()

    handler = functools.partial(Handler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"

    def publish(n: int) -> None:
        (root / "feed.xml").write_text(_feed(n, base), "utf-8")

    yield base + "/feed.xml", publish
    httpd.shutdown()


def _watch(url: str, db: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "BAROMETER_HOST_DELAY": "0", "BAROMETER_COMMIT_EVERY": "1", "BAROMETER_BATCH_SIZE": "1"}
    return subprocess.Popen([sys.executable, "-m", "barometer.cli", "watch", url, "--db", str(db), "--every", "1s",
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _counts(db: Path) -> tuple[int, int]:
    """Articles, and distinct sources the journal has done (read from this process, beside the writer)."""
    store = connect_reader(db)
    try:
        arts = store.query("SELECT COUNT(*) FROM articles")[1][0][0]
        done = store.query("SELECT COUNT(DISTINCT source) FROM batch_items WHERE status = 'done'")[1][0][0]
        return arts, done
    finally:
        store.close()


def test_watch_follows_a_growing_feed_and_survives_kill_9(feed_server, tmp_path):
    url, publish = feed_server
    db = tmp_path / "live.duckdb"
    publish(2)
    first = _watch(url, db, "--cycles", "2")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    lines = [ln for ln in out.splitlines() if ln.startswith("watch: cycle")]
    assert len(lines) == 2, out  # one line per cycle
    assert "2 new article(s)" in lines[0] and "0 new article(s)" in lines[1]
    assert _counts(db) == (2, 2)

    publish(8)  # six new entries; the watch is killed while it ingests them
    second = _watch(url, db)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and _counts(db)[0] < 4:
        assert second.poll() is None, second.stderr.read()
        time.sleep(0.2)
    second.send_signal(signal.SIGKILL)
    second.wait(timeout=30)
    arts, _ = _counts(db)
    assert 4 <= arts < 8, arts  # killed mid-cycle

    third = _watch(url, db, "--cycles", "1")
    out, err = third.communicate(timeout=300)
    assert third.returncode == 0, err
    assert "(resumed a killed cycle)" in out
    assert _counts(db) == (8, 8)  # every entry once: nothing lost, nothing duplicated
    store = connect_reader(db)
    try:
        urls = [r[0] for r in store.query("SELECT url FROM articles ORDER BY url")[1]]
    finally:
        store.close()
    assert urls == sorted(f"{url.rsplit('/', 1)[0]}/a{i}.html" for i in range(8))

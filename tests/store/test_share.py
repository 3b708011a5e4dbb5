"""Readers and a writer on one DuckDB file, in real processes: ``barometer serve`` keeps answering
while ``barometer ingest`` writes, the CLI reads beside both, a second writer is told which
process writes, and a read command never creates a store (store/share.py, api/stores.py)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

CLI = [sys.executable, "-m", "barometer.cli"]
ARTICLE = ("Shelling near Kharkiv\n\nRussian forces shelled positions near Kharkiv on Monday, Ukraine's army said. "
           "Ukraine accused Russia of targeting civilians.")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def test_serve_the_cli_and_an_ingest_share_one_store(sample_store_path, tmp_path):
    db = tmp_path / "shared.duckdb"
    shutil.copy(sample_store_path, db)
    port = _port()
    base = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    holder = None
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if _get(base + "/api/health")[0] == 200:
                    break
            except OSError:
                pass
            assert serve.poll() is None and time.monotonic() < deadline, serve.stderr.read()
            time.sleep(0.3)
        before = _get(base + "/api/status")[1]["articles"]

        # A CLI read while serve holds the store open.
        r = subprocess.run([*CLI, "dyad", "RUS", "UKR", "--db", str(db), "--format", "json"], capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["label"] == "RUS→UKR"

        # An ingest while serve runs, with reads going on all the while.
        statuses: list[int] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                statuses.append(_get(base + "/api/events?limit=5")[0])
                time.sleep(0.1)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        src = tmp_path / "2022-08-01-kharkiv.txt"
        src.write_text(ARTICLE, "utf-8")
        r = subprocess.run([*CLI, "ingest", str(src), "--db", str(db), "--date-from-name", "--workers", "0"],
                           capture_output=True, text=True, timeout=300)
        stop.set()
        poller.join(timeout=60)
        assert r.returncode == 0, r.stderr
        assert statuses and set(statuses) == {200}, statuses
        assert _get(base + "/api/status")[1]["articles"] == before + 1  # serve sees what was written

        # A second writer is told at once which process writes (no DuckDB lock error).
        holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from barometer.store import connect; "
                                   f"s = connect({str(db)!r}, shared=True); print('holding', flush=True); "
                                   "time.sleep(120)"], stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "holding"
        r = subprocess.run([*CLI, "ingest", str(src), "--db", str(db), "--workers", "0"], capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 1 and f"pid {holder.pid}" in r.stderr and "is writing to this store" in r.stderr
        assert _get(base + "/api/events?limit=1")[0] == 200  # reads go on meanwhile
    finally:
        if holder is not None:
            holder.kill()
        serve.terminate()
        serve.wait(timeout=30)
    assert not (tmp_path / "shared.duckdb.share" / "readers" / str(serve.pid)).exists()  # serve unregistered


def test_a_read_command_never_creates_a_store(tmp_path):
    missing = tmp_path / "nothing.duckdb"
    for cmd in (["dyad", "RUS", "UKR"], ["alerts"], ["events"], ["export"], ["serve"]):
        r = subprocess.run([*CLI, *cmd, "--db", str(missing)], capture_output=True, text=True, timeout=300,
                           env={**os.environ, "BAROMETER_API_TOKEN": ""})
        assert r.returncode == 2, (cmd, r.stderr)
        assert r.stderr.strip().count("\n") == 0 and "no store here" in r.stderr, r.stderr
    assert not missing.exists()

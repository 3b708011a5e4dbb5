"""Faults met with real processes: a full disk (a small tmpfs), kill -9 of a worker, kill -9 of the fork server.

Each leaves a batch that ends with every good article stored once: a full disk stops the batch at its
first refused write, marks it interrupted and ``--resume`` finishes it once space is back; a worker or a
fork server killed from outside costs a retry of the article it held, never the article.
Marked ``process`` (CI runs them; each takes well under a minute on 2 cores).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.scale.helpers import ROOT, article, cli, dump, env, popen

pytestmark = [pytest.mark.process, pytest.mark.skipif(sys.platform != "linux", reason="Linux processes and tmpfs")]

#: Runs inside `unshare -rm` (a private mount namespace): mounts a small tmpfs, fills it but for ROOM
#: bytes, ingests into a new store there, frees the space, resumes; prints one JSON line of what happened.
#: (16 MB, not 4: a DuckDB store of these tables checkpoints to about 4.4 MB on close, so a 4 MB tmpfs
#: holds its write-ahead log but never the store it closes into; `barometer ingest` into a 4 MB tmpfs
#: stops as cleanly, but there is no space to free.)
DRIVER = textwrap.dedent("""
    import json, os, subprocess, sys
    mnt, corpus, room = sys.argv[1], sys.argv[2], int(sys.argv[3])
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt], check=True)
    db = os.path.join(mnt, "s.duckdb")
    ingest = [sys.executable, "-m", "barometer.cli", "ingest", "--db", db, "--workers", "0", "--no-progress",
              "--commit-every", "1"]
    st = os.statvfs(mnt)
    with open(os.path.join(mnt, "filler"), "wb") as fh:
        fh.write(b"\\0" * max(0, st.f_bavail * st.f_frsize - room))
    full = subprocess.run(ingest + [corpus, "--date-from-name"], capture_output=True, text=True)
    os.remove(os.path.join(mnt, "filler"))
    resumed = subprocess.run(ingest + ["--resume"], capture_output=True, text=True)
    again = subprocess.run(ingest + ["--resume"], capture_output=True, text=True)
    sys.path[:0] = [sys.argv[4]]
    from tests.scale.helpers import dump
    print(json.dumps({"full": [full.returncode, full.stdout, full.stderr],
                      "resumed": [resumed.returncode, resumed.stdout, resumed.stderr],
                      "again": [again.returncode, again.stderr], "dump": dump(db)}, default=str))
""")


#: Bytes left free on the tmpfs when the batch starts: room for some of the 40 articles, not all.
ROOM = 250_000


def _corpus(folder: Path, n: int, marker: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"2022-02-{i % 28 + 1:02d}-a{i:02d}.txt"
        p.write_text(article(i) + (f"\n\nThis report came {marker} to the desk." if marker else ""), "utf-8")
        paths.append(p)
    return paths


def test_a_full_disk_interrupts_the_batch_and_resume_finishes_it(tmp_path):
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
        pytest.skip("no user and mount namespaces here (unshare -rm) to mount a small tmpfs")
    corpus = tmp_path / "in"
    sources = _corpus(corpus, 40)
    (corpus / "2022-02-28-empty.txt").write_bytes(b"")  # a refused input: recorded once, not lost
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    proc = subprocess.run(["unshare", "-rm", sys.executable, "-c", DRIVER, str(mnt), str(corpus), str(ROOM),
                           str(ROOT)], capture_output=True, text=True, env=env(), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    code, out, err = r["full"]
    assert code == 1 and "batch interrupted" in err and "the disk is full" in err, (out, err)
    assert err.count("\n") <= 3 and "Traceback" not in err
    stored_before = int(out.split(" new article")[0].rsplit(" ", 1)[-1])
    assert 0 < stored_before < len(sources) - 1, ("the disk did not fill mid-batch", out)
    code, out, err = r["resumed"]
    assert code == 3 and "resumed after" in out, (out, err)  # 3: the empty file, refused
    assert r["again"][0] == 1 and "no unfinished batch" in r["again"][1]

    ref = tmp_path / "ref.duckdb"
    cli("ingest", str(corpus), "--db", str(ref), "--workers", "0", "--no-progress", "--date-from-name")
    got, want = r["dump"], json.loads(json.dumps(dump(ref), default=str))
    assert len(got["articles"]) == len(sources)
    for table in ("articles", "events", "actors", "failures"):
        assert got[table] == want[table], f"table {table} differs after the full disk and --resume"
    assert [f[0].rsplit("/", 1)[-1] for f in got["failures"]] == ["2022-02-28-empty.txt"]  # recorded once


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def _fork_server(pid: int) -> int:
    for child in _children(pid):
        try:
            if b"forkserver" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            continue
    raise AssertionError("no fork server under the ingest process")


@pytest.mark.parametrize("victim", ["worker", "fork server"])
def test_a_killed_worker_or_fork_server_costs_a_retry_not_an_article(tmp_path, victim):
    corpus = tmp_path / "in"
    sources = _corpus(corpus, 6, marker="SLOWLY")
    db = tmp_path / "s.duckdb"
    proc = popen("ingest", str(corpus), "--db", str(db), "--workers", "1", "--batch-size", "1", "--no-progress",
                 "--verbose", BAROMETER_PLUGINS="tests.scale.poison_stages", BAROMETER_EVENT_CODER="test.poison_coder")
    try:
        assert proc.stdout.readline().startswith("stored "), "the first article was not stored"
        server = _fork_server(proc.pid)
        deadline = time.monotonic() + 30
        while not _children(server) and time.monotonic() < deadline:
            time.sleep(0.05)
        (worker,) = _children(server)
        time.sleep(0.3)  # well inside the second article's one-second stage
        os.kill(worker if victim == "worker" else server, signal.SIGKILL)
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out + err
    assert "Traceback" not in err and "EOFError" not in err, err
    assert "0 failed, 0 refused" in out, out
    d = dump(db)
    assert sorted(row[7] for row in d["articles"]) == sorted(str(p) for p in sources)
    assert d["failures"] == []

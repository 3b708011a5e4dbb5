"""Faults survived with nothing lost: a full disk and a damaged store file.

(SIGKILL mid-batch and resume: tests/scale/test_resume.py; a stage that hangs or dies:
tests/scale/test_poison.py; size limits before parsing: tests/hardening/test_bad_inputs.py.)

Why a subprocess with RLIMIT_FSIZE for the full disk: it makes every write past N bytes fail with
EFBIG exactly as a full disk fails with ENOSPC, without root, tmpfs or a real full disk. It is
done at the store level (synthetic analyses, no NLP) because the language identifier unpacks its
model to a temporary file, which the limit would also refuse.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from barometer.errors import StoreError
from barometer.store import DuckStore

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.load_api import synthetic  # noqa: E402 - the benchmark's synthetic analyses, no NLP needed

N = 80

FILL = textwrap.dedent("""
    import resource, signal, sys
    sys.path[:0] = [sys.argv[3], sys.argv[3] + "/src"]
    from bench.load_api import synthetic
    from barometer.errors import StoreError
    from barometer.store import DuckStore
    analyses = synthetic(int(sys.argv[2]), 5)
    store = DuckStore(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))
    added = 0
    for a in analyses:
        try:
            store.add(a, source=a.article.title)
            added += 1
        except StoreError as exc:
            print("STORE-ERROR", added, exc)
            break
    print("ADDED", added)
""")


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE semantics are checked on Linux")
def test_disk_full_gives_a_clear_error_and_loses_nothing(tmp_path):
    db = tmp_path / "full.duckdb"
    proc = subprocess.run([sys.executable, "-c", FILL, str(db), str(N), str(ROOT)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]  # no crash, no traceback: a StoreError was raised
    assert "STORE-ERROR" in proc.stdout and "the disk is full or a file size limit was reached" in proc.stdout
    added = int(proc.stdout.split("ADDED")[1].split()[0])
    assert 0 < added < N, "the limit was not hit mid-way"

    analyses = synthetic(N, 5)
    with DuckStore(db) as store:  # reopened with space again: everything committed is there, whole
        assert store.counts()["articles"] == added
        assert store.counts()["events"] == 5 * added
        _, rows = store.query("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                              "(SELECT 1 FROM minhash m WHERE m.article_id = a.id)")
        assert rows == [(0,)], "an article without its signature: a half-written transaction"
        for a in analyses:  # the rest goes in; the ones already there are not duplicated
            store.add(a, source=a.article.title)
        got = store.counts()
    with DuckStore(tmp_path / "ref.duckdb") as ref:
        for a in analyses:
            ref.add(a, source=a.article.title)
        assert got == ref.counts()


def _store_file(path: Path) -> bytes:
    with DuckStore(path) as store:
        for a in synthetic(20, 3):
            store.add(a)
    return path.read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "checksum", "header"])
def test_damaged_store_is_refused_and_left_untouched(tmp_path, damage):
    path = tmp_path / "s.duckdb"
    data = _store_file(path)
    bad = {"truncated": data[: len(data) // 2],
           "checksum": data[:8192] + bytes(b ^ 0x5A for b in data[8192:12288]) + data[12288:],
           "header": b"\0" * 4096 + data[4096:]}[damage]
    path.write_bytes(bad)
    with pytest.raises(StoreError, match="damaged|Corrupt|not a Barometer/DuckDB store") as info:
        DuckStore(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == bad, "a damaged store must not be written to, let alone re-created"
    assert not os.path.exists(str(path) + ".wal")

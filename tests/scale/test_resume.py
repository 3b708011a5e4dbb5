"""A batch killed with SIGKILL mid-way resumes to exactly the store of an uninterrupted run."""

from __future__ import annotations

import os
import signal

import pytest

from tests.scale.helpers import cli, dump, popen, write_corpus


@pytest.mark.parametrize("commit_every", [1, 3], ids=["one-article-per-transaction", "three-per-transaction"])
def test_killed_batch_resumes_to_identical_store(tmp_path, commit_every):
    corpus = tmp_path / "in"
    sources = write_corpus(corpus, n=12)
    ref, killed = tmp_path / "ref.duckdb", tmp_path / "killed.duckdb"
    common = ["--date-from-name", "--workers", "1", "--batch-size", "1", "--no-progress",
              "--commit-every", str(commit_every)]

    r = cli("ingest", str(corpus), "--db", str(ref), *common)
    assert r.returncode == 3 and "0 failed, 1 refused" in r.stdout, r.stderr  # the empty file is refused, nothing else

    proc = popen("ingest", str(corpus), "--db", str(killed), *common, "--verbose")
    stored = 0
    for line in proc.stdout:
        stored += line.startswith("stored ")
        if stored == 4:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    partial = dump(killed)
    assert 4 <= len(partial["articles"]) < len(sources), "the batch was not killed mid-way"

    r = cli("ingest", "--resume", "--db", str(killed), "--no-progress", "--workers", "1")
    assert "resumed after" in r.stdout, r.stdout + r.stderr
    again = cli("ingest", "--resume", "--db", str(killed), "--no-progress")
    assert again.returncode == 1 and "no unfinished batch" in again.stderr

    want, got = dump(ref), dump(killed)
    assert len(got["articles"]) == len(sources)  # zero lost; primary keys forbid duplicates
    assert len({row[7] for row in got["articles"]}) == len(sources)  # each source stored exactly once
    for table in want:
        assert got[table] == want[table], f"table {table} differs after kill and resume"
    stories = {row[11] for row in got["articles"]}
    assert len(stories) == len(sources) - 1  # the wire copy joined its original's story

"""Poison articles (hang, crash, kill their worker, too large) are recorded as failed; the batch goes on."""

from __future__ import annotations

from tests.scale.helpers import article, cli, dump


def poisoned(i: int, marker: str) -> str:
    title, body = article(i).split("\n", 1)
    return f"{title}\n\nThe minister said the word {marker} twice during the long press conference on Monday.\n{body}"


def test_poison_articles_fail_alone_in_worker_processes(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    good = []
    for i in range(4):
        p = corpus / f"2022-02-0{i + 1}-good.txt"
        p.write_text(article(i), "utf-8")
        good.append(p)
    (corpus / "2022-02-05-hang.txt").write_text(poisoned(5, "POISONHANG"), "utf-8")
    (corpus / "2022-02-06-crash.txt").write_text(poisoned(6, "POISONCRASH"), "utf-8")
    (corpus / "2022-02-07-die.txt").write_text(poisoned(7, "POISONDIE"), "utf-8")
    (corpus / "2022-02-08-huge.txt").write_text(article(8) * 400, "utf-8")
    db = tmp_path / "p.duckdb"
    r = cli("ingest", str(corpus), "--db", str(db), "--workers", "1", "--timeout", "4", "--batch-size", "4",
            "--no-progress", BAROMETER_PLUGINS="tests.scale.poison_stages",
            BAROMETER_EVENT_CODER="test.poison_coder", BAROMETER_MAX_BYTES="50000")
    assert r.returncode == 1
    assert "4 new article(s)" in r.stdout and "3 failed, 1 refused" in r.stdout, r.stdout + r.stderr
    d = dump(db)
    assert sorted(row[7] for row in d["articles"]) == sorted(str(p) for p in good)
    errors = {src.rsplit("-", 1)[-1]: err for src, err in d["failures"]}
    assert "timed out after 4 s" in errors["hang.txt"]
    assert "RuntimeError: stage blew up on purpose" in errors["crash.txt"]
    assert "worker process died" in errors["die.txt"] and "again, after one retry" in errors["die.txt"]
    assert "over the limit" in errors["huge.txt"]
    assert {status for _, status, _, _ in d["batch_items"]} == {"done", "failed"}
    assert len(d["batch_items"]) == 8


def test_in_process_time_limit_stops_a_python_loop(tmp_path):
    from barometer.batch import ingest_paths
    from barometer.pipeline import Pipeline
    from barometer.settings import Settings
    from barometer.store import DuckStore

    pipeline = Pipeline.from_settings(Settings(plugins="tests.scale.poison_stages", event_coder="test.poison_coder"))
    (tmp_path / "a.txt").write_text(article(1), "utf-8")
    (tmp_path / "b.txt").write_text(poisoned(2, "POISONHANG"), "utf-8")
    (tmp_path / "c.txt").write_text(article(3), "utf-8")
    with DuckStore(tmp_path / "s.duckdb") as s:
        report = ingest_paths([tmp_path], s, pipeline=pipeline, published=None, progress=False, workers=0, timeout=2)
        assert report.added == 2
        assert [src.rsplit("/", 1)[-1] for src, _ in report.failed] == ["b.txt"]
        assert "timed out" in report.failed[0][1]

"""Every executor gives the same store: in-process, N local worker processes, a Dask LocalCluster.

Also: non-English articles go through every executor, are stored with their language, and are
never coded (no events, a warning saying why).
"""

from __future__ import annotations

import json

import pytest

from barometer.batch import ingest_paths
from barometer.store import DuckStore
from tests.scale.helpers import cli, dump, write_corpus

FRENCH = ("Les troupes russes à la frontière\n\n"
          "La Russie a déployé des troupes près de la frontière ukrainienne lundi, selon des responsables de "
          "l'OTAN. Le ministre des affaires étrangères a déclaré que les négociations avec Moscou se "
          "poursuivraient la semaine prochaine à Berlin, malgré les tensions dans la région.")
GERMAN = ("Truppen an der Grenze\n\n"
          "Russland hat am Montag Truppen an der ukrainischen Grenze zusammengezogen, teilten Vertreter der "
          "NATO mit. Der Außenminister sagte, die Gespräche mit Moskau würden nächste Woche in Berlin "
          "fortgesetzt, trotz der Spannungen in der Region.")


def _corpus(tmp_path):
    corpus = tmp_path / "in"
    write_corpus(corpus, n=6)
    (corpus / "2022-02-20-fr.txt").write_text(FRENCH, "utf-8")
    with (corpus / "feed.jsonl").open("w", encoding="utf-8") as f:
        f.write(json.dumps({"text": GERMAN, "url": "https://example.de/a", "published": "2022-02-21",
                            "outlet": "Example DE"}) + "\n")
    return corpus


def _ingest(corpus, db, **kw):
    with DuckStore(db) as s:
        return ingest_paths([corpus], s, date_from_names=True, progress=False, batch_size=3, **kw)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ref")
    corpus = _corpus(tmp)
    r = _ingest(corpus, tmp / "ref.duckdb", workers=0)
    return corpus, dump(tmp / "ref.duckdb"), r


def test_non_english_articles_are_stored_and_marked_not_coded(reference):
    _, want, report = reference
    by_source = {row[7].rsplit("/", 1)[-1]: row for row in want["articles"]}
    fr = by_source["2022-02-20-fr.txt"]
    de = next(row for src, row in by_source.items() if src.startswith("feed.jsonl"))
    assert (fr[5], fr[10]) == ("fr", 0) and (de[5], de[10], de[3]) == ("de", 0, "Example DE")
    assert all(row[5] == "en" and row[10] > 0 for src, row in by_source.items() if src.startswith("2022-02-0"))
    assert not [e for e in want["events"] if e[0] in (fr[0], de[0])]
    assert sum("is not English" in w for w in report.warnings) == 2


def test_two_local_workers_give_the_same_store(reference, tmp_path):
    corpus, want, ref = reference
    r = _ingest(corpus, tmp_path / "w2.duckdb", workers=2)
    assert (r.added, len(r.failed)) == (ref.added, len(ref.failed)) == (9, 1)
    got = dump(tmp_path / "w2.duckdb")
    for table in want:
        assert got[table] == want[table], table


def test_cli_scheduler_runs_on_a_dask_local_cluster(reference, tmp_path):
    from distributed import LocalCluster

    corpus, want, _ = reference
    db = tmp_path / "dask.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        r = cli("ingest", str(corpus), "--db", str(db), "--date-from-name", "--batch-size", "3",
                "--no-progress", "--scheduler", cluster.scheduler_address)
    assert r.returncode == 3 and "9 new article(s)" in r.stdout and "0 failed, 1 refused" in r.stdout, r.stdout + r.stderr
    got = dump(db)
    for table in want:
        assert got[table] == want[table], table

"""A stage registered under a new name is the one every path runs; a wrong stage name stops at once.

Paths: ``barometer analyze`` and the library API, ``ingest`` in this process, in local worker
processes and on a Dask cluster, the API, and ``barometer eval``. The stub (tests/stub_stages.py)
marks everything it codes with the rule ``stub.coder``, so finding that rule proves which coder ran.
"""

from __future__ import annotations

import json

import pytest

from barometer.cli import main
from barometer.errors import ConfigError
from barometer.pipeline import Pipeline
from barometer.settings import Settings
from barometer.store import DuckStore
from tests.conftest import shared_path
from tests.scale.helpers import article, write_corpus
from tests.stub_stages import RULE

STUB = {"plugins": "tests.stub_stages", "event_coder": "test.stub_coder.v1"}
STUB_ENV = {"BAROMETER_PLUGINS": STUB["plugins"], "BAROMETER_EVENT_CODER": STUB["event_coder"]}


@pytest.fixture(scope="module")
def stub() -> Pipeline:
    return Pipeline.from_settings(Settings(**STUB))


def _stored_rules(db) -> set[str]:  # noqa: ANN001
    with DuckStore(db, read_only=True) as s:
        return {r[0] for r in s.query("SELECT rule FROM events")[1]}


def test_the_pipeline_object_runs_the_stub(stub):
    analysis = stub.analyze(article(1), "2022-02-01")
    assert [e.rule for e in analysis.events] == [RULE]
    assert analysis.actors, "the other stages are still the v1 ones"


def test_barometer_analyze_runs_the_stub(tmp_path, monkeypatch, capsys):
    for k, v in STUB_ENV.items():
        monkeypatch.setenv(k, v)
    path = tmp_path / "a.txt"
    path.write_text(article(2), "utf-8")
    assert main(["analyze", str(path), "--format", "json"]) == 0
    assert [e["rule"] for e in json.loads(capsys.readouterr().out)["events"]] == [RULE]


@pytest.mark.parametrize("workers", [0, 1], ids=["in-process", "worker-process"])
def test_ingest_runs_the_stub_in_process_and_in_worker_processes(tmp_path, stub, workers):
    from barometer.batch import ingest_paths

    write_corpus(tmp_path / "in", n=3, duplicate_of=None)
    with DuckStore(tmp_path / "s.duckdb") as s:
        report = ingest_paths([tmp_path / "in"], s, pipeline=stub, progress=False, workers=workers, batch_size=2)
    assert report.added == 3
    assert _stored_rules(tmp_path / "s.duckdb") == {RULE}


def test_dask_workers_build_the_stub_pipeline_from_the_settings_they_are_sent(tmp_path, stub):
    from distributed import Client, LocalCluster

    from barometer.batch import ingest_paths

    write_corpus(tmp_path / "in", n=3, duplicate_of=None)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client, DuckStore(tmp_path / "d.duckdb") as s:
        report = ingest_paths([tmp_path / "in"], s, pipeline=stub, progress=False, scheduler=client, batch_size=2)
    assert report.added == 3, report.failed
    assert _stored_rules(tmp_path / "d.duckdb") == {RULE}


def test_the_api_runs_the_pipeline_it_is_given(tmp_path, stub):
    from fastapi.testclient import TestClient

    from barometer.api.app import create_app
    from barometer.store import DuckStore

    DuckStore(tmp_path / "api.duckdb").close()  # the API reads an existing store
    with TestClient(create_app(tmp_path / "api.duckdb", pipeline=stub)) as client:
        r = client.post("/api/analyze", json={"text": article(3), "published": "2022-02-03"})
    assert r.status_code == 200 and [e["rule"] for e in r.json()["events"]] == [RULE]


def test_barometer_eval_runs_the_stub(monkeypatch, capsys):
    shared_path("data", "plover-gsr-cameo")
    for k, v in STUB_ENV.items():
        monkeypatch.setenv(k, v)
    assert main(["eval", "events", "--gold", "plover-gsr-cameo", "--limit", "6", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # one stub event per sentence, always CONSULT: nothing the v1 coder would give
    assert result["sentences"] == result["coded_events"] == 6
    assert {p for row in result["confusion"].values() for p in row} == {"CONSULT"}


# -- a wrong setting: one ConfigError line, before any work ------------------------------------

def test_a_mistyped_stage_name_is_one_config_error_naming_setting_and_known_names():
    with pytest.raises(ConfigError) as e:
        Pipeline.from_settings(Settings(event_coder="barometer.event_coder.v9"))
    msg = str(e.value)
    assert "\n" not in msg
    assert "event_coder" in msg and "BAROMETER_EVENT_CODER" in msg and "'barometer.event_coder.v9'" in msg
    assert "known: barometer.event_coder.v1" in msg


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_the_cli_stops_on_a_mistyped_stage_before_reading_anything(tmp_path, monkeypatch, capsys, command):
    monkeypatch.setenv("BAROMETER_TIME_RESOLVER", "barometer.time_resolver.v0")
    missing = tmp_path / "no-such-file.txt"  # never read: the settings are checked first
    db = tmp_path / "s.duckdb"
    argv = ["analyze", str(missing)] if command == "analyze" else ["ingest", str(missing), "--db", str(db)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("barometer: error: setting time_resolver (BAROMETER_TIME_RESOLVER)")
    assert "known: barometer.time_resolver.v1" in err[0]
    assert not db.exists(), "no store was opened"


def test_a_plugin_that_cannot_be_imported_and_an_unmet_requirement_are_config_errors():
    with pytest.raises(ConfigError, match=r"setting plugins \(BAROMETER_PLUGINS\): cannot import 'no_such_plugin'"):
        Pipeline.from_settings(Settings(plugins="no_such_plugin"))
    with pytest.raises(ConfigError, match="requires events, which no stage before it assigns"):
        Pipeline.from_settings(Settings(plugins="tests.stub_stages", actor_resolver="test.needs_events"))


def test_a_setting_of_the_wrong_type_is_one_line(monkeypatch, capsys):
    monkeypatch.setenv("BAROMETER_WORKERS", "many")
    assert main(["ingest", "x"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["barometer: error: setting workers (BAROMETER_WORKERS) is 'many', which is not an int"]

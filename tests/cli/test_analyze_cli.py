"""`barometer analyze`: JSON output, one-line errors naming the file, exit code 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from barometer.cli import main
from tests.conftest import SEED, shared_path


def test_analyze_seed_json(capsys):
    shared_path("seed")
    assert main(["analyze", str(SEED), "--published", "2022-01-28", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == "barometer/analysis@2"
    assert out["article"]["wire"] == ["AFP"]
    text = out["article"]["text"]
    for e in out["events"]:
        assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "input is empty"),
    ("doc.html", b"%PDF-1.4 fake", "PDF"),
    ("blob.txt", b"\x00\x01\x02\x00" * 50, "binary"),
    ("nomain.html", b"<html><body><nav>Home</nav></body></html>", "no main article text"),
])
def test_bad_inputs_exit_2_with_one_line_error(tmp_path, capsys, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    assert main(["analyze", str(p)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(p) in err and message in err


def test_oversized_file_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BAROMETER_MAX_BYTES", "100")  # main() reads the settings of its own run
    p = tmp_path / "big.txt"
    p.write_text("Title\n\n" + "Troops massed on the border. " * 20)
    assert main(["analyze", str(p)]) == 2
    assert "over the limit of 100 bytes" in capsys.readouterr().err


def test_missing_date_is_reported_on_stderr(tmp_path, capsys):
    p = tmp_path / "nodate.txt"
    p.write_text("Title\n\nRussia rejected the proposals of NATO on Wednesday, the Kremlin said.")
    assert main(["analyze", str(p), "--format", "json"]) == 0
    assert "no publication date" in capsys.readouterr().err


def test_console_script_reads_stdin():
    proc = subprocess.run([sys.executable, "-m", "barometer.cli", "analyze", "-", "--format", "json",
                           "--published", "2022-02-24"], input="Title\n\nRussian troops attacked Ukraine on Thursday.",
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article"]["published"] == "2022-02-24"


def test_schema_command_prints_json_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "barometer/analysis@2"

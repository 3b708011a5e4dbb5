"""Every user error of the CLI is one line on stderr and exit 2; codes are case-insensitive; ingest's
exit codes tell refused inputs (3) from a broken batch (1); control characters never reach a log line."""

from __future__ import annotations

import os

import pytest

from barometer.cli import main
from barometer.errors import InputError, one_line
from barometer.ingest.sources import iter_documents


def _err(capsys) -> list[str]:  # noqa: ANN001
    return capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("argv", [["analyze", "{d}/missing.txt"], ["quotes", "{d}/missing.txt"],
                                  ["analyze", "{d}"], ["ingest", "{d}/missing.txt", "--db", "{d}/s.duckdb"]])
def test_missing_files_are_one_line_and_exit_2(tmp_path, capsys, argv):
    assert main([a.format(d=tmp_path) for a in argv]) == 2
    err = _err(capsys)
    assert len(err) == 1 and err[0].startswith("barometer: error: ") and str(tmp_path) in err[0]
    assert "Traceback" not in err[0]
    assert not (tmp_path / "s.duckdb").exists(), "no store is created for a mistyped path"


def test_unknown_codes_types_and_statuses_suggest_the_closest(synthetic_store_path, capsys):
    db = ["--db", str(synthetic_store_path)]
    assert main(["dyad", "RUS", "UKX", *db]) == 2
    (line,) = _err(capsys)
    assert "unknown actor code 'UKX'" in line and "UKR" in line
    assert main(["events", "--type", "ASSUALT", *db]) == 2
    (line,) = _err(capsys)
    assert "unknown event type 'ASSUALT'" in line and "did you mean ASSAULT" in line
    assert main(["events", "--status", "done", *db]) == 2
    (line,) = _err(capsys)
    assert "unknown status 'done'" in line and "asserted" in line
    assert main(["alerts", "--actor", "XYZQ", *db]) == 2
    assert main(["export", "--type", "nothing", *db]) == 2


def test_codes_types_and_statuses_ignore_case(synthetic_store_path, capsys):
    db = ["--db", str(synthetic_store_path), "--format", "csv"]
    assert main(["events", "--actor", "RUS", "--type", "ASSAULT", "--status", "asserted", *db]) == 0
    upper = capsys.readouterr().out
    assert main(["events", "--actor", "rus", "--type", "assault", "--status", "ASSERTED", *db]) == 0
    assert capsys.readouterr().out == upper and upper.count("\n") > 1
    assert main(["dyad", "RUS", "UKR", "--db", str(synthetic_store_path), "--format", "csv"]) == 0
    upper = capsys.readouterr().out
    assert main(["dyad", "rus", "ukr", "--db", str(synthetic_store_path), "--format", "csv"]) == 0
    assert capsys.readouterr().out == upper


def test_an_unreadable_directory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Title\n\nRussia said so on Monday, officials said in Moscow.", "utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("x", "utf-8")
    if os.geteuid() == 0:  # root reads any directory: make this one refuse as it would for a user
        real = os.scandir

        def scandir(path="."):  # noqa: ANN001, ANN202
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(locked))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    errors: list[tuple[str, str]] = []
    try:
        docs = list(iter_documents([tmp_path], errors=errors))
    finally:
        locked.chmod(0o755)
    assert [d.source for d in docs] == [str(tmp_path / "ok" / "a.txt")]
    assert errors and errors[0][0] == str(locked) and "cannot read directory" in errors[0][1]


def test_control_characters_are_escaped_in_messages_and_logs(tmp_path, capsys):
    assert one_line("a\nb\rc\x1b[31md\u2028") == "a\\nb\\rc\\x1b[31md\\u2028"
    assert str(InputError("is empty", source="evil\nstored fake.txt")) == "evil\\nstored fake.txt: is empty"
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "evil\nstored forged.txt").write_bytes(b"")
    (corpus / "good.txt").write_text("Title\n\nRussia said so on Monday, officials said in Moscow.", "utf-8")
    code = main(["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"), "--workers", "0", "--verbose"])
    out = capsys.readouterr()
    lines = out.out.splitlines() + out.err.splitlines()
    assert not any(line.startswith("stored forged") for line in lines), lines
    assert any("evil\\nstored forged.txt" in line for line in lines)
    assert code == 3  # an empty file was refused; the batch itself was fine


def test_exit_codes_of_ingest(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("Title\n\nRussia said so on Monday, officials said in Moscow.", "utf-8")
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(good), "--db", db, "--workers", "0", "--no-progress"]) == 0
    assert main(["ingest", str(good), "--db", db, "--workers", "0", "--no-progress"]) == 0  # skipped: still 0
    (good / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(good), "--db", db, "--workers", "0", "--no-progress"]) == 3
    assert main(["ingest", "--db", db]) == 2  # neither paths nor --resume

"""``barometer actors``: the resolution table for a text or a file, as of a date."""

from __future__ import annotations

import json

from barometer.cli import main


def test_actors_command_resolves_titles_on_the_given_date(capsys):
    code = main(["actors", "The British Prime Minister spoke to the Kremlin.", "--date", "2022-11-01",
                 "--format", "json"])
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    by_text = {r["mention"]: r for r in rows}
    assert by_text["The British Prime Minister"]["actor"] == "person:rishi-sunak"
    assert by_text["The British Prime Minister"]["rule"] == "title_on_date"
    assert by_text["the Kremlin"]["code"] == "RUSGOV"


def test_actors_command_reads_a_file(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Talks\n\nUkrainian President Volodymyr Zelensky met NATO officials.\n", encoding="utf-8")
    assert main(["actors", str(path), "--date", "2022-01-28", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "person:volodymyr-zelensky" in out and "UKRGOV" in out


def test_bad_date_is_a_usage_error(capsys):
    assert main(["actors", "Russia said no.", "--date", "28/01/2022"]) == 2

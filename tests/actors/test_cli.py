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


def test_a_dated_file_name_gives_the_date_when_none_is_given(tmp_path, capsys):
    text = "Talks\n\nThe British Prime Minister spoke to the American president.\n"
    for name, pm, president in (("france24-2022-01-28-ukraine.txt", "boris-johnson", "joe-biden"),
                                ("20221101T090000Z_GB_en_x.txt", "rishi-sunak", "joe-biden"),
                                ("2025-03-01-talks.txt", "keir-starmer", "donald-trump")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert main(["actors", str(path), "--format", "json"]) == 0
        actors = {r["mention"]: r["actor"] for r in json.loads(capsys.readouterr().out)}
        assert actors["The British Prime Minister"] == f"person:{pm}", name
        assert actors["the American president"] == f"person:{president}", name


def test_date_in_name_ignores_non_dates():
    from barometer.cli.actors import date_in_name

    assert date_in_name("report-2022-13-45.txt") is None and date_in_name("notes.txt") is None

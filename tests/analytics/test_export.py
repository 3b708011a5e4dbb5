"""Exports (csv, jsonl, parquet, GDELT-like TSV) and the analytics CLI commands."""

from __future__ import annotations

import csv
import io
import json

import pytest

from barometer.analytics.export import GDELT_COLUMNS, export
from barometer.cli import main


def test_gdelt_export_is_one_tab_separated_row_per_event(store):
    buf = io.StringIO()
    n = export(store, "gdelt", buf)
    lines = buf.getvalue().splitlines()
    assert n == store.counts()["events"] == len(lines) - 1
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    strike = next(r for r in rows if r["PloverType"] == "ASSAULT" and r["Actor1Code"] == "RUSMIL")
    assert strike["Actor1CountryCode"] == "RUS" and strike["Actor1Type1Code"] == "MIL"
    assert strike["SQLDATE"].startswith("202202") and strike["QuadClass"] == "4"
    assert strike["GoldsteinScale"] == "-10.0" and strike["Status"] == "asserted"
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    # The evidence offsets lead back to the sentence.
    a = store.analysis(strike["ArticleId"])
    assert "struck" in a.article.text[int(strike["EvidenceStart"]):int(strike["EvidenceEnd"])]


def test_filters_apply_to_every_format(store, tmp_path):
    buf = io.StringIO()
    assert export(store, "jsonl", buf, actor="FRA") == 3
    recs = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert {r["type"] for r in recs} == {"CONSULT"} and all(r["source"] == "FRA" for r in recs)
    out = tmp_path / "threats.csv"
    assert export(store, "csv", out, status="announced") == 3
    with out.open() as fh:
        assert [r["type"] for r in csv.DictReader(fh)] == ["THREATEN"] * 3


def test_parquet_round_trip(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    n = export(store, "parquet", out, type="ASSAULT")
    table = pq.read_table(out)
    assert n == table.num_rows == 20
    assert set(table.column("type").to_pylist()) == {"ASSAULT"}
    with pytest.raises(Exception, match="output file"):
        export(store, "parquet", None)


def test_cli_dyad_alerts_and_export(synthetic_store_path, tmp_path, capsys):
    png = tmp_path / "rus-ukr.png"
    assert main(["dyad", "RUS", "UKR", "--db", str(synthetic_store_path), "--plot", str(png), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["label"] for r in rows][7] == "2022-W08" and rows[7]["conflict_intensity"] == "20.0"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["alerts", "--db", str(synthetic_store_path)]) == 0
    assert "RUS→UKR conflict intensity" in capsys.readouterr().out
    tsv = tmp_path / "events.tsv"
    assert main(["export", "--db", str(synthetic_store_path), "--format", "gdelt", "-o", str(tsv)]) == 0
    assert tsv.read_text().splitlines()[0].startswith("GLOBALEVENTID\tSQLDATE")
    with pytest.raises(SystemExit):
        main(["dyad", "RUS", "UKR", "--db", str(synthetic_store_path), "--by", "year"])

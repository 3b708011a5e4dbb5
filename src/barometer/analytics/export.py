"""Export coded events: CSV, Parquet, JSON lines, or a GDELT-1.0-like tab-separated table.

Every format is one SQL query over the store (parameterised filters from ``EVENT_FILTERS``);
the GDELT-like layout is documented column by column in docs/export-gdelt.md. Each row keeps
Barometer's provenance (article id, event id, rule, evidence offsets) so an exported event can
always be traced back to its sentence.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from barometer.errors import InputError
from barometer.store.queries import build_where

FORMATS = ("csv", "parquet", "jsonl", "gdelt")

EVENTS_SQL = (
    "SELECT e.article_id, e.event_id, COALESCE(e.date, a.published) AS date, a.published, e.type, e.mode, "
    "e.status, e.cameo, e.quad_class, e.goldstein, e.source_code AS source, e.source_name, "
    "e.source_country, e.target_code AS target, e.target_name, e.target_country, e.place, e.rule, "
    "e.confidence, e.evidence_start, e.evidence_end, e.evidence_text AS evidence, a.title, a.url, a.outlet "
    "FROM events e JOIN articles a ON a.id = e.article_id {where} "
    "ORDER BY date, e.article_id, e.evidence_start, e.event_id"
)

#: GDELT 1.0 event-table columns we can fill, then Barometer's own. Documented in docs/export-gdelt.md.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL",
    "PloverType", "PloverMode", "Status", "Rule", "Confidence", "ArticleId", "EventId",
    "EvidenceStart", "EvidenceEnd",
)

GDELT_SQL = (
    "SELECT e.article_id, e.event_id, COALESCE(e.date, a.published) AS date, a.published, "
    "e.source_code, e.source_name, e.source_country, sa.sector AS source_sector, "
    "e.target_code, e.target_name, e.target_country, ta.sector AS target_sector, "
    "e.cameo, e.quad_class, e.goldstein, e.place, pl.country AS place_country, pl.lat, pl.lon, "
    "a.url, a.source AS article_source, e.type, e.mode, e.status, e.rule, e.confidence, "
    "e.evidence_start, e.evidence_end "
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN actors sa ON sa.article_id = e.article_id AND sa.actor_id = e.source "
    "LEFT JOIN actors ta ON ta.article_id = e.article_id AND ta.actor_id = e.target "
    "LEFT JOIN (SELECT article_id, name, MIN(country) AS country, MIN(lat) AS lat, MIN(lon) AS lon "
    "           FROM places GROUP BY article_id, name) pl ON pl.article_id = e.article_id AND pl.name = e.place "
    "{where} ORDER BY date, e.article_id, e.evidence_start, e.event_id"
)


def event_rows(store: Any, **filters: Any) -> tuple[list[str], list[tuple]]:
    where, params = build_where(filters)
    return store.query(EVENTS_SQL.format(where=where), params)


def gdelt_rows(store: Any, **filters: Any) -> list[list[Any]]:
    """Events in the GDELT-like layout (``GDELT_COLUMNS``), one list per event."""
    where, params = build_where(filters)
    cols, rows = store.query(GDELT_SQL.format(where=where), params)
    out = []
    for n, r in enumerate(rows, start=1):
        x = dict(zip(cols, r, strict=True))
        day: dt.date | None = x["date"]
        cameo = x["cameo"] or ""
        out.append([
            n,
            day.strftime("%Y%m%d") if day else "",
            day.strftime("%Y%m") if day else "",
            day.year if day else "",
            f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
            x["source_code"] or "", x["source_name"] or "", x["source_country"] or "", x["source_sector"] or "",
            x["target_code"] or "", x["target_name"] or "", x["target_country"] or "", x["target_sector"] or "",
            1, cameo, cameo[:3], cameo[:2], x["quad_class"] if x["quad_class"] is not None else "",
            x["goldstein"] if x["goldstein"] is not None else "",
            1, 1, 1, "",
            x["place"] or "", x["place_country"] or "", _num(x["lat"]), _num(x["lon"]),
            x["published"].strftime("%Y%m%d") if x["published"] else "",
            x["url"] or x["article_source"] or "",
            x["type"], x["mode"] or "", x["status"], x["rule"], x["confidence"], x["article_id"], x["event_id"],
            x["evidence_start"], x["evidence_end"],
        ])
    return out


def _num(v: Any) -> Any:
    return "" if v is None else v


def export(store: Any, fmt: str, out: str | Path | IO[str] | None, **filters: Any) -> int:
    """Write events in ``fmt`` to a path (or a text stream for csv/jsonl/gdelt). Returns the row count."""
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None or not isinstance(out, str | Path):
            raise InputError("parquet export needs an output file (--output FILE)")
        cols, rows = event_rows(store, **filters)
        return _write_parquet(cols, rows, Path(out))
    if fmt == "gdelt":
        cols, rows = list(GDELT_COLUMNS), gdelt_rows(store, **filters)
    else:
        cols, rows = event_rows(store, **filters)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return _write_text(fmt, cols, rows, fh)
    import sys

    return _write_text(fmt, cols, rows, out or sys.stdout)


def _write_text(fmt: str, cols: Sequence[str], rows: Sequence[Sequence[Any]], fh: IO[str]) -> int:
    if fmt == "jsonl":
        for r in rows:
            fh.write(json.dumps(dict(zip(cols, r, strict=True)), default=_json_default, ensure_ascii=False) + "\n")
        return len(rows)
    w = csv.writer(fh, delimiter="\t" if fmt == "gdelt" else ",", lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([_flat(v) for v in r])
    return len(rows)


def _flat(v: Any) -> Any:
    # GDELT's TSV has no quoting: tabs and newlines inside a value would break the row.
    if isinstance(v, str):
        return " ".join(v.split()) if ("\t" in v or "\n" in v or "\r" in v) else v
    if isinstance(v, dt.date):
        return v.isoformat()
    return "" if v is None else v


def _json_default(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _write_parquet(cols: Sequence[str], rows: Sequence[Sequence[Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)}) if rows else pa.table(
        {c: pa.array([], type=pa.string()) for c in cols})
    pq.write_table(table, path)
    return len(rows)

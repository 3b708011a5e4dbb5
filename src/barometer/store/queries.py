"""Reading the store: event filters as parameterised SQL, and the queries every backend shares.

``EVENT_FILTERS`` is the one list of what users may filter events on (CLI, API, exports); each
filter becomes a clause with ``?`` parameters, so no user input is ever spliced into SQL.
"""

from __future__ import annotations

import threading
from typing import Any

from barometer.model import Analysis
from barometer.store.schema import TABLES


def contains(column: str) -> str:
    """SQL for "``column`` contains the parameter, ignoring case", where the parameter is passed
    through ``like_literal``: a user's ``%`` or ``_`` is then a character, not a wildcard."""
    return f"{column} ILIKE '%' || ? || '%' ESCAPE '\\'"


def like_literal(value: Any) -> Any:
    """Escape LIKE's wildcards (and the escape character itself) in a search string."""
    if not isinstance(value, str):
        return value
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: Where an event falls on the time axis: its own date, else its article's publication date. Every
#: date filter, period and series of the CLI, the API and the dashboard uses this one expression.
EVENT_DAY = "COALESCE(e.date, a.published)"


def scope_sql(alias: str = "e", *, min_confidence: float = 0.0, historical: bool = False) -> str:
    """SQL keeping the events that count: confidence at least ``min_confidence`` and, unless
    ``historical``, no historical event (background dated a month or more before its article).
    The values are numbers and booleans formatted here, never user text."""
    parts = [f"COALESCE({alias}.confidence, 1.0) >= {float(min_confidence)!r}"] if min_confidence else []
    if not historical:
        parts.append(f"NOT COALESCE({alias}.historical, FALSE)")
    return " AND ".join(parts) or "TRUE"


#: Columns users may filter events on, with the SQL each filter becomes (always parameterised).
#: ``historical`` is not a column test: false (the default of every caller) leaves historical events
#: out, true lets them in at their own date.
EVENT_FILTERS: dict[str, str] = {
    "actor": "(e.source_code = ? OR e.target_code = ? OR e.source_country = ? OR e.target_country = ?"
             " OR e.source_code LIKE ? || '%' ESCAPE '\\' OR e.target_code LIKE ? || '%' ESCAPE '\\')",
    "type": "e.type = ?",
    "status": "e.status = ?",
    "since": f"{EVENT_DAY} >= ?",
    "until": f"{EVENT_DAY} <= ?",
    "min_confidence": "COALESCE(e.confidence, 1.0) >= ?",
    "historical": "",
    "article": "e.article_id = ?",
    "text": contains("e.evidence_text"),
}


def build_where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for key, value in filters.items():
        if value is None or value == "":
            continue
        if key not in EVENT_FILTERS:
            raise ValueError(f"unknown filter {key!r} (known: {', '.join(EVENT_FILTERS)})")
        if key == "historical":
            if not value:
                clauses.append(scope_sql("e"))
            continue
        clause = EVENT_FILTERS[key]
        clauses.append(clause)
        if key == "text":
            params.append(like_literal(value))
        elif key == "actor":  # two exact codes, two countries, two code prefixes
            params += [value] * 4 + [like_literal(value)] * 2
        else:
            params += [value] * clause.count("?")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


class Queries:
    """The read side of ``SQLStore``: SQL with ``?`` placeholders, run under the store's lock."""

    _lock: threading.RLock

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run SQL with ``?`` placeholders; returns (column names, rows)."""
        with self._lock:
            return self._fetch(sql, params)

    def events(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> tuple[list[str], list[tuple]]:
        """Events joined with their article, filtered by ``EVENT_FILTERS`` keys (parameterised SQL)."""
        where, params = build_where(filters)
        sql = (f"SELECT {EVENT_DAY} AS date, e.type, e.source_code AS source, e.target_code AS target, e.status, e.cameo, "
               "e.quad_class, e.goldstein, e.rule, e.evidence_text AS evidence, a.title, e.article_id, e.event_id "
               f"FROM events e JOIN articles a ON a.id = e.article_id {where} "
               f"ORDER BY {EVENT_DAY}, e.article_id, e.evidence_start, e.event_id")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return self.query(sql, params)

    def analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis of one article, exactly as ``analyze()`` returned it."""
        row = self.query("SELECT analysis FROM articles WHERE id = ?", [article_id])[1]
        return Analysis.from_json(row[0][0]) if row else None

    def story_copies(self, article_id: str) -> list[str]:
        """Ids of every stored copy of the story this article belongs to (itself included), oldest first."""
        _, rows = self.query("SELECT b.id FROM articles a JOIN articles b ON b.story_id = a.story_id "
                             "WHERE a.id = ? ORDER BY b.ingested_at, b.id", [article_id])
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        return {t: self.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLES}  # noqa: S608 - fixed names

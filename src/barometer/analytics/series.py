"""Dyad time series, computed by the database (one SQL query per series, no Python loop over rows).

A dyad side is an actor *key*: the actor's ISO country when it has one (RUSGOV, RUSMIL and a
Russian minister all count as RUS), otherwise its code (NATO, EU) or its id. A side given by
the user matches either the key or the exact code, so ``RUS`` and ``RUSMIL`` both work.

Events are placed in the period of their own date, falling back to their article's publication
date, and historical events (background from long before the article) are left out unless asked
for (``scope.py``: the one definition the alerts, the map, the event lists and the exports share).
The axis is continuous: every period from the first to the last is a row, and a period without any
stored article has ``articles`` 0 and no intensity (a gap: unknown, not calm).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from barometer.analytics.scope import (
    MAX_PERIODS,
    Scope,
    as_date,
    calendar_cte,
    check_period,
    dyad_clause,
    dyad_params,
    events_cte,
    jsonable,
    period_label,
    period_sql,
    period_start,
    volume_cte,
)
from barometer.errors import InputError
from barometer.model import DONE_STATUSES

DAYS = {"day": 1, "week": 7, "month": 30}


@dataclass
class Series:
    """A dyad's series: one row per period from the first to the last, none skipped; a period without
    stored articles has ``articles`` 0 and ``None`` intensities (unknown, not calm)."""

    a: str
    b: str
    by: str
    directed: bool
    scope: Scope = field(default_factory=Scope)
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.a}{'→' if self.directed else '–'}{self.b}"

    def as_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "by": self.by, "directed": self.directed, "label": self.label,
                "done_statuses": list(DONE_STATUSES), "time_axis": "event date, else publication date",
                **self.scope.as_json(),
                "rows": [{**r, "period": r["period"].isoformat()} for r in self.rows]}


SERIES_COLUMNS = ("period", "label", "articles", "events", "threats", "q1", "q2", "q3", "q4", "goldstein_sum",
                  "goldstein_mean", "conflict", "cooperation", "conflict_intensity", "cooperation_intensity",
                  "escalation_index", "threat_intensity")
_INTENSITIES = ("conflict_intensity", "cooperation_intensity", "escalation_index", "threat_intensity")


def check_span(since: dt.date | None, until: dt.date | None, by: str) -> bool:
    """Whether the asked span is longer than an axis may be (``MAX_PERIODS``): then the axis keeps to
    the periods the store holds news for (``dyad_series``) — no error, since a far ``since`` is a
    valid question and before the first story there is no news at all."""
    if since is not None and until is not None and until < since:
        raise InputError(f"until ({until}) is before since ({since})")
    if since is None and until is None:
        return False
    start, end = since or min(until, dt.date.today()), until or max(since, dt.date.today())
    return (end - start).days / DAYS[by] > MAX_PERIODS


def dyad_series(store: Any, a: str, b: str, *, by: str = "week", directed: bool = True,
                since: dt.date | None = None, until: dt.date | None = None, scope: Scope | None = None) -> Series:
    """Counts, Goldstein and the escalation index for one dyad, per period (see docs/analytics.md).

    The axis runs from ``since`` (else the first period with an article or a counted event) to
    ``until`` (else the last period with an article), every period in between included; a span over
    ``MAX_PERIODS`` periods keeps to the first and last period with an article or a counted event.
    """
    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b:
        raise InputError("a dyad needs two actor codes, e.g. RUS UKR")
    check_period(by)
    too_long = check_span(since, until, by)
    scope = scope or Scope()
    clause, _ = dyad_clause(directed)
    quads = ", ".join(f"SUM(CASE WHEN done = 1 AND quad_class = {q} THEN 1 ELSE 0 END) AS q{q}" for q in (1, 2, 3, 4))
    per = "CASE WHEN v.n_articles IS NULL THEN NULL ELSE {num} * 1.0 / v.n_articles END"
    lo, hi = period_sql("CAST(? AS DATE)", by), period_sql("CAST(? AS DATE)", by)
    lo_sql, hi_sql = f"COALESCE({lo}, MIN(x.period))", f"COALESCE({hi}, (SELECT MAX(period) FROM vol))"
    if too_long:  # "since=0021-01-01" is no 105,000-week axis: keep to the periods with news
        lo_sql = f"GREATEST({lo_sql}, MIN(x.period))"
        hi_sql = f"LEAST({hi_sql}, GREATEST((SELECT MAX(period) FROM vol), MAX(x.period)))"
    sql = (
        f"WITH RECURSIVE {events_cte(by, scope)}, {volume_cte()}, "
        f"d AS (SELECT * FROM ev WHERE {clause}), "
        "agg AS (SELECT period, SUM(done) AS events, SUM(threat) AS threats, " + quads + ", "
        "SUM(CASE WHEN done = 1 THEN goldstein END) AS goldstein_sum, "
        "AVG(CASE WHEN done = 1 THEN goldstein END) AS goldstein_mean, "
        "SUM(conflict) AS conflict, SUM(cooperation) AS cooperation, SUM(threat_conflict) AS threat_conflict "
        "FROM d GROUP BY period), "
        f"bounds AS (SELECT {lo_sql} AS lo, {hi_sql} AS hi "
        "FROM (SELECT period FROM vol UNION ALL SELECT period FROM agg) x), "
        f"{calendar_cte(by, '(SELECT lo FROM bounds)', '(SELECT hi FROM bounds)')} "
        "SELECT c.period, COALESCE(v.n_articles, 0) AS articles, COALESCE(g.events, 0) AS events, "
        "COALESCE(g.threats, 0) AS threats, COALESCE(g.q1, 0) AS q1, COALESCE(g.q2, 0) AS q2, "
        "COALESCE(g.q3, 0) AS q3, COALESCE(g.q4, 0) AS q4, COALESCE(g.goldstein_sum, 0) AS goldstein_sum, "
        "g.goldstein_mean AS goldstein_mean, COALESCE(g.conflict, 0) AS conflict, "
        "COALESCE(g.cooperation, 0) AS cooperation, "
        f"{per.format(num='COALESCE(g.conflict, 0)')} AS conflict_intensity, "
        f"{per.format(num='COALESCE(g.cooperation, 0)')} AS cooperation_intensity, "
        f"{per.format(num='(COALESCE(g.conflict, 0) - COALESCE(g.cooperation, 0))')} AS escalation_index, "
        f"{per.format(num='COALESCE(g.threat_conflict, 0)')} AS threat_intensity "
        "FROM cal c LEFT JOIN vol v ON v.period = c.period LEFT JOIN agg g ON g.period = c.period "
        "ORDER BY c.period"
    )
    params: list[Any] = dyad_params(a, b, directed) + [since, until]
    cols, rows = store.query(sql, params)
    out = Series(a, b, by, directed, scope)
    types = _types_by_period(store, a, b, by, directed, scope)
    for r in rows:
        rec = dict(zip(cols, r, strict=True))
        rec["period"] = as_date(rec["period"])
        rec["label"] = period_label(rec["period"], by)
        for k in ("articles", "events", "threats", "q1", "q2", "q3", "q4"):
            rec[k] = int(rec[k])
        for k in ("goldstein_sum", "conflict", "cooperation", *_INTENSITIES):
            rec[k] = None if rec[k] is None else round(float(rec[k]), 4)
        if rec["goldstein_mean"] is not None:
            rec["goldstein_mean"] = round(float(rec["goldstein_mean"]), 4)
        rec["types"] = types.get(rec["period"], {})
        out.rows.append(rec)
    return out


def _types_by_period(store: Any, a: str, b: str, by: str, directed: bool,
                     scope: Scope) -> dict[dt.date, dict[str, int]]:
    """Done events per PLOVER type and period for the dyad."""
    clause, _ = dyad_clause(directed)
    sql = (f"WITH {events_cte(by, scope)} SELECT period, type, COUNT(*) AS n FROM ev WHERE done = 1 AND {clause} "
           "GROUP BY period, type ORDER BY period, n DESC, type")
    out: dict[dt.date, dict[str, int]] = {}
    for period, typ, n in store.query(sql, dyad_params(a, b, directed))[1]:
        out.setdefault(as_date(period), {})[typ] = int(n)
    return out


def dyad_events(store: Any, a: str, b: str, *, period: dt.date, by: str = "week", directed: bool = True,
                limit: int = 200, scope: Scope | None = None) -> list[dict[str, Any]]:
    """The events behind one point of a dyad series (done and threats alike, status shown)."""
    clause, _ = dyad_clause(directed)
    start = period_start(as_date(period), by)
    sql = (f"WITH {events_cte(by, scope)} SELECT article_id, event_id, day AS date, published, type, status, "
           "src AS source, tgt AS target, src_code AS source_code, tgt_code AS target_code, cameo, quad_class, "
           "goldstein, confidence, historical, rule, evidence_text AS evidence, evidence_start, evidence_end, title, "
           f"outlet FROM ev WHERE {clause} AND period = CAST(? AS DATE) "
           "ORDER BY day, article_id, evidence_start, event_id LIMIT ?")
    cols, rows = store.query(sql, dyad_params(a.strip().upper(), b.strip().upper(), directed) + [start, int(limit)])
    return [jsonable(dict(zip(cols, r, strict=True))) for r in rows]


def top_dyads(store: Any, *, directed: bool = True, limit: int = 50, scope: Scope | None = None) -> list[dict[str, Any]]:
    """Dyads with the most events (done or threats), for pickers and overviews."""
    a, b = ("src", "tgt") if directed else ("LEAST(src, tgt)", "GREATEST(src, tgt)")
    sql = (f"WITH {events_cte('day', scope)} SELECT {a} AS a, {b} AS b, SUM(done) AS events, SUM(threat) AS threats, "
           "COUNT(*) AS total, SUM(conflict) AS conflict, SUM(cooperation) AS cooperation FROM ev "
           "WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt "
           f"GROUP BY {a}, {b} ORDER BY total DESC, a, b LIMIT ?")
    cols, rows = store.query(sql, [int(limit)])
    return [jsonable(dict(zip(cols, r, strict=True))) for r in rows]


def network(store: Any, *, since: dt.date | None = None, until: dt.date | None = None,
            limit: int = 200, scope: Scope | None = None) -> dict[str, Any]:
    """Actor network for a period: nodes are actor keys, edges are directed dyads with done events."""
    sql = (f"WITH {events_cte('day', scope)} SELECT src, tgt, COUNT(*) AS events, SUM(goldstein) AS goldstein_sum, "
           "SUM(conflict) AS conflict, SUM(cooperation) AS cooperation FROM ev "
           "WHERE done = 1 AND src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt "
           "AND (CAST(? AS DATE) IS NULL OR day >= CAST(? AS DATE)) "
           "AND (CAST(? AS DATE) IS NULL OR day <= CAST(? AS DATE)) "
           "GROUP BY src, tgt ORDER BY events DESC, src, tgt LIMIT ?")
    cols, rows = store.query(sql, [since, since, until, until, int(limit)])
    edges = [jsonable(dict(zip(cols, r, strict=True))) for r in rows]
    degree: dict[str, int] = {}
    for e in edges:
        for k in (e["src"], e["tgt"]):
            degree[k] = degree.get(k, 0) + e["events"]
    nodes = [{"id": k, "events": n} for k, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}

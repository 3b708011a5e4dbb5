"""Dyad time series, computed by the database (one SQL query per series, no Python loop over rows).

A dyad side is an actor *key*: the actor's ISO country when it has one (RUSGOV, RUSMIL and a
Russian minister all count as RUS), otherwise its code (NATO, EU) or its id. A side given by
the user matches either the key or the exact code, so ``RUS`` and ``RUSMIL`` both work.

Events are placed in the period of their article's publication date (the reporting date, as
GDELT's DATEADDED), falling back to the event's own date when the article has none: an article
about 2014 published in 2022 tells us about the pressure in 2022. The SQL is standard (CTEs,
CASE, COALESCE, date_trunc, window frames) so the same text runs on DuckDB and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from barometer.analytics.index import conflict_sql, cooperation_sql, is_done_sql, is_threat_sql
from barometer.errors import InputError
from barometer.model import DONE_STATUSES

PERIODS = ("day", "week", "month")


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise InputError(f"period {by!r} is not one of {', '.join(PERIODS)}")
    return by


def period_sql(column: str, by: str) -> str:
    check_period(by)  # `by` is one of three fixed words: safe to inline
    if by == "day":
        return f"CAST({column} AS DATE)"
    return f"CAST(date_trunc('{by}', {column}) AS DATE)"


def period_label(start: dt.date, by: str) -> str:
    if by == "week":
        y, w, _ = start.isocalendar()
        return f"{y}-W{w:02d}"
    if by == "month":
        return start.strftime("%Y-%m")
    return start.isoformat()


def period_end(start: dt.date, by: str) -> dt.date:
    if by == "week":
        return start + dt.timedelta(days=6)
    if by == "month":
        nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return nxt - dt.timedelta(days=1)
    return start


def first_copy(table: str) -> str:
    """The article is the first stored copy of its story (articles stored before clustering count)."""
    return f"COALESCE({table}.story_id, {table}.id) = {table}.id"


def volume_cte(by: str) -> str:
    """Stories per period: the denominator of every intensity.

    A wire story republished by many outlets is one story (``articles.story_id``, near-duplicate
    clusters): only its first stored copy counts, here and in ``events_cte``, so syndication
    neither inflates a dyad's events nor the news volume.
    """
    p = period_sql("published", by)
    return (f"vol AS (SELECT {p} AS period, COUNT(*) AS n_articles FROM articles "
            f"WHERE published IS NOT NULL AND {first_copy('articles')} GROUP BY {p})")


def events_cte(by: str) -> str:
    """One row per event with its dyad keys, period and weights (the single definition of both)."""
    day = "COALESCE(a.published, e.date)"
    return (
        "ev AS (SELECT e.article_id, e.event_id, e.type, e.quad_class, e.goldstein, e.status, e.cameo, "
        "e.rule, e.evidence_text, e.evidence_start, e.evidence_end, a.title, "
        "COALESCE(e.source_country, e.source_code) AS src, e.source_code AS src_code, "
        "COALESCE(e.target_country, e.target_code) AS tgt, e.target_code AS tgt_code, "
        f"{day} AS day, {period_sql(day, by)} AS period, "
        f"CASE WHEN {is_done_sql()} THEN 1 ELSE 0 END AS done, "
        f"CASE WHEN {is_threat_sql()} THEN 1 ELSE 0 END AS threat, "
        f"{conflict_sql()} AS conflict, {cooperation_sql()} AS cooperation, "
        f"{conflict_sql(statuses=_threat_list())} AS threat_conflict "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {first_copy('a')})"
    )


def _threat_list() -> str:
    from barometer.analytics.index import THREAT_SQL

    return THREAT_SQL


def dyad_clause(directed: bool) -> tuple[str, int]:
    """WHERE text matching a dyad (A, B) and how many times each of A and B is bound."""
    fwd = "((ev.src = ? OR ev.src_code = ?) AND (ev.tgt = ? OR ev.tgt_code = ?))"
    if directed:
        return fwd, 1
    rev = "((ev.src = ? OR ev.src_code = ?) AND (ev.tgt = ? OR ev.tgt_code = ?))"
    return f"({fwd} OR {rev})", 2


def dyad_params(a: str, b: str, directed: bool) -> list[str]:
    params = [a, a, b, b]
    if not directed:
        params += [b, b, a, a]
    return params


@dataclass
class Series:
    """A dyad's series: one row per period that has articles (periods without articles are unknown, not calm)."""

    a: str
    b: str
    by: str
    directed: bool
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.a}{'→' if self.directed else '–'}{self.b}"

    def as_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "by": self.by, "directed": self.directed, "label": self.label,
                "done_statuses": list(DONE_STATUSES),
                "rows": [{**r, "period": r["period"].isoformat()} for r in self.rows]}


SERIES_COLUMNS = ("period", "label", "articles", "events", "threats", "q1", "q2", "q3", "q4", "goldstein_sum",
                  "goldstein_mean", "conflict", "cooperation", "conflict_intensity", "cooperation_intensity",
                  "escalation_index", "threat_intensity")


def dyad_series(store: Any, a: str, b: str, *, by: str = "week", directed: bool = True,
                since: dt.date | None = None, until: dt.date | None = None) -> Series:
    """Counts, Goldstein and the escalation index for one dyad, per period (see docs/analytics.md)."""
    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b:
        raise InputError("a dyad needs two actor codes, e.g. RUS UKR")
    clause, _ = dyad_clause(directed)
    quads = ", ".join(f"SUM(CASE WHEN done = 1 AND quad_class = {q} THEN 1 ELSE 0 END) AS q{q}" for q in (1, 2, 3, 4))
    sql = (
        f"WITH {volume_cte(by)}, {events_cte(by)}, "
        f"d AS (SELECT * FROM ev WHERE {clause}), "
        "agg AS (SELECT period, SUM(done) AS events, SUM(threat) AS threats, " + quads + ", "
        "SUM(CASE WHEN done = 1 THEN goldstein END) AS goldstein_sum, "
        "AVG(CASE WHEN done = 1 THEN goldstein END) AS goldstein_mean, "
        "SUM(conflict) AS conflict, SUM(cooperation) AS cooperation, SUM(threat_conflict) AS threat_conflict "
        "FROM d GROUP BY period) "
        "SELECT v.period, v.n_articles AS articles, COALESCE(g.events, 0) AS events, "
        "COALESCE(g.threats, 0) AS threats, COALESCE(g.q1, 0) AS q1, COALESCE(g.q2, 0) AS q2, "
        "COALESCE(g.q3, 0) AS q3, COALESCE(g.q4, 0) AS q4, COALESCE(g.goldstein_sum, 0) AS goldstein_sum, "
        "g.goldstein_mean AS goldstein_mean, COALESCE(g.conflict, 0) AS conflict, "
        "COALESCE(g.cooperation, 0) AS cooperation, "
        "COALESCE(g.conflict, 0) * 1.0 / v.n_articles AS conflict_intensity, "
        "COALESCE(g.cooperation, 0) * 1.0 / v.n_articles AS cooperation_intensity, "
        "(COALESCE(g.conflict, 0) - COALESCE(g.cooperation, 0)) * 1.0 / v.n_articles AS escalation_index, "
        "COALESCE(g.threat_conflict, 0) * 1.0 / v.n_articles AS threat_intensity "
        "FROM vol v LEFT JOIN agg g ON g.period = v.period "
        "WHERE (CAST(? AS DATE) IS NULL OR v.period >= CAST(? AS DATE)) "
        "AND (CAST(? AS DATE) IS NULL OR v.period <= CAST(? AS DATE)) ORDER BY v.period"
    )
    params: list[Any] = dyad_params(a, b, directed) + [since, since, until, until]
    cols, rows = store.query(sql, params)
    out = Series(a, b, by, directed)
    types = _types_by_period(store, a, b, by, directed)
    for r in rows:
        rec = dict(zip(cols, r, strict=True))
        rec["period"] = _as_date(rec["period"])
        rec["label"] = period_label(rec["period"], by)
        for k in ("articles", "events", "threats", "q1", "q2", "q3", "q4"):
            rec[k] = int(rec[k])
        for k in ("goldstein_sum", "conflict", "cooperation", "conflict_intensity", "cooperation_intensity",
                  "escalation_index", "threat_intensity"):
            rec[k] = round(float(rec[k]), 4)
        if rec["goldstein_mean"] is not None:
            rec["goldstein_mean"] = round(float(rec["goldstein_mean"]), 4)
        rec["types"] = types.get(rec["period"], {})
        out.rows.append(rec)
    return out


def _types_by_period(store: Any, a: str, b: str, by: str, directed: bool) -> dict[dt.date, dict[str, int]]:
    """Done events per PLOVER type and period for the dyad."""
    clause, _ = dyad_clause(directed)
    sql = (f"WITH {events_cte(by)} SELECT period, type, COUNT(*) AS n FROM ev WHERE done = 1 AND {clause} "
           "GROUP BY period, type ORDER BY period, n DESC, type")
    out: dict[dt.date, dict[str, int]] = {}
    for period, typ, n in store.query(sql, dyad_params(a, b, directed))[1]:
        out.setdefault(_as_date(period), {})[typ] = int(n)
    return out


def dyad_events(store: Any, a: str, b: str, *, period: dt.date, by: str = "week", directed: bool = True,
                limit: int = 200) -> list[dict[str, Any]]:
    """The events behind one point of a dyad series (done and threats alike, status shown)."""
    clause, _ = dyad_clause(directed)
    start = _as_date(period)
    sql = (f"WITH {events_cte(by)} SELECT article_id, event_id, day AS date, type, status, src AS source, "
           "tgt AS target, src_code AS source_code, tgt_code AS target_code, cameo, quad_class, goldstein, rule, "
           f"evidence_text AS evidence, evidence_start, evidence_end, title FROM ev WHERE {clause} "
           "AND period = CAST(? AS DATE) ORDER BY day, article_id, evidence_start, event_id LIMIT ?")
    cols, rows = store.query(sql, dyad_params(a.upper(), b.upper(), directed) + [start, int(limit)])
    return [_jsonable(dict(zip(cols, r, strict=True))) for r in rows]


def top_dyads(store: Any, *, directed: bool = True, limit: int = 50) -> list[dict[str, Any]]:
    """Dyads with the most events (done or threats), for pickers and overviews."""
    a, b = ("src", "tgt") if directed else ("LEAST(src, tgt)", "GREATEST(src, tgt)")
    sql = (f"WITH {events_cte('day')} SELECT {a} AS a, {b} AS b, SUM(done) AS events, SUM(threat) AS threats, "
           "COUNT(*) AS total, SUM(conflict) AS conflict, SUM(cooperation) AS cooperation FROM ev "
           "WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt "
           f"GROUP BY {a}, {b} ORDER BY total DESC, a, b LIMIT ?")
    cols, rows = store.query(sql, [int(limit)])
    return [_jsonable(dict(zip(cols, r, strict=True))) for r in rows]


def network(store: Any, *, since: dt.date | None = None, until: dt.date | None = None,
            limit: int = 200) -> dict[str, Any]:
    """Actor network for a period: nodes are actor keys, edges are directed dyads with done events."""
    sql = (f"WITH {events_cte('day')} SELECT src, tgt, COUNT(*) AS events, SUM(goldstein) AS goldstein_sum, "
           "SUM(conflict) AS conflict, SUM(cooperation) AS cooperation FROM ev "
           "WHERE done = 1 AND src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt "
           "AND (CAST(? AS DATE) IS NULL OR day >= CAST(? AS DATE)) "
           "AND (CAST(? AS DATE) IS NULL OR day <= CAST(? AS DATE)) "
           "GROUP BY src, tgt ORDER BY events DESC, src, tgt LIMIT ?")
    cols, rows = store.query(sql, [since, since, until, until, int(limit)])
    edges = [_jsonable(dict(zip(cols, r, strict=True))) for r in rows]
    degree: dict[str, int] = {}
    for e in edges:
        for k in (e["src"], e["tgt"]):
            degree[k] = degree.get(k, 0) + e["events"]
    nodes = [{"id": k, "events": n} for k, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _jsonable(rec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in rec.items():
        if isinstance(v, dt.date):
            v = v.isoformat()
        elif hasattr(v, "__float__") and not isinstance(v, int | float | bool):
            v = float(v)
        out[k] = v
    return out

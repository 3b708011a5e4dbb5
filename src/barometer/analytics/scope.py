"""Which stored events count, and where each one falls on the time axis: one definition for the
series, the alerts, the map, the event lists and the exports (CLI, API and dashboard alike).

* **The time axis** is the event's own date, falling back to its article's publication date
  (``store.queries.EVENT_DAY``): "Russian forces shelled Kharkiv on Monday", published on
  Wednesday, is Monday's event. Every period (day, ISO week from Monday, month) is bucketed from
  that one expression.
* **Historical events** (``events.historical``: dated a month or more before their article, e.g.
  a retrospective paragraph on 2014) are left out unless asked for (``historical=True``); then they
  count at their own date, never in the period in which they were mentioned.
* **Confidence**: events under ``min_confidence`` are left out (setting ``min_confidence``).
* **A story counts once**: only the first stored copy of a syndicated story contributes events
  (``first_copy``), and the volume of news is counted in stories.

The SQL is standard (CTEs, CASE, COALESCE, date_trunc) so the same text runs on DuckDB and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from barometer.analytics.index import THREAT_SQL, conflict_sql, cooperation_sql, is_done_sql, is_threat_sql
from barometer.errors import InputError
from barometer.store.queries import EVENT_DAY, scope_sql

PERIODS = ("day", "week", "month")
#: The step from one period's first day to the next, as an SQL interval (fixed words: safe to inline).
STEP = {"day": "INTERVAL '1 day'", "week": "INTERVAL '7 days'", "month": "INTERVAL '1 month'"}


@dataclass(frozen=True)
class Scope:
    """The events that count: at least ``min_confidence``, historical ones only when asked."""

    min_confidence: float = 0.0
    historical: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= float(self.min_confidence) <= 1.0:
            raise InputError(f"min_confidence must be between 0 and 1, not {self.min_confidence}")

    def sql(self, alias: str = "e") -> str:
        return scope_sql(alias, min_confidence=self.min_confidence, historical=self.historical)

    def as_json(self) -> dict[str, Any]:
        return {"min_confidence": float(self.min_confidence), "historical": bool(self.historical)}


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise InputError(f"period {by!r} is not one of {', '.join(PERIODS)}")
    return by


def period_sql(column: str, by: str) -> str:
    check_period(by)  # `by` is one of three fixed words: safe to inline
    if by == "day":
        return f"CAST({column} AS DATE)"
    return f"CAST(date_trunc('{by}', {column}) AS DATE)"


def period_start(day: dt.date, by: str) -> dt.date:
    """The first day of the period holding ``day`` (as ``period_sql`` computes it)."""
    check_period(by)
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


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


def volume_cte() -> str:
    """Stories per period: the denominator of every intensity. Follows ``ev`` in the same WITH.

    The volume of news about a period is the number of stories with at least one counted event
    (of any actors) dated in it, on the same time axis as the events themselves: a story published
    on Wednesday about Monday's strike adds to Monday's week. A wire story republished by many
    outlets is one story (``articles.story_id``, near-duplicate clusters): only its first stored
    copy counts, here and in ``events_cte``, so syndication inflates neither a dyad's events nor
    the volume. A period no story speaks of has no volume: it is a gap (unknown), not calm.
    """
    return "vol AS (SELECT period, COUNT(DISTINCT story) AS n_articles FROM ev GROUP BY period)"


def events_cte(by: str, scope: Scope | None = None) -> str:
    """One row per counted event with its dyad keys, period and weights (the single definition of both)."""
    scope = scope or Scope()
    return (
        "ev AS (SELECT e.article_id, e.event_id, e.type, e.quad_class, e.goldstein, e.status, e.cameo, "
        "e.rule, e.confidence, e.historical, e.place, e.evidence_text, e.evidence_start, e.evidence_end, "
        "a.title, a.outlet, a.url, a.published, COALESCE(a.story_id, a.id) AS story, "
        "COALESCE(e.source_country, e.source_code) AS src, e.source_code AS src_code, "
        "COALESCE(e.target_country, e.target_code) AS tgt, e.target_code AS tgt_code, "
        f"{EVENT_DAY} AS day, {period_sql(EVENT_DAY, by)} AS period, "
        f"CASE WHEN {is_done_sql()} THEN 1 ELSE 0 END AS done, "
        f"CASE WHEN {is_threat_sql()} THEN 1 ELSE 0 END AS threat, "
        f"{conflict_sql()} AS conflict, {cooperation_sql()} AS cooperation, "
        f"{conflict_sql(statuses=THREAT_SQL)} AS threat_conflict "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {first_copy('a')} AND {scope.sql('e')})"
    )


#: Most periods one axis may hold (a day axis over 30 years): a bound on what one request computes,
#: whatever dates the events carry.
MAX_PERIODS = 11_000


def calendar_cte(by: str, lo: str, hi: str) -> str:
    """``cal(period, n)``: every period from ``lo`` to ``hi`` (SQL expressions of period starts), none
    skipped, so a week without news is a gap on the axis rather than missing from it; at most
    ``MAX_PERIODS`` of them."""
    step = STEP[check_period(by)]
    return (f"cal(period, n) AS (SELECT {lo}, 0 WHERE {lo} IS NOT NULL UNION ALL "
            f"SELECT CAST(period + {step} AS DATE), n + 1 FROM cal "
            f"WHERE CAST(period + {step} AS DATE) <= {hi} AND n < {MAX_PERIODS - 1})")


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


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def jsonable(rec: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in rec.items():
        if isinstance(v, dt.date):
            v = v.isoformat()
        elif hasattr(v, "__float__") and not isinstance(v, int | float | bool):
            v = float(v)
        out[k] = v
    return out

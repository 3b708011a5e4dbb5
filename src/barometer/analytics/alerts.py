"""Spike alerts: a dyad's intensity far above its own recent baseline.

For every dyad and period the database computes the mean and sample standard deviation of the
same dyad's intensity over the preceding ``window`` periods (a RANGE window frame, so weeks
without any stored article are skipped rather than counted as calm), then

    z = (value − baseline_mean) / max(baseline_sd, min_sigma)

and an alert fires when z ≥ threshold, the period has at least ``min_events`` done events, and
the baseline covers at least ``min_periods`` periods. ``min_sigma`` is a noise floor: a dyad
with a perfectly flat (often all-zero) baseline would otherwise give an infinite z for a single
event. Standard SQL window functions only (DuckDB and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from barometer.analytics.series import _as_date, check_period, events_cte, period_label, volume_cte
from barometer.errors import InputError

METRICS = {
    "conflict": "conflict",
    "escalation": "conflict - cooperation",
}
METRIC_NAMES = {"conflict": "conflict intensity", "escalation": "escalation index"}
DAYS_PER_PERIOD = {"day": 1, "week": 7, "month": 31}


@dataclass
class Alert:
    a: str
    b: str
    directed: bool
    period: dt.date
    label: str
    metric: str
    value: float
    baseline_mean: float
    baseline_sd: float
    baseline_periods: int
    z: float
    events: int
    articles: int
    message: str

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["period"] = self.period.isoformat()
        return d


def find_alerts(store: Any, *, by: str = "week", window: int = 8, threshold: float = 3.0, min_sigma: float = 0.25,
                min_periods: int = 3, min_events: int = 2, metric: str = "conflict", directed: bool = True,
                actor: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                limit: int = 500) -> list[Alert]:
    """Alerts over every dyad (optionally those involving ``actor``), strongest first within a period."""
    check_period(by)
    if metric not in METRICS:
        raise InputError(f"metric {metric!r} is not one of {', '.join(METRICS)}")
    window, min_periods, min_events = int(window), int(min_periods), int(min_events)
    if window < 2 or window > 520:
        raise InputError("window must be between 2 and 520 periods")
    if min_sigma <= 0:
        raise InputError("min_sigma must be positive")
    span = window * DAYS_PER_PERIOD[by]  # an int computed here, inlined into the window frame
    a, b = ("src", "tgt") if directed else ("LEAST(src, tgt)", "GREATEST(src, tgt)")
    value = f"({METRICS[metric]})"
    sql = (
        f"WITH {volume_cte(by)}, {events_cte(by)}, "
        f"dy AS (SELECT {a} AS a, {b} AS b, period, SUM(done) AS n, SUM(conflict) AS conflict, "
        "SUM(cooperation) AS cooperation FROM ev WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt "
        f"GROUP BY {a}, {b}, period), "
        "pairs AS (SELECT a, b FROM dy GROUP BY a, b HAVING SUM(n) >= ? "
        "AND (CAST(? AS VARCHAR) IS NULL OR a = ? OR b = ?)), "
        "grid AS (SELECT p.a, p.b, v.period, v.n_articles, COALESCE(dy.n, 0) AS n, "
        f"COALESCE({value.replace('conflict', 'dy.conflict').replace('cooperation', 'dy.cooperation')}, 0)"
        " * 1.0 / v.n_articles AS value "
        "FROM pairs p CROSS JOIN vol v LEFT JOIN dy ON dy.a = p.a AND dy.b = p.b AND dy.period = v.period), "
        "scored AS (SELECT grid.*, AVG(value) OVER w AS base_mean, STDDEV_SAMP(value) OVER w AS base_sd, "
        "COUNT(value) OVER w AS base_n FROM grid WINDOW w AS (PARTITION BY a, b ORDER BY period "
        f"RANGE BETWEEN INTERVAL '{span} days' PRECEDING AND INTERVAL '1 days' PRECEDING)), "
        "z AS (SELECT scored.*, (value - base_mean) / GREATEST(COALESCE(base_sd, 0), ?) AS z FROM scored "
        "WHERE base_n >= ? AND n >= ?) "
        "SELECT a, b, period, value, base_mean, COALESCE(base_sd, 0) AS base_sd, base_n, z, n, n_articles FROM z "
        "WHERE z >= ? AND (CAST(? AS DATE) IS NULL OR period >= CAST(? AS DATE)) "
        "AND (CAST(? AS DATE) IS NULL OR period <= CAST(? AS DATE)) ORDER BY period, z DESC, a, b LIMIT ?"
    )
    act = actor.strip().upper() if actor else None
    params = [min_events, act, act, act, float(min_sigma), min_periods, min_events, float(threshold),
              since, since, until, until, int(limit)]
    out = []
    for ra, rb, period, val, mean, sd, n_base, z, n, n_art in store.query(sql, params)[1]:
        start = _as_date(period)
        label = period_label(start, by)
        arrow = "→" if directed else "–"
        msg = (f"{ra}{arrow}{rb} {METRIC_NAMES[metric]} {float(z):.1f}σ above its {window}-{by} baseline "
               f"in {by} {label} ({float(val):.2f} vs {float(mean):.2f} per article; {int(n)} events, "
               f"{int(n_art)} articles)")
        out.append(Alert(a=ra, b=rb, directed=directed, period=start, label=label, metric=metric,
                         value=round(float(val), 4), baseline_mean=round(float(mean), 4),
                         baseline_sd=round(float(sd), 4), baseline_periods=int(n_base), z=round(float(z), 2),
                         events=int(n), articles=int(n_art), message=msg))
    return out

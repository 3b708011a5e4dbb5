"""Alerts a user can defend: a dyad's conflict out of line with its own recent past, resting on
several stories from several outlets, each alert listing the stories and top events it rests on.

The database computes, for every dyad and period, the dyad's done events, conflict and cooperation
weight and the number of stories carrying its conflict, over the periods that have stories (one
SQL query, standard SQL: DuckDB and PostgreSQL); a change test (``change.py``: Poisson on story
counts by default, or the σ rule, or a CUSUM) scores each period against the ``window`` periods
before it. An alert then also needs, in its period:

* at least ``min_stories`` distinct stories carrying the dyad's conflict (setting
  ``alert_min_stories``, default 3) from at least ``min_outlets`` outlets (``alert_min_outlets``,
  default 2; an article's outlet is its ``outlet``, else its URL's host; articles with neither are
  from no known outlet and add none);
* at least ``min_events`` done events.

Historical events and events under the confidence bound are not counted at all (``scope.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from barometer.analytics.change import METHODS, THRESHOLDS, Point, score
from barometer.analytics.scope import Scope, as_date, check_period, events_cte, period_label, volume_cte
from barometer.errors import InputError

METRICS = {"conflict": "conflict", "escalation": "conflict - cooperation"}
METRIC_NAMES = {"conflict": "conflict intensity", "escalation": "escalation index"}
DAYS_PER_PERIOD = {"day": 1, "week": 7, "month": 31}
#: Top events listed per story of an alert, and stories listed per alert.
EVENTS_PER_STORY = 3
STORIES_PER_ALERT = 20


@dataclass
class Alert:
    a: str
    b: str
    directed: bool
    period: dt.date
    label: str
    metric: str
    method: str
    value: float
    baseline_mean: float
    baseline_sd: float
    baseline_periods: int
    score: float
    threshold: float
    z: float
    p_value: float | None
    expected_stories: float | None
    events: int
    stories: int
    outlets: int
    articles: int
    message: str = ""
    outlet_names: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    top_event: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["period"] = self.period.isoformat()
        return d


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """Who published an article: its outlet, else its URL's host (``www.`` dropped); None when unknown."""
    if outlet and outlet.strip():
        return " ".join(outlet.split()).lower()
    if url:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
        return host.removeprefix("www.") or None
    return None


def find_alerts(store: Any, *, by: str = "week", window: int = 8, threshold: float | None = None,
                min_sigma: float = 0.25, min_periods: int = 3, min_events: int = 2, min_stories: int = 3,
                min_outlets: int = 2, metric: str = "conflict", method: str = "sigma", directed: bool = True,
                actor: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                limit: int = 500, scope: Scope | None = None) -> list[Alert]:
    """Alerts over every dyad (optionally those involving ``actor``), oldest period first, strongest
    first within a period."""
    check_period(by)
    if metric not in METRICS:
        raise InputError(f"metric {metric!r} is not one of {', '.join(METRICS)}")
    if method not in METHODS:
        raise InputError(f"method {method!r} is not one of {', '.join(METHODS)}")
    window, min_periods, min_events = int(window), int(min_periods), int(min_events)
    min_stories, min_outlets = int(min_stories), int(min_outlets)
    if window < 2 or window > 520:
        raise InputError("window must be between 2 and 520 periods")
    if min_sigma <= 0:
        raise InputError("min_sigma must be positive")
    if min_stories < 0 or min_outlets < 0:
        raise InputError("min_stories and min_outlets must be 0 or more")
    threshold = THRESHOLDS[method] if threshold is None else float(threshold)
    scope = scope or Scope()
    grid = _grid(store, by, metric, directed, actor, min_events, min_stories, scope)
    candidates: list[Alert] = []
    for (a, b), points in grid.items():
        for s in score(method, points, window_days=window * DAYS_PER_PERIOD[by], min_periods=min_periods,
                       min_sigma=min_sigma, threshold=threshold):
            p = points[s.index]
            n = p.events
            if s.score < threshold or n < min_events or p.stories < min_stories:
                continue
            if (since and p.period < since) or (until and p.period > until):
                continue
            candidates.append(Alert(
                a=a, b=b, directed=directed, period=p.period, label=period_label(p.period, by), metric=metric,
                method=method, value=round(p.value, 4), baseline_mean=round(s.baseline_mean, 4),
                baseline_sd=round(s.baseline_sd, 4), baseline_periods=s.baseline_periods,
                score=round(s.score, 2), threshold=threshold, z=round(s.z, 2),
                p_value=None if s.p_value is None else float(f"{s.p_value:.3g}"),
                expected_stories=s.expected_stories, events=n, stories=p.stories, outlets=0, articles=p.volume))
    _attach_evidence(store, candidates, by, metric, directed, scope)
    out = [x for x in candidates if x.outlets >= min_outlets]
    for x in out:
        x.message = message(x, window, by)
    out.sort(key=lambda x: (x.period, -x.score, x.a, x.b))
    return out[:int(limit)]


def _sides(directed: bool) -> tuple[str, str]:
    return ("src", "tgt") if directed else ("LEAST(src, tgt)", "GREATEST(src, tgt)")


def _grid(store: Any, by: str, metric: str, directed: bool, actor: str | None, min_events: int, min_stories: int,
          scope: Scope) -> dict[tuple[str, str], list[Point]]:
    """Each candidate dyad's periods with stories, in order (one SQL query)."""
    a, b = _sides(directed)
    value = METRICS[metric]
    sql = (
        f"WITH {events_cte(by, scope)}, {volume_cte()}, "
        f"per AS (SELECT {a} AS a, {b} AS b, period, story, SUM(done) AS n, SUM(conflict) AS conflict, "
        "SUM(cooperation) AS cooperation FROM ev WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt "
        f"GROUP BY {a}, {b}, period, story), "
        "dy AS (SELECT a, b, period, SUM(n) AS n, SUM(conflict) AS conflict, SUM(cooperation) AS cooperation, "
        f"SUM(CASE WHEN ({value}) > 0 THEN 1 ELSE 0 END) AS stories FROM per GROUP BY a, b, period), "
        "pairs AS (SELECT a, b FROM dy GROUP BY a, b HAVING SUM(n) >= ? AND MAX(stories) >= ? "
        "AND (CAST(? AS VARCHAR) IS NULL OR a = ? OR b = ?)) "
        "SELECT p.a, p.b, v.period, v.n_articles, COALESCE(dy.n, 0), COALESCE(dy.conflict, 0), "
        "COALESCE(dy.cooperation, 0), COALESCE(dy.stories, 0) "
        "FROM pairs p CROSS JOIN vol v LEFT JOIN dy ON dy.a = p.a AND dy.b = p.b AND dy.period = v.period "
        "ORDER BY p.a, p.b, v.period"
    )
    act = actor.strip().upper() if actor else None
    out: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for ra, rb, period, vol, n, conflict, coop, stories in store.query(sql, [max(min_events, 1), min_stories, act,
                                                                             act, act])[1]:
        conflict, coop = float(conflict), float(coop)
        num = conflict - coop if metric == "escalation" else conflict
        out[(ra, rb)].append(Point(as_date(period), int(vol), num / int(vol), int(stories), int(n)))
    return out


def _attach_evidence(store: Any, alerts: list[Alert], by: str, metric: str, directed: bool, scope: Scope) -> None:
    """Fill each alert's stories (with their top events), outlets and top event (one query per 100 alerts)."""
    a, b = _sides(directed)
    value = "conflict - cooperation" if metric == "escalation" else "conflict"
    for start in range(0, len(alerts), 100):
        chunk = alerts[start:start + 100]
        match = " OR ".join(f"({a} = ? AND {b} = ? AND period = CAST(? AS DATE))" for _ in chunk)
        sql = (f"WITH {events_cte(by, scope)} SELECT {a} AS a, {b} AS b, period, story, article_id, event_id, title, "
               "outlet, url, published, day, type, status, src, tgt, goldstein, quad_class, confidence, "
               f"{value} AS weight, evidence_text, evidence_start, evidence_end FROM ev "
               f"WHERE done = 1 AND src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt AND ({match}) "
               "ORDER BY weight DESC, day, article_id, evidence_start, event_id")
        params: list[Any] = []
        for x in chunk:
            params += [x.a, x.b, x.period]
        cols, rows = store.query(sql, params)
        found: dict[tuple[str, str, dt.date], dict[str, dict[str, Any]]] = defaultdict(dict)
        for r in rows:
            rec = dict(zip(cols, r, strict=True))
            stories = found[(rec["a"], rec["b"], as_date(rec["period"]))]
            st = stories.setdefault(rec["story"], {
                "article_id": rec["article_id"], "title": rec["title"], "outlet": rec["outlet"], "url": rec["url"],
                "published": rec["published"].isoformat() if rec["published"] else None,
                "weight": 0.0, "events": []})
            w = float(rec["weight"] or 0)
            st["weight"] += w
            if len(st["events"]) < EVENTS_PER_STORY and w > 0:
                st["events"].append({
                    "article_id": rec["article_id"], "event_id": rec["event_id"], "date": as_date(rec["day"]).isoformat(),
                    "type": rec["type"], "status": rec["status"], "source": rec["src"], "target": rec["tgt"],
                    "goldstein": rec["goldstein"], "confidence": rec["confidence"], "weight": w,
                    "evidence": rec["evidence_text"], "evidence_start": rec["evidence_start"],
                    "evidence_end": rec["evidence_end"]})
        for x in chunk:
            stories = [s for s in found.get((x.a, x.b, x.period), {}).values() if s["weight"] > 0]
            stories.sort(key=lambda s: (-s["weight"], s["published"] or "", s["article_id"]))
            names = sorted({k for s in stories if (k := outlet_key(s["outlet"], s["url"]))})
            x.outlets, x.outlet_names = len(names), names
            for s in stories:
                s["weight"] = round(s["weight"], 4)
            x.evidence = stories[:STORIES_PER_ALERT]
            tops = [e for s in stories for e in s["events"]]
            x.top_event = max(tops, key=lambda e: e["weight"]) if tops else None


def message(x: Alert, window: int, by: str) -> str:
    arrow = "→" if x.directed else "–"
    where = f"{x.stories} stories from {x.outlets} outlet{'s' if x.outlets != 1 else ''}"
    what = f"{x.value:.2f} vs {x.baseline_mean:.2f} per story; {x.events} events in {where}"
    if x.method == "poisson":
        share = "net conflict" if x.metric == "escalation" else "conflict"
        return (f"{x.a}{arrow}{x.b} {share} in {x.stories} of {x.articles} stories in {by} {x.label}, "
                f"{x.expected_stories:.1f} expected from its {window}-{by} baseline (p = {x.p_value:.2g}); "
                f"{METRIC_NAMES[x.metric]} {what}")
    if x.method == "cusum":
        return (f"{x.a}{arrow}{x.b} {METRIC_NAMES[x.metric]} has risen {x.score:.1f}σ (cumulative) over its "
                f"{window}-{by} baseline by {by} {x.label} ({what})")
    return (f"{x.a}{arrow}{x.b} {METRIC_NAMES[x.metric]} {x.z:.1f}σ above its {window}-{by} baseline "
            f"in {by} {x.label} ({what})")

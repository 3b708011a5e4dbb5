"""Where events happen: coded events grouped by the place the coder gave them, with coordinates.

An event's ``place`` is the name of a place resolved in its article (``places`` table, from the
gazetteer, with latitude and longitude); the map groups the counted events (``scope.py``) by that
place, and ``place_events`` lists the events of one place, each with its evidence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from barometer.analytics.scope import Scope, events_cte, jsonable

_PLACES = ("JOIN (SELECT article_id, name, MIN(country) AS country, MIN(lat) AS lat, MIN(lon) AS lon FROM places "
           "WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY article_id, name) pl "
           "ON pl.article_id = ev.article_id AND pl.name = ev.place")
_FILTERS = ("(CAST(? AS DATE) IS NULL OR ev.day >= CAST(? AS DATE)) AND (CAST(? AS DATE) IS NULL OR ev.day <= CAST(? AS DATE)) "
            "AND (CAST(? AS VARCHAR) IS NULL OR ev.src = ? OR ev.tgt = ? OR ev.src_code = ? OR ev.tgt_code = ?) "
            "AND (CAST(? AS VARCHAR) IS NULL OR ev.type = ?)")


def _params(since: dt.date | None, until: dt.date | None, actor: str | None, type: str | None) -> list[Any]:
    actor = actor.strip().upper() if actor else None
    type = type.strip().upper() if type else None
    return [since, since, until, until, actor, actor, actor, actor, actor, type, type]


def places(store: Any, *, since: dt.date | None = None, until: dt.date | None = None, actor: str | None = None,
           type: str | None = None, scope: Scope | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Places with counted events: name, country, coordinates, events (done, threats), conflict and
    cooperation weight, stories; most events first."""
    sql = (f"WITH {events_cte('day', scope)} SELECT ev.place AS name, pl.country, AVG(pl.lat) AS lat, "
           "AVG(pl.lon) AS lon, COUNT(*) AS events, SUM(ev.done) AS done, SUM(ev.threat) AS threats, "
           "SUM(ev.conflict) AS conflict, SUM(ev.cooperation) AS cooperation, COUNT(DISTINCT ev.story) AS stories "
           f"FROM ev {_PLACES} WHERE {_FILTERS} GROUP BY ev.place, pl.country "
           "ORDER BY events DESC, name LIMIT ?")
    cols, rows = store.query(sql, _params(since, until, actor, type) + [int(limit)])
    return [jsonable(dict(zip(cols, r, strict=True))) for r in rows]


def place_events(store: Any, name: str, *, since: dt.date | None = None, until: dt.date | None = None,
                 actor: str | None = None, type: str | None = None, scope: Scope | None = None,
                 limit: int = 200) -> list[dict[str, Any]]:
    """The counted events at one place, oldest first, with their evidence."""
    sql = (f"WITH {events_cte('day', scope)} SELECT ev.article_id, ev.event_id, ev.day AS date, ev.type, ev.status, "
           "ev.src AS source, ev.tgt AS target, ev.goldstein, ev.confidence, ev.evidence_text AS evidence, "
           "ev.evidence_start, ev.evidence_end, ev.title, ev.outlet, ev.place, pl.country, pl.lat, pl.lon "
           f"FROM ev {_PLACES} WHERE ev.place = ? AND {_FILTERS} "
           "ORDER BY ev.day, ev.article_id, ev.evidence_start, ev.event_id LIMIT ?")
    cols, rows = store.query(sql, [name] + _params(since, until, actor, type) + [int(limit)])
    return [jsonable(dict(zip(cols, r, strict=True))) for r in rows]

"""The API behind the dashboard's views: alerts, the map, exports of the current filter, and the
store's status (which the dashboard polls to show new alerts without a reload).

Every endpoint reads the same event scope (``min_confidence``, ``historical``) and time axis (the
event's date, else its article's) as the rest of the API, the CLI and the exports.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from barometer.api.common import READ, EventScope, IsoDate, Period, store_of

Store = Annotated[Any, Depends(store_of)]
Code = Query(None, max_length=64, pattern=r"^[A-Za-z0-9:_\-.]{1,64}$")


MEDIA = {"csv": ("text/csv", "csv"), "jsonl": ("application/x-ndjson", "jsonl"),
         "gdelt": ("text/tab-separated-values", "tsv"), "parquet": ("application/vnd.apache.parquet", "parquet")}


def router(page_max: int) -> APIRouter:
    """The views' routes, their page sizes bounded by the setting ``api_page_max`` in the schema (so a
    larger ``limit`` is a 422 the schema declares, as on the other list endpoints)."""
    router = APIRouter()

    @router.get("/api/alerts", tags=["analytics"], dependencies=READ)
    def alerts(request: Request, store: Store, scope: EventScope, by: Period = "week",
               method: Literal["sigma", "poisson", "cusum"] = "sigma", window: int = Query(8, ge=2, le=520),
               threshold: float | None = Query(None, gt=0, le=1000, description="score that fires an alert "
                                               "(default: sigma 3, poisson 3 = p ≤ 0.001, cusum 4)"),
               min_sigma: float = Query(0.25, gt=0, le=1e6), min_events: int = Query(2, ge=0, le=2**31 - 1),
               min_stories: int | None = Query(None, ge=0, le=10_000, description="default: setting alert_min_stories"),
               min_outlets: int | None = Query(None, ge=0, le=10_000, description="default: setting alert_min_outlets"),
               min_periods: int = Query(3, ge=1, le=520), metric: Literal["conflict", "escalation"] = "conflict",
               directed: bool = True, actor: str | None = Code, since: IsoDate | None = None,
               until: IsoDate | None = None, limit: int = Query(min(100, page_max), ge=1, le=page_max)) -> dict[str, Any]:
        """Alerts across all dyads (or those of ``actor``): a dyad's conflict out of line with its own
        baseline, on at least ``min_stories`` stories from ``min_outlets`` outlets; each alert lists the
        stories and top events it rests on (docs/analytics.md)."""
        from barometer.analytics.alerts import find_alerts

        s = request.app.state.settings
        found = find_alerts(store, by=by, method=method, window=window, threshold=threshold, min_sigma=min_sigma,
                            min_events=min_events, min_periods=min_periods, metric=metric, directed=directed,
                            min_stories=s.alert_min_stories if min_stories is None else min_stories,
                            min_outlets=s.alert_min_outlets if min_outlets is None else min_outlets,
                            actor=actor, since=since, until=until, limit=limit, scope=scope)
        return {"items": [x.as_json() for x in found], **scope.as_json()}


    @router.get("/api/places", tags=["places"], dependencies=READ)
    def places(store: Store, scope: EventScope, since: IsoDate | None = None,
               until: IsoDate | None = None, actor: str | None = Code,
               type: str | None = Query(None, max_length=40, description="PLOVER type"),
               limit: int = Query(min(500, page_max), ge=1, le=page_max)) -> dict[str, Any]:
        """Places where counted events happen, with coordinates, for the map."""
        from barometer.analytics.places import places as q

        return {"items": q(store, since=since, until=until, actor=actor, type=type, scope=scope,
                           limit=limit)}


    @router.get("/api/places/events", tags=["places"], dependencies=READ)
    def place_events(store: Store, scope: EventScope,
                     name: str = Query(..., min_length=1, max_length=200, description="the place's name"),
                     since: IsoDate | None = None, until: IsoDate | None = None, actor: str | None = Code,
                     type: str | None = Query(None, max_length=40), limit: int = Query(min(200, page_max), ge=1, le=page_max)) -> dict[str, Any]:
        """The counted events at one place, with their evidence."""
        from barometer.analytics.places import place_events as q

        return {"items": q(store, name, since=since, until=until, actor=actor, type=type, scope=scope,
                           limit=limit)}


    @router.get("/api/export", tags=["events"], dependencies=READ,
                responses={200: {"description": "the events as a file", "content": {m: {} for m, _ in MEDIA.values()}}})
    def export_events(store: Store, scope: EventScope, format: Literal["csv", "jsonl", "gdelt", "parquet"] = "csv",
                      actor: str | None = Code, type: str | None = Query(None, max_length=40),
                      status: str | None = Query(None, max_length=20), since: IsoDate | None = None,
                      until: IsoDate | None = None, text: str | None = Query(None, max_length=200)) -> Response:
        """The events of a filter (the Events view's) as CSV, JSON lines, Parquet or the GDELT-like TSV
        (docs/export-gdelt.md), as a download."""
        from barometer.analytics.export import export

        filters = {"actor": actor and actor.upper(), "type": type and type.upper(), "status": status, "since": since,
                   "until": until, "text": text, "min_confidence": scope.min_confidence or None,
                   "historical": scope.historical}
        media, ext = MEDIA[format]
        if format == "parquet":
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "events.parquet"
                export(store, "parquet", out, **filters)
                body = out.read_bytes()
        else:
            buf = io.StringIO()
            export(store, format, buf, **filters)
            body = buf.getvalue().encode("utf-8")
        name = f"barometer-events-{dt.date.today().isoformat()}.{ext}"
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


    @router.get("/api/status", tags=["meta"], dependencies=READ)
    def status(request: Request, store: Store) -> dict[str, Any]:
        """What the store holds and when it last changed (the dashboard polls this to show new alerts
        without a reload), and the defaults of the event scope and of the alerts."""
        _, rows = store.query("SELECT COUNT(*), MAX(ingested_at) FROM articles")
        n, last = rows[0]
        events = store.query("SELECT COUNT(*) FROM events")[1][0][0]
        last_iso = last.isoformat() if last else None
        s = request.app.state.settings
        return {"articles": int(n), "events": int(events), "last_ingested_at": last_iso,
                "version": f"{int(n)}:{int(events)}:{last_iso or ''}",
                "defaults": {"min_confidence": s.min_confidence, "alert_min_stories": s.alert_min_stories,
                             "alert_min_outlets": s.alert_min_outlets}}

    return router

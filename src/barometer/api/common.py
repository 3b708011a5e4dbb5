"""What every API module shares: parameter types, the event scope every read takes, the store.

Why a module: the endpoints live in several modules (``app.py``, ``views.py``), and a date, an
actor code or the confidence bound must be read the same way by all of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator, Field

from barometer.analytics.scope import Scope
from barometer.api.security import check_read

Period = Literal["day", "week", "month"]
ActorCode = Annotated[str, Field(pattern=r"^[A-Za-z0-9:_\-.]{1,64}$")]


def _iso_date(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` (or a date object): pydantic alone reads ``0`` or ``1643328000`` as a Unix
    time, so ``until=0`` quietly meant 1970-01-01 instead of a 422 (found by schemathesis)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
#: An article id is its sha256 hex digest; the pattern is in the schema, so a bad id is a 422 like
#: any other malformed parameter (it was a 400 the schema did not announce).
ArticleId = Annotated[str, Path(pattern=r"^[0-9a-f]{1,64}$", description="the article's sha256 hex digest")]
READ = [Depends(check_read)]


def scope_of(request: Request,
             min_confidence: float | None = Query(None, ge=0, le=1, description="leave out events under this "
                                                  "confidence (default: setting min_confidence, 0.3)"),
             historical: bool = Query(False, description="count historical events (a month or more before their "
                                      "article) at their own date")) -> Scope:
    """The events a read counts (``analytics/scope.py``), the same in every endpoint."""
    conf = request.app.state.settings.min_confidence if min_confidence is None else min_confidence
    return Scope(min_confidence=conf, historical=historical)


EventScope = Annotated[Scope, Depends(scope_of)]


def store_of(request: Request) -> Any:
    """The app's read-only store."""
    return request.app.state.store

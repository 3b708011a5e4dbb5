"""What the API refuses before any endpoint runs, for every route (the ones added later included).

* ``reject_unknown_parameters``: an app-wide dependency. A query parameter no ``/api`` route declares
  is a 422 naming the allowed ones (``?foo=bar`` used to be ignored, so it returned everything).
* ``SecurityHeaders``: ``X-Content-Type-Options: nosniff`` on every response (JSON ones lacked it).
* ``AnalysisGate``: at most ``api_analyze_concurrency`` analyses run at once and ``api_analyze_queue``
  wait; more get 429 with ``Retry-After``. A request that waits and runs longer than
  ``api_analyze_timeout`` seconds gets 503; its analysis, which a thread cannot be stopped in, keeps
  its slot until it ends, so the server never runs more than the limit (one 1 MB request took 98 s
  and 3.5 GB, three at once 9.4 GB, before these limits).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError

T = TypeVar("T")


def _query_names(route: Any) -> tuple[set[str], set[str]]:
    """The route's query parameter names, and those of them that take several values (a list)."""
    cached = getattr(route, "_barometer_query_names", None)
    if cached is None:
        names: set[str] = set()
        lists: set[str] = set()
        todo = [route.dependant]
        while todo:
            dep = todo.pop()
            for p in dep.query_params:
                names.add(p.alias)
                if _is_sequence(getattr(p.field_info, "annotation", None)):
                    lists.add(p.alias)
            todo.extend(dep.dependencies)
        cached = route._barometer_query_names = (names, lists)
    return cached


def _is_sequence(annotation: object) -> bool:
    """Whether a parameter's type takes several values (``list[str]``, ``list[str] | None`` …)."""
    origin = get_origin(annotation)
    if origin in (list, tuple, set, frozenset):
        return True
    return any(_is_sequence(a) for a in get_args(annotation)) if origin is not None else False


def reject_unknown_parameters(request: Request) -> None:
    """422 for a query parameter the matched ``/api`` route does not take (FastAPI's error shape)."""
    route = request.scope.get("route")
    if route is None or not getattr(route, "path", "").startswith("/api"):
        return
    allowed, lists = _query_names(route)
    unknown = [k for k in request.query_params if k not in allowed]
    if unknown:
        names = ", ".join(sorted(allowed)) or "none"
        raise RequestValidationError([{"type": "extra_forbidden", "loc": ("query", k), "input": request.query_params[k],
                                       "msg": f"unknown query parameter {k!r} (this endpoint takes: {names})"}
                                      for k in unknown])
    # "offset=junk&offset=0" would be read as its last value and the junk silently dropped: a parameter
    # that takes one value, given several times, is ambiguous, so it is refused like a wrong value.
    repeated = sorted({k for k in request.query_params if k not in lists and len(request.query_params.getlist(k)) > 1})
    if repeated:
        raise RequestValidationError([{"type": "too_many_values", "loc": ("query", k),
                                       "input": request.query_params.getlist(k),
                                       "msg": f"query parameter {k!r} takes one value, given "
                                              f"{len(request.query_params.getlist(k))}"}
                                      for k in repeated])


class SecurityHeaders:
    """ASGI middleware: ``X-Content-Type-Options: nosniff`` on every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-content-type-options"]
                message = {**message, "headers": [*headers, (b"x-content-type-options", b"nosniff")]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AnalysisGate:
    """Bounds the analyses the API runs: ``concurrency`` at once, ``queue`` waiting, ``timeout`` seconds."""

    def __init__(self, concurrency: int, queue: int, timeout: float) -> None:
        self.concurrency = max(1, concurrency)
        self.queue = max(0, queue)
        self.timeout = timeout
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._admitted = 0  # running + waiting
        self._seconds = 5.0  # running mean of an analysis, for Retry-After

    def _retry_after(self) -> str:
        return str(max(1, math.ceil(self._seconds * (self._admitted / self.concurrency))))

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in a worker thread once a slot is free; 429 when the queue is full, 503 past the limit."""
        if self._admitted >= self.concurrency + self.queue:
            raise HTTPException(429, f"too many analyses in progress ({self.concurrency} running, {self.queue} "
                                     "waiting: settings api_analyze_concurrency, api_analyze_queue); retry later",
                                headers={"Retry-After": self._retry_after()})
        if self._loop is not asyncio.get_running_loop():  # one loop when served; test clients make new ones
            self._loop, self._slots = asyncio.get_running_loop(), asyncio.Semaphore(self.concurrency)
        slots = self._slots
        self._admitted += 1
        deadline = time.monotonic() + self.timeout
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self._admitted -= 1

        try:
            await asyncio.wait_for(slots.acquire(), timeout=max(0.001, deadline - time.monotonic()))
        except TimeoutError:
            release()
            raise self._too_slow() from None

        async def work() -> T:
            t0 = time.monotonic()
            try:
                return await asyncio.to_thread(fn)
            finally:
                self._seconds = 0.8 * self._seconds + 0.2 * (time.monotonic() - t0)
                slots.release()
                release()

        task = asyncio.ensure_future(work())
        try:
            return await asyncio.wait_for(asyncio.shield(task), timeout=max(0.001, deadline - time.monotonic()))
        except TimeoutError:
            raise self._too_slow() from None

    def _too_slow(self) -> HTTPException:
        return HTTPException(503, f"the analysis took over {self.timeout:g} s (setting api_analyze_timeout); "
                                  "send a shorter text or retry later", headers={"Retry-After": self._retry_after()})


def guarded_docs(app: Any, check: Callable[[Request], None]) -> None:
    """``/openapi.json`` behind ``check`` (the read token), for an app built without it: with
    ``api_read_requires_token`` it answered without a token. ``/docs`` (served offline by
    ``api/web.py``) takes the same check."""
    from fastapi import Depends
    from fastapi.responses import JSONResponse

    @app.get("/openapi.json", include_in_schema=False, dependencies=[Depends(check)])
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

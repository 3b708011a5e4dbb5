"""Token checks and the request-size guard of the API.

Why here and not per endpoint: every write endpoint must check the same token the same way
(constant-time, ``hmac.compare_digest``), and the size limit must hold *before* FastAPI parses a
body, so an oversized upload is refused without being buffered in full.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from typing import Any

from fastapi import HTTPException, Request


def presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-barometer-token")


def token_ok(expected: str, given: str | None) -> bool:
    if not expected or given is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def check_write(request: Request) -> None:
    settings = request.app.state.settings
    if not settings.api_token:
        raise HTTPException(403, "writes are disabled: set BAROMETER_API_TOKEN to enable write endpoints")
    if not token_ok(settings.api_token, presented_token(request)):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})


def check_analyze(request: Request) -> None:
    """``POST /api/analyze`` runs the pipeline: with a token configured it needs it, unless
    ``api_analyze_public``; with none, it follows the read rule."""
    settings = request.app.state.settings
    if settings.api_token and not settings.api_analyze_public:
        if not token_ok(settings.api_token, presented_token(request)):
            raise HTTPException(401, "a valid token is required for analyses (Authorization: Bearer <token>; "
                                     "setting api_analyze_public makes them public)",
                                headers={"WWW-Authenticate": "Bearer"})
        return
    check_read(request)


def check_read(request: Request) -> None:
    settings = request.app.state.settings
    if not settings.api_read_requires_token:
        return
    if not token_ok(settings.api_token, presented_token(request)):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413, declared or streamed."""

    def __init__(self, app: Any, limit: int, timeout: float | None = None, paths: dict[str, int] | None = None) -> None:
        """``paths``: a lower limit for some paths (``/api/analyze``); ``timeout``: seconds to wait for
        each piece of the body before answering 408 (a client that stalls holds nothing for long)."""
        self.app = app
        self.limit = limit
        self.timeout = timeout
        self.paths = paths or {}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = min(self.limit, self.paths.get(scope.get("path", ""), self.limit))
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit, scope)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            try:
                msg = await asyncio.wait_for(receive(), self.timeout)
            except TimeoutError:
                await _answer(send, 408, f"the request body stalled for over {self.timeout:g} s "
                                         "(setting api_body_timeout)")
                return
            if msg["type"] == "http.disconnect":
                return
            body = msg.get("body", b"")
            size += len(body)
            if size > limit:
                await self._refuse(send, limit, scope)
                return
            chunks.append(body)
            if not msg.get("more_body"):
                break
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Any, limit: int, scope: dict) -> None:
        setting = "api_analyze_max_bytes" if limit < self.limit else "api_max_bytes"
        await _answer(send, 413, f"request body over the limit of {limit} bytes (setting {setting})")


async def _answer(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

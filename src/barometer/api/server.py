"""Serving the app with uvicorn, with the time limits uvicorn does not set by itself.

Why: uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but gives a client all the
time it likes to send its request headers: 200 connections that sent half a request line stayed
open for 60 s and more (a slowloris). ``TimedH11Protocol`` closes a connection that has not sent a
whole request head ``api_header_timeout`` seconds after it opened or after its last response; the
body's pace is bounded by ``BodyLimit`` (``api_body_timeout``, 408), and idle keep-alive connections
by ``api_keep_alive``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


def timed_protocol(header_timeout: float) -> type[H11Protocol]:
    """An h11 protocol class that closes connections whose request head takes over ``header_timeout`` s."""

    class TimedH11Protocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            waiting_for = self.cycle  # a new request replaces the cycle: then the head has arrived
            self._head_timer = self.loop.call_later(header_timeout, self._head_timed_out, waiting_for)

        def _head_timed_out(self, waiting_for: Any) -> None:
            self._head_timer = None
            if self.cycle is waiting_for and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            super().connection_lost(exc)

    return TimedH11Protocol


def uvicorn_options(settings: Any) -> dict[str, Any]:
    """The keyword arguments ``barometer serve`` gives ``uvicorn.run`` (docs/api.md, "Time limits")."""
    return {"http": timed_protocol(settings.api_header_timeout), "timeout_keep_alive": settings.api_keep_alive,
            "log_level": "warning"}

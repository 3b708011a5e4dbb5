"""Polite HTTP fetching for feeds and the pages they link: timeout, user agent, robots.txt, rate limit.

Why our own small fetcher: a crawler that ignores robots.txt or hammers one host gets a research
project blocked. Every request goes through ``Fetcher.get``, which checks the host's robots.txt
(fetched once per host, with the same user agent), waits until ``host_delay`` seconds have passed
since the previous request to that host, and gives up after ``fetch_timeout`` seconds.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from urllib.parse import urlsplit

from barometer.errors import InputError
from barometer.settings import Settings


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP error, disallowed by robots.txt)."""


class Fetcher:
    def __init__(self, *, user_agent: str = Settings.user_agent, timeout: float = Settings.fetch_timeout,
                 host_delay: float = Settings.host_delay, max_bytes: int = Settings.max_bytes) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.host_delay = host_delay
        self.max_bytes = max_bytes
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, s: Settings) -> Fetcher:
        """A fetcher with the ``user_agent``, ``fetch_timeout``, ``host_delay`` and ``max_bytes`` settings."""
        return cls(user_agent=s.user_agent, timeout=s.fetch_timeout, host_delay=s.host_delay, max_bytes=s.max_bytes)

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            due = self._last.get(host, -1e9) + self.host_delay
            if due > now:
                time.sleep(due - now)
            self._last[host] = time.monotonic()

    def _raw_get(self, url: str) -> tuple[int, bytes, str]:
        host = urlsplit(url).netloc
        self._wait_turn(host)
        req = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - http(s) only
                data = resp.read(self.max_bytes + 1)
                return resp.status, data, resp.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            return exc.code, b"", ""
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise FetchError(f"cannot fetch: {getattr(exc, 'reason', exc)}", source=url) from None

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            rp: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                status, data, _ = self._raw_get(root + "/robots.txt")
            except FetchError:
                status, data = 404, b""
            if status in (401, 403):
                rp.disallow_all = True
            elif status >= 400:
                rp.allow_all = True
            else:
                rp.parse(data.decode("utf-8", "replace").splitlines())
            self._robots[root] = rp
        rp = self._robots[root]
        return rp is None or rp.can_fetch(self.user_agent, url)

    def get(self, url: str) -> bytes:
        """The body of ``url``; raises FetchError when disallowed, failing or too large."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("only http and https URLs are fetched", source=url)
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt", source=url)
        status, data, _ = self._raw_get(url)
        if status >= 400:
            raise FetchError(f"HTTP {status}", source=url)
        if len(data) > self.max_bytes:
            raise FetchError(f"response over the limit of {self.max_bytes:,} bytes", source=url)
        return data

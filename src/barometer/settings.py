"""One settings object for the whole system.

Every setting has a default, can be overridden by an environment variable named
``BAROMETER_<NAME>`` (upper case) and, where it matters, by a CLI flag. Each one is documented in
``docs/settings.md``; a test fails if one is not.

Settings are read once, by an entry point (the CLI's ``main``, the library's default pipeline), and
passed down: the ``Pipeline`` built from them carries them to its stages, the batch, the worker
processes, Dask workers and the API. No module below the entry points reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from barometer.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    #: spaCy model package for English; falls back to the PyPI re-upload when absent.
    model: str = "en_core_web_sm"
    #: Largest input accepted, in bytes; larger inputs are refused before parsing.
    max_bytes: int = 20_000_000
    #: Longest text analysed in one piece, in characters; a longer one is analysed in pieces of whole
    #: paragraphs (bounded memory, linear time), whose results are merged.
    piece_chars: int = 50_000
    #: Whether a text input's first line is its title: auto (by the line's shape), yes, no.
    title_line: str = "auto"
    #: Default store location (a DuckDB file path, or a postgresql:// URL).
    db: str = "barometer.duckdb"
    #: Versioned implementation of each stage: a heavier backend is a change here.
    actor_resolver: str = "barometer.actor_resolver.v1"
    quote_extractor: str = "barometer.quote_extractor.v1"
    event_coder: str = "barometer.event_coder.v1"
    time_resolver: str = "barometer.time_resolver.v1"
    amount_extractor: str = "barometer.amount_extractor.v1"
    place_resolver: str = "barometer.place_resolver.v1"
    #: Seconds an article may take in a batch before it is recorded as failed.
    article_timeout: float = 120.0
    #: Directory for caches built on first use (the compact gazetteer index); empty = ~/.cache/barometer.
    cache_dir: str = ""
    #: Articles per nlp.pipe batch (and per task sent to a worker process or Dask worker).
    batch_size: int = 16
    #: Articles stored per transaction by `barometer ingest` (1 = one transaction per article); each
    #: article is all-or-nothing whatever the value, and a group that fails is retried article by article.
    commit_every: int = 16
    #: Stored articles the near-duplicate index remembers (the most recent; ≈ 9 KB each; 0 = all):
    #: a new article joins a story only if a copy is among them.
    story_window: int = 50_000
    #: Most memory a DuckDB store may use for its cache ("1GB", "512MB"; empty = DuckDB's default of 80 %
    #: of RAM): without a bound, a long-running writer keeps every block it wrote in memory.
    store_memory_limit: str = "1GB"
    #: Local worker processes for `barometer ingest` (0 = analyse in the ingesting process).
    workers: int = 1
    #: User agent sent when fetching feeds and pages.
    user_agent: str = "Barometer/0.1 (+https://github.com/barometer-news/barometer; research crawler)"
    #: Seconds before a feed or page fetch gives up.
    fetch_timeout: float = 20.0
    #: Minimum seconds between two requests to the same host.
    host_delay: float = 1.0
    #: Comma-separated modules imported before analysis in every process (they may register stages).
    plugins: str = ""
    #: Token required by write endpoints of the API; empty disables writes.
    api_token: str = ""
    #: Whether read endpoints of the API require the token too.
    api_read_requires_token: bool = False
    #: Address ``barometer serve`` binds to; loopback only unless changed on purpose.
    api_host: str = "127.0.0.1"
    #: Port ``barometer serve`` listens on.
    api_port: int = 8000
    #: Comma-separated origins allowed by CORS; empty (the default) means CORS is off.
    api_cors_origins: str = ""
    #: Largest request body the API accepts, in bytes (413 above it).
    api_max_bytes: int = 2_000_000
    #: Largest page size (``limit``) a list endpoint of the API returns.
    api_page_max: int = 500
    #: Largest text ``POST /api/analyze`` (and ``POST /api/articles``) takes, in bytes (413 above it).
    api_analyze_max_bytes: int = 200_000
    #: Analyses the API runs at once; ``api_analyze_queue`` more wait, and further requests get 429.
    api_analyze_concurrency: int = 2
    api_analyze_queue: int = 4
    #: Seconds a ``POST /api/analyze`` may wait and run before it gets 503.
    api_analyze_timeout: float = 60.0
    #: Whether ``POST /api/analyze`` stays public when ``api_token`` is set (by default it then needs the token).
    api_analyze_public: bool = False
    #: Seconds a client may take to send a request's headers (then the connection is closed), and
    #: between two pieces of its body (then 408); seconds an idle keep-alive connection stays open.
    api_header_timeout: float = 10.0
    api_body_timeout: float = 30.0
    api_keep_alive: int = 5
    #: Events under this confidence are left out of the series, alerts, map, event lists and exports
    #: (CLI ``--min-confidence``, API ``min_confidence``); 0 keeps every event.
    min_confidence: float = 0.3
    #: An alert needs at least this many distinct stories carrying the dyad's conflict in its period…
    alert_min_stories: int = 3
    #: …published by at least this many outlets (an article's outlet, else its URL's host).
    alert_min_outlets: int = 2
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ConfigError(f"setting {name} ({env_name(name)}) is {getattr(self, name)!r}, which is not "
                                  f"one of {', '.join(allowed)}")
        if self.piece_chars < 1000:
            raise ConfigError(f"setting piece_chars ({env_name('piece_chars')}) is {self.piece_chars}, under the "
                              "least piece of 1000 characters")

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then ``BAROMETER_*`` environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            env = os.environ.get(env_name(f.name))
            if env is not None:
                kind = type(getattr(cls(), f.name))
                try:
                    values[f.name] = _coerce(env, kind)
                except ValueError:
                    raise ConfigError(f"setting {f.name} ({env_name(f.name)}) is {env!r}, which is not "
                                      f"{'an' if kind is int else 'a'} {kind.__name__}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


#: Settings that take one of a few values.
CHOICES: dict[str, tuple[str, ...]] = {"title_line": ("auto", "yes", "no")}


def env_name(setting: str) -> str:
    """The environment variable of a setting: ``event_coder`` -> ``BAROMETER_EVENT_CODER``."""
    return f"BAROMETER_{setting.upper()}"


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings) if f.name != "extra"]


def _coerce(raw: str, kind: type) -> Any:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    return raw


_current: Settings | None = None


def get_settings() -> Settings:
    """The process's settings from the environment, read once: for entry points only (the library's
    default pipeline, ``create_app()`` without settings). Everything else is handed its settings."""
    global _current
    if _current is None:
        _current = Settings.from_env()
    return _current

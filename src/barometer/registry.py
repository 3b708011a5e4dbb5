"""Versioned stage implementations, selected by name in settings.

Why: a heavier backend (a learned coder, a different gazetteer) is a configuration change —
``BAROMETER_EVENT_CODER=barometer.event_coder.v2`` — not a code change in the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {}


def register(stage: str, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY.setdefault(stage, {})[name] = func
        return func

    return deco


def get(stage: str, name: str) -> Callable[..., Any]:
    try:
        return _REGISTRY[stage][name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY.get(stage, {}))) or "none"
        raise KeyError(f"no implementation {name!r} for stage {stage!r} (known: {known})") from None


def names(stage: str) -> list[str]:
    return sorted(_REGISTRY.get(stage, {}))

"""Versioned stage implementations, selected by name in settings, declared spaCy-factory style.

Why: a heavier backend (a learned coder, a different gazetteer) is a configuration change —
``BAROMETER_EVENT_CODER=barometer.event_coder.v2`` — not a code change in the pipeline.

The stage contract: a stage is a callable ``(doc, layers) -> layer``. It reads the spaCy ``Doc``
and the layers it ``requires`` (names from ``barometer.layers.LAYERS``: ``article``, ``actors``,
``times``, ``amounts``, ``places``, ``quotes``) and returns the one layer it ``assigns`` — the
layer of its stage slot (``SLOTS``). As with spaCy's ``@Language.factory(name, assigns=[...],
requires=[...])``, the declaration goes with the registration::

    @register("event_coder", "acme.event_coder.v2", requires=("actors", "times"), assigns="events")
    def code(doc, layers):
        ...

so ``Pipeline.from_settings`` can check, before any article is read, that each configured stage
finds what it requires among the layers the stages before it assign. A stage registered without
``requires`` may read every layer assigned before its slot.

A stage that needs settings is registered as a factory, again as spaCy does it: with a
``default_config`` whose keys are setting names, the decorated callable is ``make(**config)``
and returns the stage; ``Pipeline.from_settings`` calls it once with those settings' values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

#: Stage slot (the setting that names its implementation) → the layer its implementations assign.
SLOTS: dict[str, str] = {
    "actor_resolver": "actors",
    "time_resolver": "times",
    "amount_extractor": "amounts",
    "place_resolver": "places",
    "quote_extractor": "quotes",
    "event_coder": "events",
}


@dataclass(frozen=True)
class StageSpec:
    """One registered implementation: its slot, versioned name, callable and declared layers."""

    stage: str
    name: str
    func: Callable[..., Any]
    assigns: str
    #: Layers it reads; None = every layer assigned before its slot.
    requires: tuple[str, ...] | None = None
    #: Setting name → default: ``func`` is then a factory, ``func(**config) -> stage``.
    default_config: dict[str, Any] = field(default_factory=dict)

    def create(self, settings: Any = None) -> Callable[..., Any]:
        """The stage callable (a factory's product, configured from ``settings``; defaults without)."""
        if not self.default_config:
            return self.func
        return self.func(**{k: getattr(settings, k, v) if settings is not None else v
                            for k, v in self.default_config.items()})

    def __call__(self, doc: Any, layers: Any) -> Any:
        return self.create()(doc, layers)


_REGISTRY: dict[str, dict[str, StageSpec]] = {}


def register(stage: str, name: str, *, requires: Iterable[str] | None = None, assigns: str | None = None,
             default_config: dict[str, Any] | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated ``(doc, layers) -> layer`` callable (or, with ``default_config``, its
    factory) as implementation ``name`` of ``stage``."""
    if stage not in SLOTS:
        raise ValueError(f"unknown stage {stage!r} (known: {', '.join(SLOTS)})")
    if assigns is not None and assigns != SLOTS[stage]:
        raise ValueError(f"a {stage} assigns {SLOTS[stage]!r}, not {assigns!r}")

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY.setdefault(stage, {})[name] = StageSpec(stage, name, func, SLOTS[stage],
                                                          tuple(requires) if requires is not None else None,
                                                          dict(default_config or {}))
        return func

    return deco


def get(stage: str, name: str) -> StageSpec:
    """The registered implementation; KeyError (naming the known ones) when there is none."""
    try:
        return _REGISTRY[stage][name]
    except KeyError:
        raise KeyError(f"no implementation {name!r} for stage {stage!r} (known: {', '.join(names(stage)) or 'none'})"
                       ) from None


def names(stage: str) -> list[str]:
    return sorted(_REGISTRY.get(stage, {}))

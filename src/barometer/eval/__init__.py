"""Scoring the stages against public gold data (``barometer eval TASK``).

The pieces every task shares live here: the floors of the accuracy gate (``baseline.yaml``, one
top-level key per task) and the hash that ties each floor to the gold file it was measured on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline

BASELINE = Path(__file__).with_name("baseline.yaml")


def sha256(path: Path) -> str:
    """Hex sha256 of a gold file's bytes (a changed file invalidates its floors)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def pipeline_of(args: Any) -> Pipeline:
    """The pipeline an evaluation runs: built from the settings the CLI read (``args.settings``),
    else the process's default pipeline."""
    from barometer.pipeline import Pipeline, default_pipeline

    settings = getattr(args, "settings", None)
    return Pipeline.from_settings(settings) if settings is not None else default_pipeline()


def load_floors(task: str) -> dict:
    """The ``task:`` section of baseline.yaml: gold set name -> {sha256, floors...} ({} when absent)."""
    import yaml

    if not BASELINE.exists():
        return {}
    return (yaml.safe_load(BASELINE.read_text("utf-8")) or {}).get(task, {})

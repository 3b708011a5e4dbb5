"""Shared fixtures: the spaCy model (loaded once), the seed article, and ../shared gold data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "france24-2022-01-28-ukraine.txt"
SEED_DATE = dt.date(2022, 1, 28)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a stated reason when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"gold data {p} is absent (../shared is not beside this checkout)")
    return p


@pytest.fixture(scope="session")
def nlp():
    from barometer.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "france24-2022-01-28-ukraine.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def seed_analysis(seed_text):
    from barometer import analyze

    return analyze(seed_text, SEED_DATE)

"""The synthetic crisis store (tests/conftest.py), opened once per analytics test module."""

from __future__ import annotations

import pytest

from barometer.store import DuckStore


@pytest.fixture(scope="module")
def store(synthetic_store_path):
    s = DuckStore(synthetic_store_path, read_only=True)
    yield s
    s.close()

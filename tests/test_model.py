"""The analysis contract: schema id, required top-level keys, JSON Schema validity of real output."""

from __future__ import annotations

import jsonschema
import pytest
from pydantic import ValidationError

from barometer.model import SCHEMA_ID, Analysis, Article, Span, json_schema

TOP_LEVEL = {"article", "actors", "events", "quotes", "amounts", "times", "places"}


def test_schema_has_versioned_id_and_all_top_level_keys():
    schema = json_schema()
    assert schema["$id"] == SCHEMA_ID == "barometer/analysis@2"
    assert TOP_LEVEL <= set(schema["properties"])


def test_empty_analysis_dumps_every_top_level_key():
    a = Analysis(article=Article(id="x", text="t"))
    dumped = a.model_dump(mode="json", by_alias=True)
    assert TOP_LEVEL <= set(dumped)
    assert dumped["schema"] == SCHEMA_ID
    assert all(dumped[k] == [] for k in TOP_LEVEL - {"article"})


def test_span_rejects_end_before_start():
    with pytest.raises(ValidationError):
        Span(start=5, end=2, text="")


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        Article(id="x", text="t", bogus=1)


def test_seed_analysis_validates_against_published_schema(seed_analysis):
    jsonschema.validate(seed_analysis.model_dump(mode="json", by_alias=True), json_schema())


def test_seed_analysis_round_trips_through_json(seed_analysis):
    again = Analysis.model_validate_json(seed_analysis.to_json())
    assert again == seed_analysis


def test_an_analysis_of_schema_1_reads_back_upgraded():
    """@1 → @2 (docs/schema.md): events gain historical from their date and empty mentions."""
    import pytest

    from barometer.model import Analysis, upgrade

    old = {"schema": "barometer/analysis@1",
           "article": {"id": "x", "text": "Russia attacked.", "published": "2022-02-28"},
           "events": [{"id": f"e{i}", "type": "ASSAULT", "date": d, "rule": "r",
                       "evidence": {"start": 0, "end": 16, "text": "Russia attacked."}}
                      for i, d in enumerate(["2014-03-18", "2022-02-27", None])]}
    a = Analysis.from_json(old)
    assert a.schema_id == SCHEMA_ID and [e.historical for e in a.events] == [True, False, False]
    assert all(e.mentions == [] for e in a.events)
    with pytest.raises(ValueError, match="unknown analysis schema"):
        upgrade({"schema": "barometer/analysis@9"})

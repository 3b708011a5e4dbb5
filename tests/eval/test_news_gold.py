"""The accuracy gate on the news gold (real articles): every split keeps the floors in baseline.yaml."""

from __future__ import annotations

import json

import pytest

from barometer.cli import build_parser
from barometer.eval import news
from barometer.eval.newsgold import gold_files, load_article
from tests.conftest import shared_path

pytestmark = pytest.mark.gold


@pytest.fixture(scope="module")
def results():
    return news.evaluate_splits(shared_path("data"))


def test_referenced_articles_fit_their_shared_texts():
    data = shared_path("data")
    for p in gold_files():
        load_article(p, data)  # sha256 of the corpus file, every digest and offset


def test_news_gold_keeps_its_floors(results):
    floors = news.load_baseline()
    assert set(floors) == {"train", "dev", "test"}, "baseline.yaml has no news floors for every split"
    assert news.below_floor(results, floors) == []


def test_below_floor_names_the_figure_and_the_hash():
    r = {"dev": {"gold_sha256": "a" * 64, "event": {"f1": 0.5}}}
    assert news.below_floor(r, {"dev": {"sha256": "a" * 64, "event.f1": 0.4}}) == []
    assert news.below_floor(r, {"dev": {"sha256": "a" * 64, "event.f1": 0.6}}) == [
        "news-dev: event.f1 0.5 below floor 0.6"]
    assert "gold changed" in news.below_floor(r, {"dev": {"sha256": "b" * 64}})[0]


def test_the_command_prints_precision_recall_and_f1(capsys):
    args = build_parser().parse_args(["eval", "events", "--gold", "news", "--split", "dev", "--format", "json"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["split"] == "dev" and out["articles"] > 0
    for level in ("event", "event_date", "type", "exact_codes"):
        assert set(out[level]) >= {"precision", "recall", "f1"}
    assert out["by_status"] and out["per_type"] and "done_accuracy" in out
    args = build_parser().parse_args(["eval", "quotes", "--gold", "news", "--split", "dev"])
    assert args.func(args) == 0
    table = capsys.readouterr().out
    assert "content overlap" in table and "right speaker" in table


def test_the_table_lists_misses_sentence_by_sentence(capsys):
    args = build_parser().parse_args(["eval", "events", "--gold", "news", "--split", "train", "--errors", "3"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "type + source + target" in out and "misses" in out and "false positives" in out

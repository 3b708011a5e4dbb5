"""Title detection (``title_line`` auto|yes|no): leads are never eaten as titles; headlines are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from barometer.clean.article import clean_text
from barometer.clean.title import looks_like_title
from barometer.errors import ConfigError
from barometer.settings import Settings
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
LEAD = ("US President Joe Biden says he would consider personal sanctions on Vladimir Putin if Russia invades "
        "Ukraine, in what would be an extraordinary step.")
BODY = "The White House said the measures were ready, and officials briefed reporters in Washington on Tuesday."


@pytest.mark.parametrize("first", [
    "NATO puts forces on standby as Russian troops mass near Ukraine",
    "Will Russia invade Ukraine?",
    "Hundreds dead in Hajj stampede",
    "T",
])
def test_a_headline_is_the_title(first):
    text, title, _ = clean_text(f"{first}\n\n{LEAD}\n\n{BODY}")
    assert title == first
    assert text == f"{LEAD}\n\n{BODY}"


@pytest.mark.parametrize("first", [
    LEAD,  # ends with a full stop: a sentence
    "MINSK, 7 February (BelTA) – The West understands the futility of the war, the minister said:",
    "Moscow CNN —",  # a dateline opens the first paragraph
    "Russia denounced the talks. The West answered on Monday",  # two sentences
    " ".join(["word"] * 26),  # longer than any headline
])
def test_a_sentence_or_dateline_stays_text(first):
    text, title, _ = clean_text(f"{first}\n\n{BODY}")
    assert title is None
    assert text.startswith(first.strip()[:20])


def test_a_line_the_next_one_continues_is_no_title():
    assert not looks_like_title("Russian troops massed near the border as talks", "stalled on Monday.",
                                adjacent=True)
    assert looks_like_title("Russian troops mass near the border", "Officials said so.", adjacent=True)


def test_yes_and_no_say_it_outright():
    raw = f"{LEAD}\n\n{BODY}"
    assert clean_text(raw, title_line="yes")[1] == LEAD
    assert clean_text("Headline\n\n" + BODY, title_line="no") == ("Headline\n\n" + BODY, None, [])
    with pytest.raises(ValueError, match="not one of auto, yes, no"):
        clean_text(raw, title_line="maybe")


def test_a_given_title_leaves_the_first_line_in_the_text():
    text, title, _ = clean_text("Subhead of the body\n\n" + BODY, title="From the feed")
    assert title == "From the feed" and text.startswith("Subhead of the body")


def test_a_headline_only_input_is_analysed_as_one_sentence():
    from barometer import analyze

    headline = "Russian air forces annihilate ISIS oil tankers in Aleppo province"
    for mode in ("auto", "yes", "no"):
        a = analyze(headline, "2015-11-20", title_line=mode)
        assert a.article.text == headline and a.article.title is None


def test_the_setting_is_checked():
    assert Settings.from_env().title_line == "auto"
    with pytest.raises(ConfigError, match="title_line .* not one of auto, yes, no"):
        Settings(title_line="sometimes")


def test_the_cli_option_reaches_the_pipeline(tmp_path, capsys):
    from barometer.cli import main

    f = tmp_path / "a.txt"
    f.write_text(f"{LEAD}\n\n{BODY}", encoding="utf-8")
    for mode, title in (("auto", None), ("yes", LEAD), ("no", None)):
        assert main(["analyze", str(f), "--published", "2022-01-25", "--format", "json", "--title-line", mode]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["article"]["title"] == title
        assert out["article"]["text"].startswith(BODY if title else LEAD)


def test_the_real_corpus_keeps_its_leads():
    """The war corpus has no title lines (SOURCE.md); Wikinews files all have one. Counts only."""
    war = shared_path("data", "ukraine-war-news-2022-2024", "articles")
    wiki = shared_path("data", "wikinews-en-vanatteveldt", "articles")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "title_lines.py"), str(war), str(wiki)],
                          capture_output=True, text=True, timeout=300, check=True)
    war_counts, wiki_counts = (json.loads(line.split(" ", 1)[1]) for line in proc.stdout.splitlines())
    assert war_counts["lead_lines_lost_auto"] == 0
    assert war_counts["lead_lines_lost_yes"] > 300  # what the old rule lost
    assert war_counts["titles_auto"] < 0.1 * war_counts["files"]
    assert wiki_counts["titles_auto"] == wiki_counts["files"] and wiki_counts["changed"] == 0

"""barometer_glued: a sentence glued to the previous one's full stop is split off, offsets exact."""

from __future__ import annotations

import pytest

from barometer.nlp.glued import NAME


def _toks(nlp, text: str) -> list[str]:
    doc = nlp(text)
    assert doc.text == text and all(text[t.idx:t.idx + len(t)] == t.text for t in doc)
    return [t.text for t in doc]


def _sents(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_component_runs_before_the_parser(nlp):
    assert nlp.pipe_names.index(NAME) < nlp.pipe_names.index("parser")


@pytest.mark.parametrize("text, tokens", [
    ("warned NATO.He added", ["warned", "NATO", ".", "He", "added"]),
    ("in World War II.The West", ["in", "World", "War", "II", ".", "The", "West"]),
    ("over 150,000.Russian soldiers", ["over", "150,000", ".", "Russian", "soldiers"]),
    ("said (Reuters).The war", ["said", "(", "Reuters", ")", ".", "The", "war"]),
    ("a dictator (...).I am", ["a", "dictator", "(", "...", ")", ".", "I", "am"]),
    ('in Ukraine."Then we', ["in", "Ukraine", ".", '"', "Then", "we"]),
    ("said Zalewski.- I hope", ["said", "Zalewski", ".", "-", "I", "hope"]),
    ("he said.-The war", ["he", "said", ".", "-", "The", "war"]),
])
def test_a_glued_full_stop_splits_into_three_tokens(nlp, text, tokens):
    assert _toks(nlp, text) == tokens


@pytest.mark.parametrize("text", ["the U.S. and J.K. Rowling", "3.5 percent", "france24.com",
                                  "Yahoo!News", "U.S.-led forces", "U.S.-Russian talks", "the U.S.The"])
def test_abbreviations_initials_decimals_and_domains_stay_whole(nlp, text):
    assert _toks(nlp, text) == text.split()


def test_the_sentence_splits_at_the_glued_full_stop(nlp):
    assert _sents(nlp, "Russia expects guarantees from NATO.He added that talks would go on.") == [
        "Russia expects guarantees from NATO.", "He added that talks would go on."]
    assert _sents(nlp, "The war began as early as 2014.On February 27, troops came.") == [
        "The war began as early as 2014.", "On February 27, troops came."]


def test_a_speech_dash_opens_the_next_sentence(nlp):
    assert _sents(nlp, "The threat is real, said Paweł Zalewski.- I hope that this will end.") == [
        "The threat is real, said Paweł Zalewski.", "- I hope that this will end."]


def test_a_closing_quote_stays_with_its_sentence_an_opening_one_with_the_next(nlp):
    assert _sents(nlp, 'He said: "We will verify it carefully."It is about two things.') == [
        'He said: "We will verify it carefully."', "It is about two things."]
    assert _sents(nlp, 'The talks ended on Sunday.“The war will go on,” he said.') == [
        "The talks ended on Sunday.", "“The war will go on,” he said."]

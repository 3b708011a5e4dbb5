"""barometer_paragraphs: a blank line starts a sentence before the parser runs; a wrapped line does not."""

from __future__ import annotations

from barometer.nlp.paragraphs import NAME


def _sents(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_component_runs_before_the_parser(nlp):
    assert nlp.pipe_names.index(NAME) < nlp.pipe_names.index("parser")


def test_heading_and_closing_quote_stay_in_their_paragraph(nlp):
    text = ('Talks in Geneva\n\n"We want peace," the minister said.  \n\n'
            "The delegations met for four hours.\n\nmore talks are expected")
    assert _sents(nlp, text) == ["Talks in Geneva", '"We want peace," the minister said.',
                                 "The delegations met for four hours.", "more talks are expected"]


def test_a_wrapped_sentence_is_left_to_the_parser(nlp):
    assert _sents(nlp, "The minister said the\n\nborder was calm.") == ["The minister said the\n\nborder was calm."]

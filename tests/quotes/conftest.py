"""Fixtures shared by the quotation tests."""

import pytest

from barometer.quotes.attribution import find_attributions


@pytest.fixture
def attrs(nlp):
    def run(text):
        doc = nlp(text)
        out = []
        for a in find_attributions(doc):
            out.append({
                "content": text[a.content[0]:a.content[1]],
                "source": text[a.source[0]:a.source[1]] if a.source else None,
                "cue": text[a.cue[0]:a.cue[1]] if a.cue else None,
                "kind": a.kind(text),
                "reported_by": text[a.reported_by[0]:a.reported_by[1]] if a.reported_by else None,
                "rule": a.rule,
            })
        return out
    return run

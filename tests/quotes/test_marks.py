from hypothesis import given
from hypothesis import strategies as st

from barometer.quotes.marks import find_mark_spans


def texts(spans, text):
    return [text[s.inner_start:s.inner_end] for s in spans]


def test_every_mark_style_is_a_quote():
    text = 'A “curly” b "straight" c «guillemets» d „low“ e ‘single’ f.'
    assert texts(find_mark_spans(text), text) == ["curly", "straight", "guillemets", "low", "single"]


def test_apostrophes_are_not_quote_marks():
    text = "Russia’s troops don’t move, the ’90s are over and Jones’ plan stands."
    assert find_mark_spans(text) == []


def test_unclosed_quote_ends_at_its_paragraph():
    text = 'He said: "we will not back down\n\nNext paragraph is narration.'
    spans = find_mark_spans(text)
    assert texts(spans, text) == ["we will not back down"]
    assert not spans[0].closed


def test_multi_paragraph_quote_is_one_span():
    text = '“First paragraph of the speech.\n\n“Second paragraph,” he said.'
    spans = find_mark_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end] == '“First paragraph of the speech.\n\n“Second paragraph,”'


@given(st.text(alphabet=st.sampled_from(list('“”"«»„‘’ab .\n')), max_size=60))
def test_never_raises_and_spans_are_ordered_and_inside(text):
    spans = find_mark_spans(text)
    last = 0
    for s in spans:
        assert last <= s.start <= s.inner_start <= s.inner_end <= s.end <= len(text)
        last = s.end


def test_closing_glyph_opening_a_line_opens_a_quote():
    text = "Readers wrote in.\n”The plan is a mistake and will cost us,” ― a reader\nMore followed."
    assert texts(find_mark_spans(text), text) == ["The plan is a mistake and will cost us,"]


def test_closing_glyph_inside_a_line_opens_nothing():
    text = "She called it “fair.” Then she left, and ”nothing more” was said."
    assert texts(find_mark_spans(text), text) == ["fair."]

from barometer.eval.polnear import parse_ann
from barometer.eval.quotes import Tokens, match

ANN = """T1\tSource 0 3\tBob
T2\tCue 4 8\tsaid
T3\tContent 9 20;25 30\tthe war is over
T4\tAttribution 4 8\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 40 52\taccording to
T6\tContent 31 39\tsomething
T7\tAttribution-no-source 40 52\taccording to
E2\tAttribution-no-source:T7 Content:T6 Cue:T5
T8\tDiscard 60 70\tjunk
"""


def test_parse_ann_reads_relations_and_discontinuous_spans():
    gold = parse_ann(ANN)
    assert len(gold) == 2
    assert gold[0].content == ((9, 20), (25, 30))
    assert gold[0].source == ((0, 3),)
    assert gold[1].source is None


def test_token_sets_ignore_punctuation_and_quote_marks():
    text = 'He said: "We will win," today.'
    toks = Tokens(text)
    assert toks.of([(9, 22)]) == toks.of([(10, 20)])


def test_matching_is_one_to_one_with_threshold():
    a, b = frozenset({1, 2, 3, 4}), frozenset({1, 2})
    assert match([a], [a, b], 1.0) == 1
    assert match([b], [a], 1.0) == 0
    assert match([b], [a], 0.5) == 1
    assert match([a, a], [a], 0.5) == 1


def test_nested_report_is_scored_as_polnear_reads_it(nlp):
    from barometer.eval.quotes import predicted_spans

    text = "Johnson said the talks had failed, according to a Downing Street spokeswoman."
    spans = predicted_spans(nlp(text))
    as_text = {k: [" ".join(text[s:e] for s, e in v) for v in vs] for k, vs in spans.items()}
    # one univocal attribution: the outer source and cue, the inner report as content
    assert as_text["source"] == ["a Downing Street spokeswoman"]
    assert as_text["cue"] == ["according to"]
    assert as_text["content"] == ["Johnson said the talks had failed"]

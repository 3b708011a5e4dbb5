"""Properties of ``analyze()`` that must hold for ANY input, checked with hypothesis.

Why: users feed truncated HTML, mojibake, other scripts and quotes that never close. Whatever
comes in, ``analyze`` returns a valid Analysis or raises our documented ``InputError`` — never
another exception — and what it returns is self-consistent (every span slices the clean text to
its text, every id an event or quote refers to exists) and deterministic.

Inputs are kept small and the example counts bounded so this file runs in well under a minute.
Three kinds of input: arbitrary Unicode, news-like text built from a vocabulary that wakes up
every stage (actors, quotes, amounts, dates, places, event triggers), and HTML-like markup
around such text, often broken.
"""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from barometer.errors import InputError
from barometer.model import Analysis

BOUNDED = settings(max_examples=60, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- input strategies ------------------------------------------------------------------------

#: Words that trigger the stages: actors, speech verbs, event triggers, amounts, dates, places, and
#: odd punctuation (unclosed and curly quotes, dashes), plus other scripts and mojibake.
VOCAB = [
    "Russia", "Ukraine", "NATO", "Biden", "Putin", "Zelensky", "Macron", "the Kremlin", "Moscow", "Kyiv",
    "Washington", "the European Union", "U.S.", "Lavrov", "Blinken", "Germany", "Donbas", "Crimea",
    "said", "told", "warned", "denied", "rejected", "announced", "would", "could not", "if", "threatened",
    "deployed", "troops", "sanctions", "invade", "talks", "met", "attacked", "agreed", "demanded",
    "$5 billion", "100,000", "three", "1.5 million euros", "40 percent", "on Monday", "last week",
    "January 24", "2022", "in February", "tomorrow", "near the border", "in Geneva", "the", "and", "of",
    '"', "“", "”", "«", "»", "'", "‘", "’", "(", ")", "—", "-", ",", ".", ":", ";", "?", "!", "...",
    "Київ", "Москва", "Россия", "北京", "كييف", "Ã©tÃ©", "\ufffd", "\u00a0", "\u200b", "e\u0301", "😀",
]

_sentence = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=25).map(" ".join)
_paragraph = st.lists(_sentence, min_size=1, max_size=4).map(lambda xs: " ".join(s + "." for s in xs))
news_text = st.builds(lambda title, paras, sep: title + "\n\n" + sep.join(paras),
                      _sentence, st.lists(_paragraph, min_size=1, max_size=5),
                      st.sampled_from(["\n\n", "\n", "\r\n", "\n \n", "\u2029"]))

any_text = st.text(max_size=400)

_TAGS = ["p", "div", "article", "span", "b", "i", "a", "h1", "h2", "li", "ul", "script", "style", "nav",
         "footer", "table", "td", "br", "!--", "![CDATA["]
_tag = st.sampled_from(_TAGS)
_chunk = st.one_of(
    _paragraph,
    st.builds(lambda t, body, close: f"<{t}>{body}" + (f"</{t}>" if close else ""), _tag, _paragraph,
              st.booleans()),
    st.sampled_from(["&amp;", "&nbsp;", "&#x1F600;", "&#0;", "&#xD800;", "&bogus;", "<", ">", "</p>",
                     '<a href="javascript:x">', '<meta charset="latin-1">', "<?xml version='1.0'?>"]),
    st.text(max_size=30),
)
html_text = st.builds(lambda head, chunks, tail: head + "".join(chunks) + tail,
                      st.sampled_from(["<!DOCTYPE html><html><body>", "<html><head><title>T</title></head><body>",
                                       "<html>", "<article>", "<p>", ""]),
                      st.lists(_chunk, min_size=1, max_size=12),
                      st.sampled_from(["</body></html>", "</article>", "", "<p", "<!-- never closed"]))

# -- checks ----------------------------------------------------------------------------------


def run(text: str) -> Analysis | None:
    """analyze(text), None for a documented refusal; any other exception fails the test."""
    from barometer import analyze

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = analyze(text, "2022-01-28")
        except InputError as exc:
            assert str(exc), "an InputError must carry a message"
            return None
    assert isinstance(result, Analysis)
    return result


def span_problems(a: Analysis) -> list[str]:
    """Every span whose text is not ``article.text[start:end]``."""
    text = a.article.text
    spans: list[tuple[str, int, int, str]] = []
    for actor in a.actors:
        spans += [(f"actor {actor.id} mention", m.start, m.end, m.text) for m in actor.mentions]
    spans += [(f"event {e.id} evidence", e.evidence.start, e.evidence.end, e.evidence.text) for e in a.events]
    spans += [(f"quote {q.id}", q.start, q.end, q.text) for q in a.quotes]
    spans += [("amount", m.start, m.end, m.text) for m in a.amounts]
    spans += [("time", t.start, t.end, t.text) for t in a.times]
    spans += [("place", p.start, p.end, p.text) for p in a.places]
    return [f"{what} [{s}:{e}] is {t!r} but the text there is {text[s:e]!r}"
            for what, s, e, t in spans if not (0 <= s <= e <= len(text)) or text[s:e] != t]


def reference_problems(a: Analysis) -> list[str]:
    """Every id an event or quote refers to that the analysis does not hold."""
    actors = {x.id for x in a.actors}
    quotes = {q.id for q in a.quotes}
    bad: list[str] = []
    for e in a.events:
        for field in ("source", "target", "said_by"):
            ref = getattr(e, field)
            if ref is not None and ref not in actors:
                bad.append(f"event {e.id} {field} {ref!r} is not an actor")
        if e.quote is not None and e.quote not in quotes:
            bad.append(f"event {e.id} quote {e.quote!r} is not a quote")
    for q in a.quotes:
        if q.speaker is not None and q.speaker not in actors:
            bad.append(f"quote {q.id} speaker {q.speaker!r} is not an actor")
    for m in a.amounts:
        if m.actor is not None and m.actor not in actors and not re.fullmatch(r"[A-Z]{3}", m.actor):
            bad.append(f"amount {m.text!r} actor {m.actor!r} is neither an actor nor an ISO alpha-3 code")
    ids = [e.id for e in a.events]
    if len(ids) != len(set(ids)):
        bad.append(f"duplicate event ids {sorted(ids)}")
    if len({x.id for x in a.actors}) != len(a.actors):
        bad.append("duplicate actor ids")
    return bad


inputs = st.one_of(any_text, news_text, html_text)

# -- properties ------------------------------------------------------------------------------


@BOUNDED
@given(inputs)
def test_returns_analysis_or_raises_input_error(text):
    a = run(text)
    if a is not None:
        assert a.article.text.strip(), "an Analysis must hold some clean text"
        assert Analysis.model_validate_json(a.to_json()) == a, "the analysis must round-trip through JSON"


@BOUNDED
@given(st.one_of(news_text, html_text))
def test_every_span_slices_the_clean_text(text):
    a = run(text)
    if a is not None:
        problems = span_problems(a)
        assert not problems, "\n".join(problems)


@BOUNDED
@given(st.one_of(news_text, html_text))
def test_every_referenced_id_exists(text):
    a = run(text)
    if a is not None:
        problems = reference_problems(a)
        assert not problems, "\n".join(problems)


@settings(BOUNDED, max_examples=25)
@given(st.one_of(news_text, html_text))
def test_result_is_deterministic(text):
    first, second = run(text), run(text)
    assert (first is None) == (second is None)
    if first is not None:
        assert first.to_json() == second.to_json()


@pytest.mark.parametrize("text", [
    "Title\n\nRussia said \ud800 on Monday that NATO must withdraw its troops from the east.",  # lone surrogate
    "Title\n\n\u202eRussia\u202c said « NATO must withdraw its troops from the east, Lavrov told reporters.",
    "<p>Russia said “NATO must withdraw its troops from the east</p><p>and the US rejected it.",
    "Title\n\n" + "Ã©" * 50 + " Russia warned Ukraine on Monday.",
])
def test_known_odd_inputs(text):
    a = run(text)
    if a is not None:
        assert not span_problems(a) and not reference_problems(a)


@settings(BOUNDED, max_examples=15)
@given(st.lists(st.one_of(news_text, html_text), min_size=1, max_size=4))
def test_batch_analysis_matches_one_at_a_time(texts):
    """Batched analysis gives what ``analyze`` gives, article by article and in input order: both
    ``analyze_many`` (the public batch API) and ``analyze_chunk`` (what ingestion's executors run)."""
    import datetime as dt

    from barometer.pipeline import analyze_many, to_raw
    from barometer.scale.work import analyze_chunk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raws = []
        for text in texts:
            try:
                raws.append((text, to_raw(text)))
            except InputError:
                continue
        batch = list(analyze_many([r for _, r in raws], dt.date(2022, 1, 28), batch_size=3))
        chunk = analyze_chunk([r for _, r in raws], dt.date(2022, 1, 28))
    assert [r for r, _ in batch] == [r for _, r in raws], "analyze_many changed the order"
    for (text, _), (_, result), outcome in zip(raws, batch, chunk, strict=True):
        single = run(text)
        if single is None:
            assert isinstance(result, InputError) and outcome.error, "batch accepted what analyze refused"
        else:
            assert not isinstance(result, InputError), f"batch refused what analyze accepted: {result}"
            assert result.to_json() == single.to_json()
            assert outcome.error is None and outcome.analysis.to_json() == single.to_json()

"""The reference article (../shared/seed/) carries every case issue 5 names; each must come out right."""

from __future__ import annotations

import pytest


def _quote(analysis, fragment: str):
    found = [q for q in analysis.quotes if fragment in q.text]
    assert found, f"no quote contains {fragment!r}: {[q.text for q in analysis.quotes]}"
    return found[0]


@pytest.mark.parametrize(("fragment", "speaker", "kind", "cue"), [
    ("I will send American troops", "person:joe-biden", "direct", "announced"),  # post-posed speaker
    ("There is still time and scope for diplomacy", "person:lloyd-austin", "direct", "added"),  # "he added"
    ("not to sow", "person:volodymyr-zelensky", "partial", "called"),  # called on X not to ...
    ("sufficient forces for an invasion", "person:lloyd-austin", "indirect", "estimated"),
    ("We don't need this panic", "person:volodymyr-zelensky", "direct", "stressed"),
])
def test_speaker_kind_and_cue(seed_analysis, fragment, speaker, kind, cue):
    q = _quote(seed_analysis, fragment)
    assert (q.speaker, q.kind, q.cue) == (speaker, kind, cue)


def test_a_stance_verb_with_a_noun_phrase_is_no_quotation(seed_analysis):
    """"Russia denies any plan of invasion", "the two leaders agreed on the “need for de-escalation”":
    no quotation in the news guide's sense (docs/annotation.md section 7), yet the statement is still its
    speaker's act, and the agreement stays inside the French presidency's words."""
    assert not [q for q in seed_analysis.quotes if q.cue in ("denies", "agreed on")]
    assert any(e.type == "REJECT" and e.source == "RUS" and "plan of invasion" in e.evidence.text
               for e in seed_analysis.events)
    [q] = [q for q in seed_analysis.quotes if "need for de-escalation" in q.text]
    assert (seed_analysis.actor(q.speaker).code, q.cue, q.kind) == ("FRAGOV", "adding", "partial")


def test_a_quote_does_not_continue_into_what_a_later_cue_reports(seed_analysis):
    """"“A,” noted the French presidency, adding that the two leaders agreed on the “need …”": the second
    quoted words are what "adding" reports, not more of A."""
    q = _quote(seed_analysis, "no offensive intentions")
    assert (q.cue, q.text) == ("noted", "President Putin has expressed no offensive intentions")


def test_institution_as_speaker(seed_analysis):
    q = _quote(seed_analysis, "fundamental concerns of Russia")
    actor = seed_analysis.actor(q.speaker)
    assert (actor.code, q.cue, q.speaker_text) == ("RUSGOV", "noted", "the Kremlin")


def test_nested_attribution_keeps_both_sources(seed_analysis):
    q = _quote(seed_analysis, "determined to accelerate diplomatic efforts")
    assert q.speaker == "person:boris-johnson"
    reporter = seed_analysis.actor(q.reported_by)
    assert (reporter.country, reporter.sector) == ("GBR", "GOV")
    assert q.reported_by_text == "a Downing Street spokeswoman"


def test_press_release_names_its_government(seed_analysis):
    q = _quote(seed_analysis, "multiplying meetings and negotiations")
    assert q.speaker == "person:volodymyr-zelensky"
    assert seed_analysis.actor(q.reported_by).code == "UKRGOV"


def test_two_quoted_clauses_with_one_cue_are_one_quote(seed_analysis):
    q = _quote(seed_analysis, "The likelihood of the attack exists")
    assert "we do not see an escalation" in q.text
    assert q.speaker == "person:volodymyr-zelensky"


def test_standalone_quote_continues_the_previous_speaker(seed_analysis):
    q = _quote(seed_analysis, "As long as diplomatic efforts continue")
    assert q.speaker == "person:volodymyr-zelensky" and q.kind == "direct"


def test_every_span_points_into_the_text(seed_analysis):
    text = seed_analysis.article.text
    assert len(seed_analysis.quotes) >= 15
    for q in seed_analysis.quotes:
        assert text[q.start:q.end] == q.text


def test_events_stated_inside_a_quote_carry_it(seed_analysis):
    """An event linked to a quotation is stated in it (``said_by`` its speaker) or is the speaker's act
    of making it (a statement's act: source the speaker, docs/annotation.md section 3)."""
    by_id = {q.id: q for q in seed_analysis.quotes}
    linked = [e for e in seed_analysis.events if e.quote]
    assert linked, "no event was linked to a quote"
    assert any(e.said_by == by_id[e.quote].speaker for e in linked)
    for e in linked:
        q = by_id[e.quote]
        assert e.said_by == q.speaker or (e.source == q.speaker and e.rule.startswith("speech.")), e

"""Cue entries whose frames were chosen from how often they head a PolNeAR train attribution."""

import pytest


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The mayor repeated her warning about the flood.", "repeated", "her warning about the flood"),
    ("The union pushed for a shorter working week.", "pushed for", "a shorter working week"),
    ("The minister vouched for the new auditor.", "vouched for", "the new auditor"),
    ("The council campaigned against the new highway.", "campaigned against", "the new highway"),
    ("The farmers balked at the proposed tariff.", "balked at", "the proposed tariff"),
    ("The senator likened the tax to a fine.", "likened", "the tax to a fine"),
    ("The coach hinted at a change of tactics.", "hinted at", "a change of tactics"),
    ("The agency aims to cut waiting times.", "aims", "to cut waiting times"),
    ("The committee proposed to delay the vote.", "proposed", "to delay the vote"),
    ("The governor declined the invitation.", "declined", "the invitation"),
])
def test_frame_gives_cue_and_content(attrs, text, cue, content):
    [a] = attrs(text)
    assert (a["cue"], a["content"]) == (cue, content)
    assert a["source"] == text.split(" ")[0] + " " + text.split(" ")[1]


def test_particle_entry_needs_its_particle(attrs):
    [a] = attrs("The judge singled out the lead engineer.")
    assert (a["cue"], a["content"]) == ("singled out", "the lead engineer")
    assert attrs("The tailor cut the single cloth.") == []


def test_frame_only_verbs_are_no_cue_without_their_frame(attrs):
    # 'push' and 'line' attribute only with their preposition ('pushed for', 'lined up behind')
    assert attrs("The workers pushed the cart into the shed.") == []
    assert attrs("The children lined the shelves with paper.") == []

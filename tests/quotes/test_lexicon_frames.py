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


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    ("The mayor dismissed the rumors, despite his claim that the bridge was safe.", "claim", "his",
     "that the bridge was safe"),
    ("Residents laughed at the builder's suggestion that the tower would block no light.", "suggestion",
     "the builder's", "that the tower would block no light"),
    ("The coach made the assertion that the referee had been bribed.", "assertion", "The coach",
     "that the referee had been bribed"),
    ("The league published the players' criticism of the new rules.", "criticism of", "the players'",
     "the new rules"),
    ("Residents laughed at the suggestion by the builder that the tower would block no light.", "suggestion",
     "the builder", "that the tower would block no light"),
])
def test_speech_noun_with_its_frame_is_a_cue(attrs, text, cue, source, content):
    found = [a for a in attrs(text) if a["cue"] == cue]
    assert [(a["source"], a["content"]) for a in found] == [(source, content)]


def test_speech_noun_without_its_frame_is_no_cue(attrs):
    # a relative clause ("the claim that he made") and a fact clause are not reported content
    assert attrs("The claim that he made was false.") == []
    assert attrs("The fact that the bridge was closed annoyed the drivers.") == []


def test_for_clause_after_call_for_is_the_content(attrs):
    [a] = attrs("The mayor is calling for the council to reopen the park.")
    assert (a["source"], a["cue"], a["content"]) == ("The mayor", "is calling for", "the council to reopen the park")


def test_infinitive_clause_with_its_own_subject_is_the_content(attrs):
    [a] = attrs("The union wants its members to reject the offer.")
    assert (a["source"], a["cue"], a["content"]) == ("The union", "wants", "its members to reject the offer")


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The governor was highly critical of the new budget.", "was highly critical of", "the new budget"),
    ("The farmers are adamant that the dam must not be built.", "are adamant", "that the dam must not be built"),
    ("The mayor is eager to reopen the market.", "is eager", "to reopen the market"),
])
def test_stance_adjective_after_a_copula_is_a_cue(attrs, text, cue, content):
    [a] = attrs(text)
    assert (a["cue"], a["content"]) == (cue, content)
    assert a["source"] == " ".join(text.split(" ")[:2])


def test_stance_adjective_without_its_frame_is_no_cue(attrs):
    assert attrs("The critical moment came at noon.") == []
    assert attrs("The governor was critical after the crash.") == []


def test_gerund_complement_is_the_object(attrs):
    # the parser reads the gerund as an open complement (xcomp), not as the object it is
    [a] = attrs("The senator supports raising the minimum wage.")
    assert (a["source"], a["cue"], a["content"]) == ("The senator", "supports", "raising the minimum wage")


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The mayor voiced her doubts about the bridge.", "voiced", "her doubts about the bridge"),
    ("The minister outlined a plan for the harbour.", "outlined", "a plan for the harbour"),
    ("The union disputed the figures.", "disputed", "the figures"),
    ("The governor ordered the agencies to close the park.", "ordered", "to close the park"),
    ("The senator claimed to have the votes.", "claimed", "to have the votes"),
    ("The mayor pitched the tunnel as a cheaper route.", "pitched", "a cheaper route"),
    ("The senator railed against the new tariff.", "railed against", "the new tariff"),
    ("The council sided with the farmers.", "sided with", "the farmers"),
    ("The mayor responded to the protest.", "responded to", "the protest"),
    ("The workers want a shorter week.", "want", "a shorter week"),
])
def test_frames_right_less_than_half_the_time_are_cues(attrs, text, cue, content):
    # these frames head a PolNeAR train attribution less than half the time, but often enough to raise F1
    [a] = attrs(text)
    assert (a["cue"], a["content"]) == (cue, content)
    assert a["source"] == " ".join(text.split(" ")[:2])


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    ("The coach's attack on the referees surprised the fans.", "attack on", "The coach's", "the referees"),
    ("The board ignored the mayor's call for a recount.", "call for", "the mayor's", "a recount"),
    ("Voters welcomed the senator's promise to cut taxes.", "promise", "the senator's", "to cut taxes"),
])
def test_speech_nouns_right_less_than_half_the_time_are_cues(attrs, text, cue, source, content):
    found = [a for a in attrs(text) if a["cue"] == cue]
    assert [(a["source"], a["content"]) for a in found] == [(source, content)]


def test_new_frame_verbs_need_their_frame(attrs):
    # 'order', 'side' and 'rail' attribute only with their infinitive or preposition
    assert attrs("The waiter ordered the soup.") == []
    assert attrs("The house stood on the north side of the square.") == []
    assert attrs("The train left the rail near the station.") == []



@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The mayor is aware that the bridge is unsafe.", "is aware", "that the bridge is unsafe"),
    ("The coach was confident in the new keeper.", "was confident in", "the new keeper"),
])
def test_more_stance_adjectives_are_cues(attrs, text, cue, content):
    [a] = attrs(text)
    assert (a["cue"], a["content"]) == (cue, content)

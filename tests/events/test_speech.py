"""Statements as their speakers' acts (events/speech.py, data/events/speech_acts.yaml).

Hand-built sentences, one mechanism each; none is taken from a gold set.
"""

from __future__ import annotations

import datetime as dt

import pytest

from barometer.data import parse_data
from barometer.errors import KnowledgeBaseError

FRIDAY = dt.date(2022, 1, 28)


def code(text: str):
    from barometer.eval.events import code_text

    events, layer = code_text(text, FRIDAY)
    codes = {a.id: a.code for a in layer.actors}
    return [(e, codes.get(e.source), codes.get(e.target), codes.get(e.said_by)) for e in events]


@pytest.mark.parametrize(("text", "act", "pair"), [
    ("Russia said that Sudan must release the prisoners.", "REQUEST", ("RUS", "SDN")),
    ("The Kremlin wants Ukraine to recognise Crimea.", "REQUEST", ("RUSGOV", "UKR")),
    ("The German chancellor said Russia's aggression was a crime.", "ACCUSE", ("DEUGOV", "RUS")),
    ("The Turkish president attacked the proclamation by the United States.", "ACCUSE", ("TURGOV", "USA")),
    ('"We count on Turkey to act with restraint," the NATO Secretary General wrote.', "REQUEST", ("NATO", "TUR")),
    ("The Spanish minister said that Spain will not accept the plan.", "REJECT", ("ESP", None)),
    ('The Chilean minister called the treaty between Peru and Bolivia "null and void".', "ACCUSE", ("CHLGOV", "PER")),
    ('"This is a war of choice that Peru has unleashed," the Chilean president said.', "ACCUSE", ("CHLGOV", "PER")),
    ("The Chilean president spoke out against Peru.", "ACCUSE", ("CHLGOV", "PER")),
    ('The Chilean president said: "We are not prepared to risk a war with Peru."', "REJECT", ("CHLGOV", None)),
    # a duty laid on another: the speaker's request of it
    ("Peru was obliged to return the ship, the Chilean minister said.", "REQUEST", ("CHLGOV", "PER")),
    # a refusal answers whoever asked
    ('Regarding Peru\'s request, the Chilean minister said: "We will not accept it."', "REJECT", ("CHLGOV", "PER")),
    # a sanction named for another side: a threat to it
    ("Peruvian firms could face sanctions, the Chilean minister said.", "THREATEN", ("CHLGOV", "PERBUS")),
    # an unnamed accused or addressee: the act, with no target
    ('"Someone would like to provoke a war in the region," the Chilean president said.', "ACCUSE", ("CHLGOV", None)),
    ("The Chilean president said foreign powers should leave the region.", "REQUEST", ("CHLGOV", None)),
    # the possessor of the deed is blamed; a denial is aimed at whoever made the claim
    ("The Chilean minister said the explosion was Peru's doing.", "ACCUSE", ("CHLGOV", "PER")),
    ("The Chilean minister said there was no evidence to support Peru's claims.", "REJECT", ("CHLGOV", "PER")),
])
def test_the_cue_and_the_content_decide_the_speakers_act(text, act, pair):
    found = [(e, s, t) for e, s, t, _ in code(text) if e.type == act]
    assert len(found) == 1, [(e.type, s, t, e.rule) for e, s, t, _ in code(text)]
    e, s, t = found[0]
    assert (s, t) == pair and e.status == "asserted" and e.said_by is None


def test_the_embedded_event_stays_a_claim_of_the_speaker():
    found = code("The German chancellor said Russia's aggression was a crime.")
    inner = [(e, s, by) for e, s, _, by in found if e.type == "ASSAULT"]
    assert inner and all(e.status == "reported" and by == "DEUGOV" for e, _, by in inner)


@pytest.mark.parametrize("text", [
    "The Polish minister said the talks lasted three hours.",
    "Obama wants a deal, the White House said.",
    "The Kremlin declined to comment on the report.",  # annotation.md section 10: codes nothing
    "Russia has had to concentrate its attacks on the Donbas, the EU foreign policy chief said.",  # no criticism
    '"We must keep the risk to public order at a minimum," the Estonian prime minister wrote.',
    "Peru is doing everything it can to help, the Chilean minister said.",  # no possessor: nobody blamed
])
def test_a_plain_description_or_a_bare_wish_codes_nothing(text):
    assert not [e for e, *_ in code(text) if e.type in ("ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE")]


def test_a_statement_is_coded_once():
    """The coder's trigger on the cue is the statement's act; the content adds no second one."""
    found = code("Germany accused Russia of preparing an invasion.")
    assert [(e.type, s, t) for e, s, t, _ in found if e.type == "ACCUSE"] == [("ACCUSE", "DEU", "RUS")]
    ready = code("The French minister said France was ready to negotiate with Moscow.")
    agree = [(e, s) for e, s, *_ in ready if e.type == "AGREE"]
    assert len(agree) == 1 and agree[0][0].status == "asserted" and agree[0][0].said_by is None


def test_a_cue_yields_its_trigger_reading_only_on_a_statement():
    assert not [e for e, *_ in code("The Polish minister called the stabbing an act of inexplicable barbarity.")
                if e.type == "CONSULT"]
    attack = code("Russia attacked Ukraine in Donetsk.")
    assert [(e.type, s, t) for e, s, t, _ in attack] == [("ASSAULT", "RUS", "UKR")]


def _file(**over):
    base = {"version": 2, "cues": [{"id": "speech.cue.x", "type": "ACCUSE", "cameo": "111", "lemmas": ["brand"]}],
            "neutral": [], "content": [{"id": "speech.content.x", "type": "REQUEST", "cameo": "100",
                                        "phrases": ["must"]}]}
    base.update(over)
    return base


def test_the_table_is_checked_at_load():
    from barometer.events.speech import SpeechActsFile

    assert parse_data("events/speech_acts.yaml", _file(), SpeechActsFile).cues[0].lemmas == ["brand"]
    bad = [
        _file(cues=[{"id": "speech.cue.x", "type": "ASSAULT", "cameo": "190", "lemmas": ["brand"]}]),  # no act of saying
        _file(cues=[{"id": "speech.cue.x", "type": "ACCUSE", "cameo": "100", "lemmas": ["brand"]}]),  # CAMEO of another type
        _file(neutral=[{"id": "speech.neutral.x", "lemmas": ["brand"]}]),  # one cue listed twice
        _file(content=[{"id": "speech.content.x", "type": "REQUEST", "cameo": "100", "target": "whom"}]),
        _file(version=1),
    ]
    for raw in bad:
        with pytest.raises(KnowledgeBaseError):
            parse_data("events/speech_acts.yaml", raw, SpeechActsFile)


def test_a_cue_the_trigger_lexicon_already_codes_is_refused(monkeypatch):
    from barometer.data import parse_data as parse
    from barometer.events import speechdata as speech  # speech_acts() loads the table there

    raw = _file(cues=[{"id": "speech.cue.x", "type": "ACCUSE", "cameo": "111", "lemmas": ["condemn"]}])
    monkeypatch.setattr(speech, "load_data", lambda path, model: parse(path, raw, model))
    speech.speech_acts.cache_clear()
    try:
        with pytest.raises(KnowledgeBaseError, match="already a ACCUSE trigger"):
            speech.speech_acts()
        raw["cues"] = [{"id": "speech.cue.x", "type": "ACCUSE", "cameo": "111", "lemmas": ["brand"],
                        "replaces": ["no.such.trigger"]}]
        with pytest.raises(KnowledgeBaseError, match="no entry of events/triggers.yaml"):
            speech.speech_acts()
    finally:
        speech.speech_acts.cache_clear()


@pytest.mark.parametrize(("text", "pair"), [
    # whose act a definite object refers back to: the attacker, whoever last spoke
    ("Russian troops attacked Kharkiv on Monday. The German government condemned the attack.", ("DEUGOV", "RUSMIL")),
    ("Erdogan said Greece was a bully. The Greek minister criticised his remarks.", ("GRCGOV", "TURGOV")),
    # a deed noun ("the move", "the decision") refers back to whoever last acted
    ("Peruvian police arrested six Chilean fishermen on Monday. The Chilean government criticized the move.",
     ("CHLGOV", "PERCOP")),
    # what a statement speaks out against: the attack that was done, not one only vowed since
    # (beyond the anaphora window of events/anaphora.py, so the statement's own look-back decides)
    ("Peruvian troops attacked Arica on Monday. The Peruvian president said Bolivian rebels would attack the port "
     "next week. The weather was cold. Markets were calm. The harvest was good. Schools stayed open. Trains ran on "
     "time. The Chilean president spoke out against the attack.", ("CHLGOV", "PERMIL")),
    # the party behind the object: "Moscow's invasion"
    ("The Greek minister condemned Moscow's invasion.", ("GRCGOV", "RUSGOV")),
])
def test_the_target_of_a_verbal_act_is_whom_it_is_about(text, pair):
    found = [(s, t) for e, s, t, _ in code(text) if e.type == "ACCUSE" and e.rule.startswith("accuse.")]
    assert found == [pair]


@pytest.mark.parametrize(("text", "pair"), [
    ("The Chilean president demanded that Peru withdraw its troops.", ("CHLGOV", "PER")),
    ("The Chilean president recommended that Peru should release the sailors.", ("CHLGOV", "PER")),
])
def test_a_demanded_clause_names_the_addressee(text, pair):
    found = [(s, t) for e, s, t, _ in code(text) if e.type == "REQUEST"]
    assert pair in found, [(e.type, s, t, e.rule) for e, s, t, _ in code(text)]


def test_a_trigger_condition_holds_for_a_statement_too():
    """support.endorse needs a target: "backed the resolution" names no one, said or not."""
    assert not [e for e, *_ in code("Russia backed the resolution.") if e.type == "SUPPORT"]


@pytest.mark.parametrize(("text", "pair"), [
    ("The Turkish president named the PKK as terrorists.", ("TURGOV", "TURREB")),
    ("Russian troops attacked Kharkiv. The German chancellor called the attack a war crime.", ("DEUGOV", "RUSMIL")),
])
def test_labelling_something_a_crime_accuses_whoever_did_it(text, pair):
    found = [(s, t) for e, s, t, _ in code(text) if e.type == "ACCUSE"]
    assert found == [pair]


@pytest.mark.parametrize(("text", "deed"), [
    ("Chile accused Peru of shelling Bolivia.", "ASSAULT"),
    ("The Chilean government blamed Peru for the bombing of the Chilean embassy.", "ASSAULT"),
])
def test_the_accused_is_the_doer_of_the_deed_the_accusation_names(text, deed):
    found = code(text)
    assert any(e.type == "ACCUSE" and s in ("CHL", "CHLGOV") and t == "PER" for e, s, t, _ in found)
    embedded = [(e, s, by) for e, s, t, by in found if e.type == deed]
    assert embedded and all(s == "PER" and e.status != "asserted" for e, s, by in embedded), \
        [(e.type, s, t, e.status, e.rule) for e, s, t, _ in found]


def test_a_deed_inside_the_deed_is_not_the_accused_s():
    found = code("Chile accused Peru of drawing out the war in Bolivia.")
    assert not [s for e, s, t, _ in found if e.type == "ASSAULT" and s == "PER"], found


def test_a_claim_of_wrongdoing_is_an_allegation_without_a_culprit():
    found = [(e.rule, s, t) for e, s, t, _ in code("The Chilean president claimed widespread voter fraud.")
             if e.type == "ACCUSE"]
    assert found == [("accuse.claim_wrongdoing", "CHLGOV", None)]
    assert not [e for e, *_ in code("The Chilean president claimed victory.") if e.type == "ACCUSE"]


def test_where_the_denounced_things_happen_is_no_party_to_them():
    """"denouncing the war in Chile": Chile is where the war is, not whom the activist accuses."""
    found = [(s, t) for e, s, t, _ in code("The Peruvian activist was jailed for denouncing the war in Chile.")
             if e.type == "ACCUSE"]
    assert found == [("PERCVL", None)]


def test_an_unknown_accused_is_no_other_actor_the_words_name():
    """"accused Lima's allies of ...": the allies are no actor we know, and not Peru or Bolivia either."""
    text = "The Chilean president accused Lima's allies of arming the rebels and of pressing Bolivian authorities."
    found = [(s, t) for e, s, t, _ in code(text) if e.type == "ACCUSE"]
    assert found == [("CHLGOV", None)]


@pytest.mark.parametrize(("text", "asked"), [
    # another actor's view inside the words is not the speaker's demand of it
    ('"I believe that Peruvians feel that they must keep fighting," the Chilean president said.', []),
    ('"I believe that Peru must stop the fighting," the Chilean president said.', [("CHLGOV", "PER")]),
    # an editor's bracket leaves "we" the speaker: a duty of one's own is no request
    ('"[W]e must finish the bridge by May," the Chilean minister said.', []),
])
def test_a_view_of_another_inside_the_words_is_no_demand(text, asked):
    assert [(s, t) for e, s, t, _ in code(text) if e.type == "REQUEST"] == asked

"""Cue frames decided by syntax rather than by the cue word, and content/source boundaries."""

import pytest
from spacy.tokens import Doc

from barometer.quotes.attribution import find_attributions


def test_point_out_takes_its_that_clause(attrs):
    [a] = attrs("The mayor pointed out that the bridge was closed.")
    assert (a["source"], a["cue"], a["content"]) == ("The mayor", "pointed out", "that the bridge was closed")


def test_verb_outside_the_lexicon_with_a_that_clause_is_a_cue(attrs):
    [a] = attrs("The lawyer reasoned that the contract was void.")
    assert a["rule"] == "cue.frame.that_clause"
    assert (a["source"], a["cue"], a["content"]) == ("The lawyer", "reasoned", "that the contract was void")


def test_that_clause_frame_needs_a_main_clause_verb(attrs):
    assert attrs("When the lawyer reasoned that the contract was void, the judge left the room.") == []


def test_trailing_relative_clause_leaves_the_content(attrs):
    [a] = attrs("The senator praised the new budget, which passed last week.")
    assert a["content"] == "the new budget"
    [b] = attrs("The minister said the talks would resume in the capital, which hosted them last year.")
    assert b["content"] == "the talks would resume in the capital"


def test_accused_keeps_the_accused_in_the_content(attrs):
    [a] = attrs("The union accused the company of hiding its losses.")
    assert a["content"] == "the company of hiding its losses"


@pytest.mark.parametrize("text", ["Senator Says Budget Deal Is Dead\n\nThe vote is on Monday.",
                                  "Budget Deal Is Dead, Senator Warns\n\nThe vote is on Monday."])
def test_title_case_headline(attrs, text):
    [a] = attrs(text)
    assert (a["source"], a["content"]) == ("Senator", "Budget Deal Is Dead")
    assert a["cue"] in ("Says", "Warns")


def test_gerund_after_preposition_takes_the_host_subject(attrs):
    [a] = attrs("The governor began by saying that the roads would reopen.")
    assert a["source"] == "The governor"


def test_infinitive_after_predicate_adjective_takes_the_subject(attrs):
    [a] = attrs("Voters were more likely to say that the economy mattered most.")
    assert a["source"] == "Voters"


def test_subject_from_the_line_above_gives_way_to_the_cue_paragraph(nlp):
    # a parse that hangs a liveblog time stamp on the verb as its subject and the real speaker under it
    words = ["9:30", "a.m.", "\n\n", "The", "governor", "says", "the", "roads", "will", "reopen", "."]
    spaces = [True, False, False, True, False, True, True, True, True, False, False]
    heads = [1, 5, 1, 4, 1, 5, 7, 9, 9, 5, 5]
    deps = ["nummod", "nsubj", "dep", "det", "appos", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"]
    pos = ["NUM", "NOUN", "SPACE", "DET", "NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    lemmas = ["9:30", "a.m.", "\n\n", "the", "governor", "say", "the", "road", "will", "reopen", "."]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    [a] = find_attributions(doc)
    assert doc.text[a.source[0]:a.source[1]] == "The governor"


def test_embed_markup_is_neither_cue_nor_quote(attrs):
    text = ('The senator posted again.\n\n<tweet pic="" author="someuser" timestamp="1448038800">We will win '
            'this.</tweet>\n\nThe mayor said the polls open at seven.')
    out = attrs(text)
    assert [a["content"] for a in out] == ["the polls open at seven"]


def test_continued_after_a_quote_is_a_cue(attrs):
    [a] = attrs("“We cannot wait another year for the bridge,” the engineer continued.")
    assert (a["source"], a["cue"]) == ("the engineer", "continued")


def test_second_that_clause_stays_in_the_content(attrs):
    [a] = attrs("The mayor said that the budget was balanced, and that taxes would fall next year.")
    assert a["content"] == "that the budget was balanced, and that taxes would fall next year"


def test_participial_aside_leaves_the_source_span(nlp):
    # "Ana Ruiz, clad in green, said the market would reopen." with the aside hung on the name
    words = ["Ana", "Ruiz", ",", "clad", "in", "green", ",", "said", "the", "market", "would", "reopen", "."]
    spaces = [True, False, True, True, True, False, True, True, True, True, True, False, False]
    heads = [1, 7, 1, 1, 3, 4, 1, 7, 9, 11, 11, 7, 7]
    deps = ["compound", "nsubj", "punct", "acl", "prep", "pobj", "punct", "ROOT", "det", "nsubj", "aux",
            "ccomp", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "VERB", "ADP", "NOUN", "PUNCT", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    lemmas = ["Ana", "Ruiz", ",", "clad", "in", "green", ",", "say", "the", "market", "will", "reopen", "."]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    [a] = find_attributions(doc)
    assert doc.text[a.source_full[0]:a.source_full[1]] == "Ana Ruiz"


def test_clause_misread_as_object_of_a_speech_verb_is_the_content(nlp):
    # the parser makes the reported clause's subject the object of "says"
    words = ["The", "senator", "says", "the", "movement", "appeals", "to", "fear", "."]
    heads = [1, 2, 2, 4, 2, 4, 5, 6, 2]
    deps = ["det", "nsubj", "ROOT", "det", "dobj", "acl", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"]
    lemmas = ["the", "senator", "say", "the", "movement", "appeal", "to", "fear", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 7 + [False, False], heads=heads, deps=deps, pos=pos,
              lemmas=lemmas)
    [a] = find_attributions(doc)
    assert doc.text[a.content[0]:a.content[1]] == "the movement appeals to fear"
    assert doc.text[a.source[0]:a.source[1]] == "The senator"


def test_speech_verb_with_a_pronoun_object_reports_nothing(attrs):
    assert attrs("The senator said nothing.") == []


def test_hyphenated_capitals_in_the_source_are_no_dateline(attrs):
    [a] = attrs("Ohio AFL-CIO chief Maria Lopez, a former nurse, said the strike would end soon.")
    assert a["source"] == "Ohio AFL-CIO chief Maria Lopez, a former nurse"
    [b] = attrs("DENVER (AP) - Mayor Tom Reed said the strike would end soon.")
    assert b["source"] == "Mayor Tom Reed"


def test_participle_after_a_document_takes_its_issuer(attrs):
    [a] = attrs("The campaign sent out a statement saying the senator would stay in the race.")
    assert (a["source"], a["content"]) == ("The campaign", "the senator would stay in the race")


def test_participle_after_a_named_group_takes_the_group(attrs):
    [a] = attrs("Republicans supporting the measure met on Tuesday.")
    assert (a["source"], a["content"]) == ("Republicans", "the measure")


def test_object_keeps_a_modifier_the_parser_hung_on_the_verb(attrs):
    [a] = attrs("The senator praised the new rules for banks in a speech.")
    assert a["content"] == "the new rules for banks in a speech"
    [b] = attrs("The senator praised the new rules on Tuesday.")
    assert b["content"] == "the new rules"
    [c] = attrs("The senator praised the new rules, in a speech.")
    assert c["content"] == "the new rules"


def test_according_to_after_coordinated_clauses_reports_the_sentence(attrs):
    out = [a for a in attrs("Prices rose in May, and wages fell in June, according to the statistics office.")
           if a["rule"] == "cue.according_to"]
    assert [(a["source"], a["content"]) for a in out] == [
        ("the statistics office", "Prices rose in May, and wages fell in June")]


def test_fronted_in_poll_phrase_reports_its_clause(attrs):
    [a] = attrs("In a survey released Monday, the mayor leads the race by six points.")
    assert (a["rule"], a["cue"], a["source"]) == ("cue.in_source", "In", "a survey released Monday")
    assert a["content"] == "the mayor leads the race by six points"
    # the clause's own cue keeps it: "In a statement, X said …"
    [b] = attrs("In a statement, the mayor said the race was over.")
    assert (b["cue"], b["source"]) == ("said", "the mayor")


def test_a_relative_aside_with_an_as_predicate_is_its_own_quotation(attrs):
    """"a step the Kremlin described as a reply": the speaker of the relative clause said the predicate;
    the outer content ends before the clause."""
    out = {a["cue"]: a for a in attrs("The ministry announced new drills in a step the Kremlin described as a reply "
                                      "to Western threats.")}
    assert (out["described as"]["source"], out["described as"]["content"]) == ("the Kremlin", "a reply to Western threats")
    assert out["announced"]["content"] == "new drills in a step"
    said = {a["cue"]: a for a in attrs('The governor said the city had rejected the plan that the mayor described as '
                                       '"a wasteful gamble".')}
    assert said["said"]["content"] == "the city had rejected the plan"
    assert said["described as"]["content"] == '"a wasteful gamble"'


def test_a_relative_pronoun_is_no_part_of_the_content(attrs):
    [a] = attrs("The vote prompted claims of fraud, which the observers conceded was possible.")
    assert (a["source"], a["content"]) == ("the observers", "was possible")
    out = {a["cue"]: a for a in attrs('The senator attacked the ruling, which the judge has referred to as '
                                      '"a necessary step".')}
    assert out["has referred to"]["content"] == 'as "a necessary step"'


def test_in_his_opinion_reports_the_clause_of_its_owner(attrs):
    [a] = attrs("In his opinion, the dam will not hold another winter.")
    assert (a["cue"], a["source"], a["content"]) == ("In", "his opinion", "the dam will not hold another winter")
    [b] = attrs("In their eyes, the border must stay closed.")  # a plural noun of the list, not only its lemma
    assert b["content"] == "the border must stay closed"


def test_a_relative_clause_in_the_speakers_words_stays_in_the_content(attrs):
    [a] = attrs("The mayor announced that the city wanted no strike, which, in her words, could start only if "
                "the talks failed.")
    assert a["content"].endswith("could start only if the talks failed")


def test_a_speech_noun_as_passive_subject_is_spoken_by_the_agent(attrs):
    [a] = attrs("Similar declarations regarding the need for new talks were made by the foreign minister.")
    assert (a["source"], a["content"]) == ("the foreign minister", "the need for new talks")
    assert attrs("The declaration of war was read out in the square.") == []  # "of" is no frame of it


def test_a_trailing_report_of_the_writer_leaves_the_content(attrs):
    """"…, our correspondent reports": the correspondent reports the minister's words; the minister spoke."""
    [a] = attrs('The minister told state media the meeting was "useful", our correspondent reports.')
    assert (a["source"], a["cue"], a["content"]) == ("The minister", "told", 'the meeting was "useful"')
    [b] = attrs("He said the war would end soon and the troops would return.")  # no report closing it
    assert b["content"] == "the war would end soon and the troops would return"

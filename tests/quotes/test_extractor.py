"""The quotation stage on small texts with hand-built actor layers."""

import pytest

from barometer.layers import ActorLayer, ActorMention
from barometer.model import Actor
from barometer.quotes import extract_quotes


def layer(text, named):
    """An ActorLayer with one mention per (surface, actor) pair, at the first occurrence."""
    out = ActorLayer()
    seen = set()
    for surface, actor in named:
        if actor.id not in seen:
            out.actors.append(actor)
            seen.add(actor.id)
        start = text.index(surface)
        out.mentions.append(ActorMention(start, start + len(surface), actor.id, "test"))
    return out


AUSTIN = Actor(id="person:lloyd-austin", name="Lloyd Austin", kind="person", country="USA")
KREMLIN = Actor(id="RUSGOV", name="Government of Russia", kind="state", country="RUS", sector="GOV")
UKGOV = Actor(id="GBRGOV", name="Government of United Kingdom", kind="state", country="GBR", sector="GOV")
JOHNSON = Actor(id="person:boris-johnson", name="Boris Johnson", kind="person", country="GBR")


def test_pronoun_takes_the_previous_speaker(nlp):
    text = 'Lloyd Austin said that war was not inevitable.\n\n"There is still time for diplomacy," he added.'
    quotes = extract_quotes(nlp(text), layer(text, [("Lloyd Austin", AUSTIN)]))
    assert [q.speaker for q in quotes] == ["person:lloyd-austin", "person:lloyd-austin"]
    assert quotes[1].speaker_text == "he" and quotes[1].kind == "direct"


def test_a_pronoun_mention_from_the_actor_stage_wins(nlp):
    text = 'Lloyd Austin spoke first. "There is still time," she added.'
    other = Actor(id="person:jane-doe", name="Jane Doe", kind="person")
    acts = layer(text, [("Lloyd Austin", AUSTIN)])
    acts.actors.append(other)
    i = text.index("she")
    acts.mentions.append(ActorMention(i, i + 3, other.id, "pronoun"))
    [q] = extract_quotes(nlp(text), acts)
    assert q.speaker == "person:jane-doe"


def test_institution_as_speaker(nlp):
    text = '"The responses did not address our concerns," noted the Kremlin in a press release.'
    [q] = extract_quotes(nlp(text), layer(text, [("the Kremlin", KREMLIN)]))
    assert q.speaker == "RUSGOV" and q.cue == "noted"
    assert q.text == "The responses did not address our concerns"


def test_nested_source_is_kept(nlp):
    text = 'Boris Johnson said he was "determined to act", according to a Downing Street spokeswoman.'
    acts = layer(text, [("Boris Johnson", JOHNSON), ("Downing Street", UKGOV)])
    [q] = extract_quotes(nlp(text), acts)
    assert q.speaker == "person:boris-johnson"
    assert q.reported_by == "GBRGOV" and q.reported_by_text == "a Downing Street spokeswoman"


def test_unresolved_person_keeps_text_but_no_id(nlp):
    text = "US Secretary of Defense Lloyd Austin said that war was not inevitable."
    us = Actor(id="USA", name="United States", kind="state", country="USA")
    [q] = extract_quotes(nlp(text), layer(text, [("US", us)]))
    assert q.speaker is None
    assert q.speaker_text == "US Secretary of Defense Lloyd Austin"


def test_offsets_point_into_the_text(nlp):
    text = ('“I will send troops,” announced the president. The minister said that talks failed, '
            'according to a statement.\n\n"We keep trying, whatever happens next in the talks."')
    quotes = extract_quotes(nlp(text), ActorLayer())
    assert len(quotes) >= 3
    for q in quotes:
        assert text[q.start:q.end] == q.text


PUTIN = Actor(id="person:vladimir-putin", name="Vladimir Putin", kind="person", country="RUS")
ZELENSKY = Actor(id="person:volodymyr-zelensky", name="Volodymyr Zelensky", kind="person", country="UKR")
STOLTENBERG = Actor(id="person:jens-stoltenberg", name="Jens Stoltenberg", kind="person", country="NOR")
DOE = Actor(id="person:jane-doe", name="Jane Doe", kind="person", country="USA")
ZAF = Actor(id="ZAF", name="South Africa", kind="state", country="ZAF")


@pytest.mark.parametrize(("text", "named", "pronoun", "wrong"), [
    # the coreference took the nearest man, named inside the previous speaker's reported words
    ('Volodymyr Zelensky said that Vladimir Putin would try an offensive.\n\n"The situation is complicated," he '
     'said.', [("Volodymyr Zelensky", ZELENSKY), ("Vladimir Putin", PUTIN)], "he said", PUTIN),
    # ... or inside the pronoun's own quotation, before it
    ('Jens Stoltenberg explained the situation. "This is a war that President Putin has started," he continued.',
     [("Jens Stoltenberg", STOLTENBERG), ("President Putin", PUTIN)], "he continued", PUTIN),
    # "she" is never a country
    ('Jane Doe said talks had failed. "South Africa must act," she said.',
     [("Jane Doe", DOE), ("South Africa", ZAF)], "she said", ZAF),
])
def test_he_or_she_is_who_spoke_last_not_whom_the_words_were_about(nlp, text, named, pronoun, wrong):
    acts = layer(text, named)
    i = text.index(pronoun)
    acts.mentions.append(ActorMention(i, i + len(pronoun.split()[0]), wrong.id, "pronoun"))
    quotes = extract_quotes(nlp(text), acts)
    assert len(quotes) == 2 and quotes[0].speaker == quotes[1].speaker == named[0][1].id


def test_a_bare_actor_name_is_no_quotation(nlp):
    """"citing American officials", "responded to Russia": whom the cue cites or answers, not words said."""
    text = "The agency reported the deal, citing American officials. The minister has not responded to Russia."
    us = Actor(id="USAGOV", name="Government of United States", kind="state", country="USA", sector="GOV")
    rus = Actor(id="RUS", name="Russia", kind="state", country="RUS")
    quotes = extract_quotes(nlp(text), layer(text, [("American officials", us), ("Russia", rus)]))
    assert not [q for q in quotes if q.text in ("American officials", "Russia")]


def test_an_agentless_passive_is_no_cue(nlp):
    """The seed's "Were mentioned the strategic gas pipeline …": nobody is said to have said anything."""
    text = ("Were mentioned the strategic gas pipeline Nord Stream 2 between Russia and Germany, or even the "
            "access of Russians to transactions in dollars, the queen currency in international trade.")
    assert extract_quotes(nlp(text), ActorLayer()) == []


@pytest.mark.parametrize(("text", "published"), [
    ("The Kremlin condemned the attack.", False),  # a stance verb with a noun phrase (quote.filter.stance)
    ("The Kremlin denied that troops were massing on the border.", True),  # ... with a clause of its own
    ("The Kremlin dismissed the claim as groundless.", True),  # ... with an "as" predicate
    ("The Kremlin dismissed suggestions that Moscow was trying to drag NATO into the war.", False),  # a noun's clause
    ("The Kremlin believes that the talks will fail.", False),  # a state of mind (quote.filter.mental)
    ("The Kremlin refused to name the officers.", False),  # an act (quote.filter.acts)
    ("The Kremlin said that the talks would fail.", True),
    ("The Kremlin did not respond to the offer.", False),  # what it answered, not what it said
    ("The Kremlin has implied foreign involvement.", False),
    ("The Kremlin implied that foreign agents were involved.", True),
    ("The Kremlin spoke about the pipeline.", False),
    ("The Kremlin declared victory in the vote.", False),  # an act object of the cue (acts: in cues.yaml)
    ("The Kremlin declared the vote a success.", True),
    ("The Kremlin has issued a warrant for his arrest.", False),  # issuing a document is no quotation ...
    ("The Kremlin is reported to have withdrawn the troops.", False),  # an agentless passive cue
    ("It was reported by The Kremlin that the talks had failed.", True),  # ... with an agent
])
def test_what_the_news_guide_counts_as_a_quotation(nlp, text, published):
    """The attribution finder keeps PolNeAR's attributions; the published quotations are the news
    guide's (docs/annotation.md section 7), the rest stay with the event stage."""
    from barometer.quotes.publish import publish_quotes

    doc = nlp(text)
    quotes = extract_quotes(doc, layer(text, [("The Kremlin", KREMLIN)]))
    assert quotes, "the attribution is found"
    kept, _ = publish_quotes(doc, quotes, [])
    assert bool(kept) == published


def test_a_quotation_filter_names_only_cues_of_the_lexicon():
    from barometer.quotes.lexicon import cue_lexicon

    lex = cue_lexicon()
    ids = {e.id for es in lex.frames.values() for e in es} | {e.id for e in (*lex.nouns.values(), *lex.adjectives.values())}
    assert set(lex.not_quotation) <= ids and set(lex.clause_only) <= ids
    assert set(lex.not_quotation.values()) == {"quote.filter.mental", "quote.filter.acts"}


def test_a_glued_sentence_end_closes_the_content(nlp):
    """Text pasted without its line breaks ("… NATO.He added …"): the quotation stops at the full stop, as
    it does with the space (the NLP stage splits the glued end, nlp/glued.py; the quotation stage's own
    check covers what the tokenizer leaves), and the next sentence's cue is found."""
    glued = "The Kremlin said that the proposals were better than those of NATO.He added that talks would go on."
    spaced = glued.replace(".He", ". He")
    found = [[q.text for q in extract_quotes(nlp(t), layer(t, [("The Kremlin", KREMLIN)]))] for t in (glued, spaced)]
    assert found[0] == found[1] == ["that the proposals were better than those of NATO", "that talks would go on"]


def test_the_circumstances_of_the_saying_leave_the_content(nlp):
    """"announced the vote in a letter earlier this week to other members": the medium and the time of
    the saying are not the words reported; a time clause inside what was said stays."""
    text = "The Kremlin announced the upcoming vote in a letter earlier this week to other members of the House."
    [q] = extract_quotes(nlp(text), layer(text, [("The Kremlin", KREMLIN)]))
    assert q.text == "the upcoming vote"
    text = "The Kremlin said that it will pursue the case even after he leaves office."
    [q] = extract_quotes(nlp(text), layer(text, [("The Kremlin", KREMLIN)]))
    assert q.text.endswith("after he leaves office")


def test_a_coordinated_source_gives_one_quotation_per_named_party(nlp):
    text = "Both Saudi Arabia and the United States have alleged that Iran was involved."
    sau = Actor(id="SAU", name="Saudi Arabia", kind="state", country="SAU")
    usa = Actor(id="USA", name="United States", kind="state", country="USA")
    quotes = extract_quotes(nlp(text), layer(text, [("Saudi Arabia", sau), ("United States", usa)]))
    assert [(q.speaker, q.text) for q in quotes] == [("SAU", "that Iran was involved"), ("USA", "that Iran was involved")]


def test_they_is_the_body_not_one_of_its_people(nlp):
    text = 'Sameh Shoukry said that talks had begun. "The deal is null and void," they concluded.'
    shoukry = Actor(id="person:sameh-shoukry", name="Sameh Shoukry", kind="person", country="EGY", code="EGYGOV")
    egygov = Actor(id="EGYGOV", name="Government of Egypt", kind="state", country="EGY", sector="GOV", code="EGYGOV")
    acts = layer(text, [("Sameh Shoukry", shoukry)])
    acts.actors.append(egygov)
    quotes = extract_quotes(nlp(text), acts)
    assert [q.speaker for q in quotes] == ["person:sameh-shoukry", "EGYGOV"]


def test_he_with_nobody_speaking_before_is_the_last_person_named(nlp):
    text = "The attacker, Sudesh Amman, was released last month. He told his sister that he wanted to fight."
    amman = Actor(id="person:sudesh-amman", name="Sudesh Amman", kind="person", country="GBR")
    [q] = extract_quotes(nlp(text), layer(text, [("Sudesh Amman", amman)]))
    assert (q.speaker, q.speaker_text) == ("person:sudesh-amman", "He")


def test_a_participle_after_a_dash_is_the_writers_aside(nlp):
    from barometer.quotes.publish import publish_quotes

    text = 'The Kremlin said the blasts were "demilitarisation in action" — using the same term as Moscow.'
    doc = nlp(text)
    kept, _ = publish_quotes(doc, extract_quotes(doc, layer(text, [("The Kremlin", KREMLIN)])), [])
    assert kept[0].text == 'the blasts were "demilitarisation in action"'


def test_what_someone_is_blamed_for_is_the_published_content(nlp):
    from barometer.quotes.publish import publish_quotes

    text = "The Kremlin blamed both Israel and the United States for the attack."
    doc = nlp(text)
    kept, _ = publish_quotes(doc, extract_quotes(doc, layer(text, [("The Kremlin", KREMLIN)])), [])
    assert [q.text for q in kept] == ["the attack"]


BIDEN = Actor(id="person:joe-biden", name="Joe Biden", kind="person", country="USA")
RUSSIA = Actor(id="RUS", name="Russia", kind="state", country="RUS")


def test_an_attribution_with_no_quotation_does_not_take_over_the_speaker_chain(nlp):
    # "does not respond to Russia" publishes nothing (its content is a bare actor), so it speaks for nobody
    text = ('Lloyd Austin said that war was not inevitable. The president does not respond to Russia. '
            '"There is still time for diplomacy," he added.')
    acts = layer(text, [("Lloyd Austin", AUSTIN), ("The president", BIDEN), ("Russia", RUSSIA)])
    quotes = extract_quotes(nlp(text), acts)
    assert all(q.text != "Russia" for q in quotes)
    assert quotes[-1].speaker_text == "he" and quotes[-1].speaker == "person:lloyd-austin"


def test_he_goes_on_with_the_last_speaker_unless_the_coreferent_is_named_since(nlp):
    text = ('Joe Biden met his team. Lloyd Austin said that war was not inevitable. '
            '"There is still time for diplomacy," he added.')
    acts = layer(text, [("Joe Biden", BIDEN), ("Lloyd Austin", AUSTIN)])
    i = text.index("he added")
    acts.mentions.append(ActorMention(i, i + 2, BIDEN.id, "pronoun"))  # the parser's coreference reached back
    assert extract_quotes(nlp(text), acts)[-1].speaker == "person:lloyd-austin"
    text = ('Lloyd Austin said that war was not inevitable. Then Joe Biden spoke. '
            '"There is still time for diplomacy," he added.')
    acts = layer(text, [("Joe Biden", BIDEN), ("Lloyd Austin", AUSTIN)])
    i = text.index("he added")
    acts.mentions.append(ActorMention(i, i + 2, BIDEN.id, "pronoun"))
    assert extract_quotes(nlp(text), acts)[-1].speaker == "person:joe-biden"


def test_he_after_a_one_person_role_is_that_role_not_a_person_named_before_it(nlp):
    putin = Actor(id="person:vladimir-putin", name="Vladimir Putin", kind="person", country="RUS")
    ukr = Actor(id="UKRGOV", name="Government of Ukraine", kind="state", country="UKR", sector="GOV")
    text = ('Sanctions could stop Vladimir Putin. "We expect no invasion," said the Ukrainian ambassador. '
            '"It is no secret that they tried before," he added.')
    acts = layer(text, [("Vladimir Putin", putin), ("the Ukrainian ambassador", ukr)])
    quotes = extract_quotes(nlp(text), acts)
    assert [q.speaker for q in quotes][-2:] == ["UKRGOV", "UKRGOV"], quotes


def test_the_role_noun_is_the_person_named_with_it_before(nlp):
    text = ("Fisheries minister Jane Roe opened the talks on Monday. The minister said that quotas "
            "would be cut by a third.")
    roe = Actor(id="person:jane-roe", name="Jane Roe", kind="person", country="NOR")
    quotes = extract_quotes(nlp(text), layer(text, [("Fisheries minister Jane Roe", roe)]))
    assert [(q.speaker, q.speaker_text) for q in quotes] == [("person:jane-roe", "The minister")]


def test_a_role_noun_named_with_nobody_before_stays_unresolved(nlp):
    text = "Jane Roe opened the talks. The minister said that quotas would be cut by a third."
    roe = Actor(id="person:jane-roe", name="Jane Roe", kind="person", country="NOR")
    quotes = extract_quotes(nlp(text), layer(text, [("Jane Roe", roe)]))
    assert [q.speaker for q in quotes] == [None]


def test_a_statement_which_said_is_said_by_who_released_it(nlp):
    text = ("The Fishermen's Union criticised the plan. It released a statement which said "
            "\"the quotas will ruin the villages\".")
    union = Actor(id="local:union", name="Fishermen's Union", kind="organization", country="NOR", sector="LAB")
    quotes = extract_quotes(nlp(text), layer(text, [("The Fishermen's Union", union), ("It", union)]))
    assert [q.speaker for q in quotes] == ["local:union"]


def test_a_lone_relative_pronoun_or_date_is_no_content(nlp):
    from barometer.quotes.publish import news_quotation

    text = "The deal, which the Kremlin does not recognize, was signed. The Kremlin announced Wednesday."
    doc = nlp(text)
    assert not news_quotation(doc, "cue.acknowledge_admit", text.index("which"), text.index("which") + 5)
    assert not news_quotation(doc, "cue.announce", text.index("Wednesday"), text.index("Wednesday") + 9)


def test_a_subjectless_cue_in_the_sentence_of_a_speaker_goes_on_with_them(nlp):
    text = ('Speaking after the talks, Lloyd Austin told reporters: "The door is open" but added that '
            '"nothing has been agreed yet".')
    quotes = extract_quotes(nlp(text), layer(text, [("Lloyd Austin", AUSTIN)]))
    assert quotes and all(q.speaker == "person:lloyd-austin" for q in quotes)


def test_some_is_part_of_the_body_not_its_last_speaker(nlp):
    text = "Nancy Roe said that she would serve two years. Some said that the vote was rushed."
    roe = Actor(id="person:nancy-roe", name="Nancy Roe", kind="person", country="USA", code="USALEG")
    leg = Actor(id="USALEG", name="Legislature of United States", kind="state", country="USA", sector="LEG",
                code="USALEG")
    acts = layer(text, [("Nancy Roe", roe)])
    acts.actors.append(leg)
    quotes = extract_quotes(nlp(text), acts)
    assert [q.speaker for q in quotes] == ["person:nancy-roe", "USALEG"]


def test_the_noun_before_a_participle_is_not_its_speaker(nlp):
    text = "The court will gather evidence against individual Russians accused of war crimes."
    rus = Actor(id="RUS", name="Russia", kind="state", country="RUS")
    quotes = extract_quotes(nlp(text), layer(text, [("Russians", rus)]))
    assert all(q.speaker != "RUS" for q in quotes)


def test_as_reported_by_is_no_cue_of_its_own(nlp):
    text = 'Lloyd Austin said on Monday, as reported by the Daily Star, "We will not send troops."'
    quotes = extract_quotes(nlp(text), layer(text, [("Lloyd Austin", AUSTIN)]))
    assert [(q.speaker, q.cue) for q in quotes] == [("person:lloyd-austin", "said")]


def test_a_saying_clause_beside_the_quote_is_its_own_attribution(nlp):
    text = ('Lloyd Austin said the plan is "a good start"; however, "we need more troops", he added.')
    quotes = extract_quotes(nlp(text), layer(text, [("Lloyd Austin", AUSTIN)]))
    added = [q for q in quotes if q.cue == "added"]
    assert added and all("said" not in q.text for q in added)


def test_a_statement_from_someone_is_theirs_not_the_publishers(nlp):
    text = ('The ministry issued the following statement from the minister: "We will not accept any '
            'change to the border under any circumstances."')
    minister = Actor(id="person:jan-novak", name="Jan Novak", kind="person", country="CZE")
    ministry = Actor(id="CZEGOV", name="Government of Czechia", kind="state", country="CZE", sector="GOV")
    quotes = extract_quotes(nlp(text), layer(text, [("The ministry", ministry), ("the minister", minister)]))
    said = [q for q in quotes if "We will not accept" in q.text]
    assert said and {q.speaker for q in said} == {"person:jan-novak"}


def test_the_report_is_the_last_reporters(nlp):
    text = ("The Daily Courier reported on Monday that the bridge had been closed for repairs. "
            "The report added that the work would take at least three weeks.")
    paper = Actor(id="GBRMED", name="The Daily Courier", kind="organization", country="GBR", sector="MED")
    quotes = extract_quotes(nlp(text), layer(text, [("The Daily Courier", paper)]))
    assert [(q.speaker, q.speaker_text) for q in quotes] == [("GBRMED", "The Daily Courier"), ("GBRMED", "The report")]


def test_a_report_nobody_made_stays_unresolved(nlp):
    text = "The Daily Courier said the bridge was closed. The report added that the work would take weeks."
    paper = Actor(id="GBRMED", name="The Daily Courier", kind="organization", country="GBR", sector="MED")
    quotes = extract_quotes(nlp(text), layer(text, [("The Daily Courier", paper)]))
    assert quotes[-1].speaker is None and quotes[-1].speaker_text == "The report"


def test_the_office_is_the_embassy_named_before(nlp):
    text = ("The British Embassy in Lima closed its doors on Friday. "
            "The office told citizens that they should stay indoors until further notice.")
    embassy = Actor(id="GBRGOV", name="Government of United Kingdom", kind="state", country="GBR", sector="GOV")
    quotes = extract_quotes(nlp(text), layer(text, [("The British Embassy in Lima", embassy)]))
    assert [q.speaker for q in quotes] == ["GBRGOV"]


def test_a_happening_never_speaks(nlp):
    text = ('A bystander described for local radio station Kiss FM how the shooting unfolded, stating, '
            '"I was waiting for the bus when I heard four loud bangs."')
    quotes = extract_quotes(nlp(text), ActorLayer())
    assert quotes and all(q.speaker_text is None or "shooting" not in q.speaker_text for q in quotes)


def test_a_published_content_leaves_its_that_out(nlp):
    """The complementizer joins the clause to the cue: the published words reported start after it."""
    from barometer.quotes.publish import publish_quotes

    text = "The Kremlin said that the talks had failed."
    doc = nlp(text)
    [q] = extract_quotes(doc, layer(text, [("The Kremlin", KREMLIN)]))
    assert q.text == "that the talks had failed"
    [p], _ = publish_quotes(doc, [q], [])
    assert p.text == "the talks had failed" and text[p.start:p.end] == p.text


def test_in_his_opinion_speaks_for_the_person_named_before(nlp):
    text = "Boris Johnson met the envoy on Monday. In his opinion, the dam will not hold another winter."
    quotes = extract_quotes(nlp(text), layer(text, [("Boris Johnson", JOHNSON)]))
    assert [(q.speaker, q.text) for q in quotes] == [(JOHNSON.id, "the dam will not hold another winter")]


def test_title_with_name_in_apposition_is_the_named_person(nlp):
    text = "The new idea was also expressed by the Minister of Defence of this country Lloyd Austin."
    doc = nlp(text)
    quotes = extract_quotes(doc, layer(text, [("Lloyd Austin", AUSTIN)]))
    minister = next(t for t in doc if t.text == "Minister")
    if not any(c.dep_ == "appos" for t in minister.subtree for c in t.children):
        pytest.skip("the parser did not read the name as an apposition")
    assert [q.speaker for q in quotes] == ["person:lloyd-austin"]

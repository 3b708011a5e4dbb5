"""Known background events (issue 16 item 3): a bare noun naming a well-known past event is dated at
its start. Sentences written for these tests, none from a gold set."""

from __future__ import annotations

import datetime as dt

from tests.events.test_coder import code, only

AUTUMN_2023 = dt.date(2023, 10, 6)
INVASION = dt.date(2022, 2, 24)


def _assaults(text: str, published: dt.date = AUTUMN_2023):
    return [e for e, *_ in code(text, published)[0] if e.type == "ASSAULT"]


def test_the_full_scale_invasion_is_dated_at_its_start_and_historical():
    events = _assaults("Exports of grain have fallen since Russia's full-scale invasion.")
    assert [(e.date, e.historical) for e in events] == [(INVASION, True)], events
    assert "known.invasion.ukraine.2022" in events[0].rule


def test_an_invasion_by_another_party_is_not_the_known_one():
    events = _assaults("Exports of grain have fallen since Iraq's invasion of Kuwait.")
    assert events and all(e.date != INVASION for e in events), events


def test_an_attack_the_sentence_dates_keeps_its_own_date():
    (e, *_), = only("Russia attacked Ukraine again on Tuesday.", "ASSAULT", AUTUMN_2023)
    assert e.date == dt.date(2023, 10, 3) and not e.historical


def test_the_known_event_is_the_news_itself_in_an_article_of_its_own_days():
    events = _assaults("Exports of grain have fallen since Russia's full-scale invasion.", dt.date(2022, 3, 4))
    assert events and all(e.date != INVASION and "known." not in e.rule for e in events), events


def test_the_annexation_of_crimea_needs_crimea():
    found, _ = code("Tourism collapsed after Russia's annexation of Crimea.", AUTUMN_2023)
    assert [(e.date, e.historical) for e, *_ in found if e.type == "COERCE"] == [(dt.date(2014, 3, 18), True)], found
    found, _ = code("Tourism collapsed after Russia's annexation of the island.", AUTUMN_2023)
    assert [e.date for e, *_ in found if e.type == "COERCE"] == [AUTUMN_2023], found


def test_an_entry_with_no_source_countries_takes_any_doer():
    events = _assaults("Airport security was tightened after the 9/11 attacks by al-Qaeda.")
    assert [(e.date, e.historical) for e in events] == [(dt.date(2001, 9, 11), True)], events


def test_an_attack_needs_the_state_as_target_and_the_singular():
    for text in ("Grain exports have fallen since the Russian attack on the Ukrainian army.",
                 "Grain exports have fallen since Russia's attacks on Ukraine."):
        events = _assaults(text)
        assert events and all(e.date == AUTUMN_2023 and "known." not in e.rule for e in events), events
    events = _assaults("Grain exports have fallen since Russia's attack on Ukraine.")
    assert [e.date for e in events] == [INVASION], events


def test_a_verb_answers_a_deed_only_by_the_entry_that_fires_on_it():
    """hitargs.reacts_to_deed: "launch" has ACCUSE (a lawsuit) and PROTEST (a hunger strike) entries,
    but "launched the offensive" fires neither: its subject is the offensive's doer, not a judge."""
    from barometer.eval.events import _pipeline
    from barometer.events.hitargs import reacts_to_deed
    from barometer.events.lexicon import lexicon

    nlp, lex = _pipeline(None).nlp, lexicon()

    def verb(text: str):
        return next(t for t in nlp(text) if t.pos_ == "VERB")

    assert not reacts_to_deed(verb("The rebels launched the offensive."), lex)
    assert reacts_to_deed(verb("The rebels condemned the offensive."), lex)

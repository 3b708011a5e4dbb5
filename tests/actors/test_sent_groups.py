"""People sent by a state, unnamed foreign parties and party blocs (issue 20, items 2 and 4)."""

from __future__ import annotations

from tests.actors.conftest import at


def test_representatives_take_their_country_of_origin(resolve):
    text = ("Kenya hosted the talks in Nairobi on Monday. Representatives from Peru arrived late, "
            "and Chile's envoys left early.")
    layer = resolve(text, "2021-05-03")
    assert at(layer, text, "Representatives").code == "PERGOV"
    assert at(layer, text, "envoys").code == "CHLGOV"


def test_officials_from_a_country_when_the_parser_hangs_the_phrase_on_the_verb(resolve):
    text = "Kenya said on Monday that its ministers met officials from Peru in Nairobi. Kenya agreed."
    layer = resolve(text, "2021-05-03")
    assert at(layer, text, "officials").code == "PERGOV"


def test_sent_people_with_no_origin_never_take_the_articles_country(resolve):
    text = "Kenya and Kenya's police said that delegates met in Nairobi. Kenya closed the roads."
    layer = resolve(text, "2021-05-03")
    assert at(layer, text, "delegates") is None


def test_foreign_forces_are_an_unnamed_party(resolve):
    text = "Kenya's president said foreign forces must leave Kenya. Kenya's army agreed."
    layer = resolve(text, "2021-05-03")
    assert at(layer, text, "forces") is None


def test_us_party_blocs_are_lawmakers_and_plural(resolve):
    text = "Republicans blocked the bill, and Senate Democrats said they would try again."
    layer = resolve(text, "2019-03-01")
    assert at(layer, text, "Republicans").code == "USALEG"
    assert at(layer, text, "Senate Democrats").code == "USALEG"
    assert at(layer, text, "they").code == "USALEG"


def test_another_countrys_democrats_are_not_the_us_bloc(resolve):
    text = "The Liberal Democrats in Britain criticised the plan."
    layer = resolve(text, "2019-03-01")
    assert at(layer, text, "Liberal Democrats").code == "GBROPP"


def test_an_institution_noun_opening_a_sentence_is_the_body(resolve):
    text = ("Kenya's president closed the session in Kenya on Monday. Parliament is to stay shut until May, "
            "Kenya's government said.")
    layer = resolve(text, "2021-05-03")
    assert at(layer, text, "Parliament").code == "KENLEG"

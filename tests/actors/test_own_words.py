"""People outside the knowledge base take country and sector from their own words (issue 20 item 2):
titles with office words, roles with a complement, appositions either way round, "a Georgian national";
one statement carries through the article; a role "of"/"for" a body takes the body's country and sector."""

from __future__ import annotations

import pytest
from tests.actors.conftest import at


@pytest.mark.parametrize(("text", "phrase", "code"), [
    ("Speaking after the call, the Kremlin's top foreign policy advisor Yury Ushakov told reporters.",
     "Yury Ushakov", "RUSGOV"),
    ("US Commerce Secretary Gina Raimondo warned Chinese firms.", "Gina Raimondo", "USAGOV"),
    ("US Special Representative for Iran Brian Hook said it was political.", "Brian Hook", "USAGOV"),
    ("Beth Van Schaack, the US ambassador-at-large, said the report was grim.", "Beth Van Schaack", "USAGOV"),
    ("Giorgi Beridze, a Georgian national, was detained.", "Giorgi Beridze", "GEOCVL"),
    ("Major general Fuad Basya, spokesman for the Indonesian military, said the boat sank.", "Fuad Basya", "IDNMIL"),
    ("Reza Karimi, head of Iran's Quds Force, was killed.", "Reza Karimi", "IRNMIL"),
    ("US Assistant Secretary for Arms Control Mallory Stewart said Russia used riot control agents.",
     "Stewart", "USAGOV"),
    ("According to ISNA, the prosecutor general of Tehran, Ali Alghasi Mehr, said they must face charges.",
     "Ali Alghasi Mehr", "IRNJUD"),
    ("Emine Dzheppa, First Deputy Minister of Foreign Affairs of Ukraine, said Japan would help.",
     "Emine Dzheppa", "UKRGOV"),
    ("Tunisia banned veils. Tunisia's parliament voted. Souhail Alouini, a member of Parliament, said no.",
     "Souhail Alouini", "TUNLEG"),
    ("Ukraine's presidency said the talks would go on.", "Ukraine's presidency", "UKRGOV"),
    ("The Libyan House of Representatives voted against it.", "Libyan House of Representatives", "LBYLEG"),
    # agencies and companies from organisations.yaml (item 3)
    ("The CSIS said the network was run from abroad.", "CSIS", "CANSPY"),
    ("China's Ministry of State Security detained him.", "China's Ministry of State Security", "CHNSPY"),
    ("Gazprom cut gas supplies to Poland.", "Gazprom", "RUSBUS"),
    ("Huawei denied the charges.", "Huawei", "CHNBUS"),
    ("Saudi Aramco said output would recover.", "Saudi Aramco", "SAUBUS"),
])
def test_own_words_and_the_tables_give_country_and_sector(resolve, text, phrase, code):
    assert at(resolve(text), text, phrase).code == code


def test_the_ambassador_of_a_country_to_another_keeps_their_own(resolve):
    text = "Canada's ambassador to Japan wrote to the ministry."
    assert at(resolve(text), text, "Canada's ambassador").country == "CAN"


def test_one_statement_carries_through_the_article(resolve):
    text = ("Giorgi Beridze, a Georgian national, was detained on Monday. "
            "Police said Beridze had crossed the border twice.")
    layer = resolve(text)
    assert at(layer, text, "Beridze", 1).code == "GEOCVL"
    text = "Beth Van Schaack, the US ambassador-at-large, spoke first. Later Van Schaack said the report was grim."
    assert at(resolve(text), text, "Van Schaack", 1).code == "USAGOV"


def test_national_as_an_adjective_is_no_role(resolve):
    for text in ("The Russian national team won the final.", "The National Olympic Committee of Ukraine said it."):
        assert all(a.sector != "CVL" for a in resolve(text).actors)


def test_a_role_of_a_body_with_no_country_takes_the_body_code(resolve):
    text = "The head of the UN human rights office said torture was used."
    assert at(resolve(text), text, "The head").code == "UNO"



def test_belarus_prime_minister_after_march_2025(resolve):
    text = "The Belarusian Prime Minister met the delegation."
    assert at(resolve(text, "2025-06-01"), text, "Belarusian Prime Minister").id == "person:alexander-turchin"
    assert at(resolve(text, "2024-06-01"), text, "Belarusian Prime Minister").id == "person:roman-golovchenko"


def test_a_capital_that_is_a_persons_surname_is_no_government(resolve):
    text = "Sudesh Amman was shot by police. Amman had been released from prison a week earlier."
    assert at(resolve(text, "2020-02-05"), text, "Amman", 1) is None or \
        at(resolve(text, "2020-02-05"), text, "Amman", 1).kind == "person"


def test_a_role_served_before_makes_an_elite_of_its_country(resolve):
    text = ("Daniel Russel, who served as a high-ranking American diplomat for East Asia under President "
            "Barack Obama, called it unreal.")
    assert at(resolve(text, "2022-03-14"), text, "Daniel Russel").code == "USAELI"


def test_untitled_person_is_a_civilian_of_the_main_country(resolve):
    text = ("Poland's government met in Warsaw. Polish police said Poland would act. "
            "Jan Kowalski, a shopkeeper, said it was quiet.")
    a = at(resolve(text), text, "Jan Kowalski")
    assert (a.country, a.code) == ("POL", "POLCVL") and a.confidence <= 0.5


def test_untitled_person_has_no_country_without_a_main_country(resolve):
    text = "Jan Kowalski, a shopkeeper, said it was quiet."
    a = at(resolve(text), text, "Jan Kowalski")
    assert a is None or a.country is None

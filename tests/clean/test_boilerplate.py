"""The text cleaner drops web junk by its shape, keeps prose and headings, and takes wire credits."""

from __future__ import annotations

import pytest

from barometer.clean.article import clean_text
from barometer.clean.boilerplate import is_boilerplate, wire_credit


@pytest.mark.parametrize("line", [
    "CLICK HERE TO GET THE FOX NEWS APP",
    "Download the Example Daily app",
    "Sign up for our morning newsletter",
    "I subscribe",
    "Share",
    "app-store-badge_FR",
    "Follow us on Twitter and Facebook",
    "Take the news everywhere with you!",
])
def test_calls_to_action_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Russia has massed more than 100,000 troops near the border, officials said on Monday.",
    "Officials said users could download the government's air-raid alert app from official stores.",
    "Attempt to de-escalate",
    "threat of sanctions",
    "\"We don't need this panic,\" he stressed.",
])
def test_prose_and_headings_are_kept(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize(("line", "agencies"), [
    ("With AFP", ["AFP"]),
    ("(Reuters)", ["Reuters"]),
    ("AFP/Reuters", ["AFP", "Reuters"]),
    ("With AP and AFP", ["AP", "AFP"]),
])
def test_wire_credits(line, agencies):
    assert wire_credit(line) == agencies


def test_wire_credit_is_not_any_short_line():
    assert wire_credit("With friends") is None
    assert wire_credit("Moscow") is None


def test_inline_promo_removed_and_trailing_block_dropped():
    raw = ("Title line\n\nFirst paragraph of the story says that talks resumed in Geneva on Monday.\n\n"
           "CLICK HERE TO GET THE EXAMPLE NEWS APP\n\n"
           "Second paragraph adds that no agreement was reached by the two delegations.\n\n"
           "With Reuters\n\nThe week in review\n\nGet our newsletter in your inbox\n\nSubscribe")
    text, title, wire = clean_text(raw)
    assert title == "Title line"
    assert wire == ["Reuters"]
    assert text == ("First paragraph of the story says that talks resumed in Geneva on Monday.\n\n"
                    "Second paragraph adds that no agreement was reached by the two delegations.")


def test_whitespace_normalised_once():
    text, _, _ = clean_text("T\n\nA  sentence\twith   odd\u00a0spacing that is long enough to be prose.  ")
    assert text == "A sentence with odd spacing that is long enough to be prose."


def test_long_trailing_paragraph_without_final_punctuation_is_kept():
    body = "Russian troops massed near the border as talks stalled and diplomats warned of a long crisis ahead"
    text, _, _ = clean_text("T\n\n" + body)
    assert text == body


def test_a_long_first_line_is_the_first_paragraph_not_the_title():
    body = ("kyiv: officials said on tuesday that the talks would resume next week in geneva. the delegations "
            "met for four hours and agreed to exchange prisoners. both sides reported shelling overnight near "
            "the front line, the ministry added. more talks are expected soon, a spokesman said. related stories "
            "talks resume in geneva")
    text, title, _ = clean_text(body + "\n\nFacebook Twitter Linkedin Mail")
    assert title is None
    assert text == body  # the share bar is dropped; the article is all there
    text, title, _ = clean_text("Talks resume in Geneva\n\n" + body)
    assert title == "Talks resume in Geneva" and text == body

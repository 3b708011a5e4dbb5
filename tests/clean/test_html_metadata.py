"""The HTML path: the site's name is cut from the headline, and trafilatura's end of article is kept."""

from __future__ import annotations

import pytest

from barometer.clean.article import clean_document, clean_lines, strip_site_suffix
from barometer.ingest.raw import RawDocument


@pytest.mark.parametrize(("title", "sites", "expected"), [
    ("Like British cheddar? Enjoy it while you can | CBC News", ["CBC News", "cbc.ca"],
     "Like British cheddar? Enjoy it while you can"),
    ("Laser terminal achieves first link - NASA", ["NASA", "www.nasa.gov"], "Laser terminal achieves first link"),
    ("Kremlin says troops will return to bases – Example Times", [None, "https://www.exampletimes.com/a/b"],
     "Kremlin says troops will return to bases"),
    ("Putin and Macron talk for two hours | World | Daily Planet", ["Daily Planet"],
     "Putin and Macron talk for two hours"),
])
def test_site_suffix_is_dropped(title, sites, expected):
    assert strip_site_suffix(title, sites) == expected


@pytest.mark.parametrize(("title", "sites"), [
    ("Biden - Putin call ends without breakthrough", ["Example News"]),  # a dash inside a headline
    ("Ukraine crisis: what we know - so far", ["Example News"]),
    ("Crisis | Live", ["Example News"]),  # would leave a one-word headline
    (None, ["x"]),
])
def test_headlines_without_a_site_suffix_are_kept(title, sites):
    assert strip_site_suffix(title, sites) == title


def test_trailing_heuristic_is_for_text_dumps_only():
    lines = ["Russia massed troops near the border, officials said on Monday evening.",
             "VIP : 60,000 won", "R : 50,000 won"]
    assert clean_lines(lines)[0] == lines[:1]
    assert clean_lines(lines, trailing=False)[0] == lines


def test_html_title_comes_without_the_outlet():
    body = "".join(f"<p>Paragraph {i} says that Russian troops moved closer to the border of Ukraine "
                   f"while diplomats met in Geneva for talks on the crisis.</p>" for i in range(6))
    html = (f"<html><head><title>Talks stall as troops mass | Example Herald</title>"
            f"<meta property='og:site_name' content='Example Herald'></head><body><article>"
            f"<h1>Talks stall as troops mass</h1>{body}</article></body></html>")
    article = clean_document(RawDocument(text=html, media_type="html", url="https://exampleherald.com/x")).article
    assert article.title == "Talks stall as troops mass"
    assert "Paragraph 5" in article.text

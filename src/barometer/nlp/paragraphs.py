"""``barometer_paragraphs``: a paragraph break starts a sentence, set before the parser runs.

Why: the clean text joins paragraphs with a blank line, and the small English parser does not
treat it as a boundary: a heading, a closing quotation mark or a whole next paragraph was
glued to the sentence before ("…continued "dialogue." ⏎⏎ The Europeans … promised sanctions …
⏎⏎ Were mentioned …" was one sentence of the reference article), so an event's evidence, its
arguments and a quotation's extent crossed paragraphs. The parser keeps boundaries preset on
``Token.is_sent_start``. A break inside a sentence (a hard-wrapped text dump: a line ending in a
lower-case word or a comma, the next starting in lower case) is left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "barometer_paragraphs"


def _continues(prev: str, nxt: str) -> bool:
    """A line break that only wraps a sentence: "... the⏎⏎minister said", "... Kyiv,⏎⏎and ..."."""
    return (prev[-1:].isalpha() or prev.endswith(",")) and nxt[:1].islower()


@Language.component(NAME, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    prev = None  # the last non-space token
    gap = ""  # the whitespace since it
    for tok in doc:
        if tok.is_space:
            gap += tok.text + tok.whitespace_
            continue
        if prev is not None and (prev.whitespace_ + gap).count("\n") >= 2 and not _continues(prev.text, tok.text):
            tok.is_sent_start = True
        prev, gap = tok, ""
    return doc


def add_to(nlp: Language) -> None:
    """Insert the component before the parser (or first), once."""
    if NAME in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    else:
        nlp.add_pipe(NAME, first=True)

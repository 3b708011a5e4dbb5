"""Glued sentence ends: "NATO.He added", "(Reuters).The", "Ukraine."Then", "Zalewski.- I hope".

Why: war-corpus texts often join sentences with no space after the full stop. spaCy's own infix
splits a lower-case letter, a full stop and a capital ("Lavrov.He"), but not an upper-case word or a
number ("NATO.He", "World War II.The", "150,000.Russian"), a closing bracket ("(...).I am"), an opening
quotation mark glued to the next word ("Ukraine."Then" keeps '"Then' as one token, so a name behind it
is lost), nor the Polish outlets' speech dash ("said Paweł Zalewski.- I hope" keeps "Zalewski.-").
The tokenizer gets infix and suffix patterns for those, and ``barometer_glued`` (before the parser)
starts a sentence after such a glued full stop. The text is never altered: only token boundaries move,
so every character offset stays exact.

Left intact on purpose: abbreviations and initials ("U.S.", "J.K.", "U.S.-led": the letter before the
full stop follows another full stop), decimals ("3.5": no capital), domain names ("france24.com",
"Yahoo!News"; a capitalised top-level domain such as ".Com" is not split).
"""

from __future__ import annotations

from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

NAME = "barometer_glued"

_A, _AU, _AL = ALPHA, ALPHA_UPPER, ALPHA_LOWER
_DASH = "\\-\u2013\u2014"  # - – —
_QUOTE = "\"\u201c\u201d'\u2018\u2019"  # " “ ” ' ‘ ’
_NOT_TLD = r"(?!(?:Com|Org|Net|Gov|Edu|Info)\b)"
#: Infixes added to the model's own (which already split "Lavrov.He").
INFIXES: tuple[str, ...] = (
    # a word of two letters or more, or a number, glued to a capitalised word: "NATO.He", "2014.On"
    rf"(?<=[{_A}]{{2}})\.{_NOT_TLD}(?=[{_AU}][{_AL}])",
    rf"(?<=[0-9])\.(?=[{_AU}][{_AL}])",
    # a closing bracket: "(...).I am", "ed.].But" — the bracket and the full stop both split off
    rf"(?<=[\)\]])\.(?=[{_AU}{_QUOTE}])",
    rf"(?<=[{_A}0-9.])[\)\]](?=\.[{_AU}{_QUOTE}])",
    # a quotation mark between a full stop and a capitalised word: 'Ukraine."Then'
    rf"(?<=\.)[{_QUOTE}](?=[{_AU}])",
    # the speech dash: "said.-The", "Zalewski.- I" (this one is a suffix, below)
    rf"(?<=[{_A}]{{2}})\.(?=[{_DASH}][{_AU}])",
    rf"(?<=[{_A}]{{2}}\.)[{_DASH}](?=[{_AU}])",
)
#: A speech dash after a word's full stop, at the end of a token: "Zalewski.-".
SUFFIXES: tuple[str, ...] = (rf"(?<=[{_A}]{{2}}\.)[{_DASH}]",)
#: A full stop left at the start of a token once "(...)" was split off as prefixes: "(...).I am".
PREFIXES: tuple[str, ...] = (rf"\.(?=[{_AU}](?:[{_AL}]|\b))",)

_OPENING = "\u201c\u2018"  # “ ‘ only open
_CLOSING = "\u201d\u2019"  # ” ’ only close


def customise_tokenizer(nlp: Language) -> None:
    """Add the glued-sentence infixes and suffixes to ``nlp``'s tokenizer (``add_to`` does it once)."""
    tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(tuple(nlp.Defaults.infixes or ()) + INFIXES).finditer
    tokenizer.prefix_search = compile_prefix_regex(tuple(nlp.Defaults.prefixes or ()) + PREFIXES).search
    tokenizer.suffix_search = compile_suffix_regex(tuple(nlp.Defaults.suffixes or ()) + SUFFIXES).search


def _glued_stop(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a full stop with no space on either side, after a word, number or bracket."""
    tok = doc[i]
    if tok.text != "." or tok.whitespace_ or i == 0 or i + 1 >= len(doc):
        return False
    prev = doc[i - 1]
    return not prev.whitespace_ and not prev.text.endswith(".") and (len(prev) > 1 or not prev.is_alpha)


def _opens(doc: Doc, q: int) -> bool:
    """Whether the quotation mark ``doc[q]`` opens a quotation: curly marks say so; a straight one
    opens when an even number of straight ones precede it in its paragraph."""
    mark = doc[q].text
    if mark in _OPENING:
        return True
    if mark in _CLOSING:
        return False
    start = doc.text.rfind("\n", 0, doc[q].idx) + 1
    return doc.text.count(mark, start, doc[q].idx) % 2 == 0


def _start_after(doc: Doc, i: int) -> int | None:
    """The token that starts the sentence after the glued full stop ``doc[i]``, or None."""
    nxt = doc[i + 1]
    if nxt.text and nxt.text[0].isupper():
        return nxt.i
    if len(nxt) != 1 or nxt.i + 1 >= len(doc) or not doc[nxt.i + 1].text[:1].isupper():
        return None
    if nxt.text in _DASH.replace("\\", ""):
        return nxt.i  # the speech dash opens the next sentence
    if nxt.text in _QUOTE:
        return nxt.i if _opens(doc, nxt.i) else (nxt.i + 1 if not nxt.whitespace_ else None)
    return None


@Language.component(NAME, assigns=["token.is_sent_start"])
def glued_boundaries(doc: Doc) -> Doc:
    for i, tok in enumerate(doc):
        if tok.text == "." and _glued_stop(doc, i):
            start = _start_after(doc, i)
            if start is None:
                continue
            doc[start].is_sent_start = True
            if start > i + 1:  # a closing quotation mark stays with the sentence it closes
                doc[i + 1].is_sent_start = False
    return doc


def add_to(nlp: Language) -> None:
    """Customise the tokenizer and insert the component before the parser (or first), once."""
    if NAME in nlp.pipe_names:
        return
    customise_tokenizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    else:
        nlp.add_pipe(NAME, first=True)

"""The text of a parsed Doc, computed once per Doc.

Why: spaCy's ``Doc.text`` is not stored — every access joins the text of every token, creating one
Python ``Token`` object each. The stages read it about eight times per article (times, amounts —
which runs the time grammar again — places, quotes, attribution), and on the Ukraine corpus those
joins were a sizeable share of the CPU the stages spend after parsing (bench/throughput.py,
docs/scale.md). The value is identical to ``doc.text``; it is kept in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "barometer.doc_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and then reused.

    The cached value is checked against the Doc's token count and the end offset of its last token,
    so a Doc that inherited another's ``user_data`` (``Span.as_doc(copy_user_data=True)``) is not fooled.
    """
    n = len(doc)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if n else 0
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == n and len(cached[1]) == end:
        return cached[1]
    text = doc.text
    doc.user_data[_KEY] = (n, text)
    return text

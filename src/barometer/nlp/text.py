"""The text of a parsed Doc, computed once per Doc.

Why: spaCy's ``Doc.text`` is not stored — every access joins the text of every token, creating one
Python ``Token`` object each. The stages read it about eight times per article (times, amounts,
places, quotes, attribution), and on the Ukraine corpus those joins were a sizeable share of the CPU
the stages spend after parsing (bench/throughput.py, docs/scale.md). The value is identical to
``doc.text``; it is memoised beside the Doc (a weak reference: it goes when the Doc goes), never in
``doc.user_data``, which stages do not use to pass anything to each other.
"""

from __future__ import annotations

import threading
import weakref

from spacy.tokens import Doc

_texts: weakref.WeakKeyDictionary[Doc, tuple[int, str]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and then reused.

    The memo is checked against the Doc's token count and the end offset of its last token, so a
    Doc changed after the first call (retokenised) is joined again.
    """
    n = len(doc)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if n else 0
    cached = _texts.get(doc)
    if cached is not None and cached[0] == n and len(cached[1]) == end:
        return cached[1]
    text = doc.text
    with _lock:
        _texts[doc] = (n, text)
    return text

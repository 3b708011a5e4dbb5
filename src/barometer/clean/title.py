"""Whether a text dump's first line is its title: ``title_line`` = ``auto`` (by its shape), ``yes``, ``no``.

Why by shape: text input used to take its first line as the title, always. The war-news corpus has
no title lines, so 268 of its 416 stored titles were the article's first paragraph, which then was
never analysed (the lead, where the news is). A headline is short, does not end like a sentence,
holds one sentence at most and stands on its own line; a lead paragraph ends in a full stop. A
line that the next line continues (a hard-wrapped paragraph) is no title either.
"""

from __future__ import annotations

import re

from barometer.clean.boilerplate import is_boilerplate, wire_credit
from barometer.settings import CHOICES

#: The values of the ``title_line`` setting, ``--title-line`` and the API's ``title_line``.
TITLE_LINE_MODES = CHOICES["title_line"]

#: A first line longer than this is the first paragraph, not the title, whatever the mode says when
#: it is ``auto`` (Wikinews headlines have at most 20 words; a headline of the NAEB pages at most 24).
TITLE_MAX_WORDS = 25

#: Ends like a sentence: a full stop, ellipsis, colon, semicolon or comma, maybe inside closing
#: quotes or brackets. A question or an exclamation can end a headline ("Will Russia invade?").
_SENTENCE_END = re.compile(r"(?:[.…:;,]|\.\.\.)[\"'”’»)\]]*$")
#: A dateline or a lead-in cut at a dash ("KYIV, Ukraine —", "CNN —"): it opens the first paragraph.
_DASH_END = re.compile(r"[—–-]$")
#: A sentence break inside the line ("… on Monday. The talks …"): two sentences are a paragraph.
_INNER_BREAK = re.compile(r"[a-z\d)\"”’]{2}[.!?][\"”’]?\s+[\"“‘]?[A-Z]")


def looks_like_title(line: str, following: str | None, *, adjacent: bool) -> bool:
    """Whether ``line`` (the first non-empty line) is a headline, by its shape.

    ``following``: the next non-empty line (None when there is none: a headline-only input is its own
    text). ``adjacent``: it comes on the very next line, with no blank line between (a wrapped line).
    """
    s = line.strip()
    if not s or following is None:
        return False
    words = s.split()
    if len(words) > TITLE_MAX_WORDS or _SENTENCE_END.search(s) or _DASH_END.search(s):
        return False
    if _INNER_BREAK.search(s) or is_boilerplate(s) or wire_credit(s):
        return False
    nxt = following.strip()
    return not (adjacent and nxt[:1].islower())  # "... talks⏎resumed on Monday": one wrapped paragraph


def split_title(lines: list[str], mode: str = "auto") -> str | None:
    """Pop and return the title line from ``lines`` (normalised, leading blanks dropped), or None.

    ``yes``: the first line is the title whenever more lines follow; ``no``: there is none; ``auto``:
    ``looks_like_title``.
    """
    if mode not in TITLE_LINE_MODES:
        raise ValueError(f"title_line is {mode!r}, which is not one of {', '.join(TITLE_LINE_MODES)}")
    while lines and not lines[0]:
        lines.pop(0)
    if mode == "no" or not lines:
        return None
    rest = [k for k in range(1, len(lines)) if lines[k]]
    if mode == "yes":
        return lines.pop(0) if rest else None
    following = lines[rest[0]] if rest else None
    if looks_like_title(lines[0], following, adjacent=bool(rest) and rest[0] == 1):
        return lines.pop(0)
    return None

"""Numbers written in digits or words: "8,500", "1.5 million", "twenty-three", "Eighty".

Spelled-out numbers go through text2num (offline); the scale words and vague quantities live in
``data/amounts/lexicon.yaml``. A shared NLP helper: the time grammar ("for twenty years") and the amount
extractor both read numbers with it, so neither stage imports the other.
"""

from __future__ import annotations

import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "bn": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12}
_WORD = r"(?:" + "|".join(_UNITS) + r")(?:-(?:" + "|".join(_UNITS[1:10]) + r"))?"
#: A number in words: "twenty-three", "five hundred", "one hundred and twenty".
WORDS = rf"{_WORD}(?:\s+(?:and\s+)?(?:{_WORD}|hundred|thousand))*"
#: A number in digits, optionally with a decimal part and a scale: "8,500", "1.5 million", "2bn".
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|m|k)\b)"
#: Any number, digits or words (compile with re.IGNORECASE).
NUMBER = rf"(?:(?:{DIGITS}){SCALE}?|(?:{WORDS})(?:\s+(?:million|billion|trillion))?)"


def parse_number(text: str) -> float | None:
    """The value of a number phrase, or None: '1.5 million' → 1500000.0, 'Eighty' → 80.0."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]+)?", t)
    if m:
        scale = _SCALES.get(m[2] or "", None) if m[2] else 1.0
        return float(m[1]) * scale if scale is not None else None
    words = t.replace("-", " ").split()
    scale = 1.0
    while words and words[-1] in ("million", "billion", "trillion") and len(words) > 1:
        scale *= _SCALES[words.pop()]
    try:
        from text_to_num import text2num

        return float(text2num(" ".join(words), "en")) * scale
    except (ValueError, IndexError):
        return None

"""Find web boilerplate lines in article text by their shape, not by a per-outlet list.

Why: trafilatura's duplicate filter ignores lines under 100 characters, and text dumps carry
calls to action ("Download the France 24 app", "CLICK HERE TO GET THE FOX NEWS APP"), store
badges, newsletter blurbs and share bars. A line is boilerplate when several weak signals agree:
it is short, does not end like a sentence, addresses the reader, opens with an imperative,
is shouted in capitals, looks like a file name, or names a boilerplate thing (app, newsletter).
Trailing runs of such lines after the last prose paragraph are dropped as a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from barometer.data import DataFile, load_data

#: A word in any alphabet (Latin, Cyrillic, Greek, Arabic...): counting only ASCII letters made every
#: paragraph in another script "too short to be prose", so short non-English articles vanished.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*")
#: Scripts written without spaces (CJK): two characters count as one word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2}")
_FILE_LIKE = re.compile(r"^[\w.-]*[_][\w.-]*$|\.(png|jpe?g|svg|gif|webp)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»’)\]。！？؟।]\s*$")


def _words(s: str) -> list[str]:
    return _WORD.findall(s) + _UNSPACED.findall(s)


class BoilerplateFile(DataFile):
    """``data/clean/boilerplate.yaml``."""

    cta_verbs: list[str]
    cta_words: list[str]
    first_person_cta: list[str]
    wire_agencies: dict[str, list[str]]


@dataclass(frozen=True)
class Lexicon:
    cta_verbs: frozenset[str]
    cta_words: tuple[str, ...]
    buttons: frozenset[str]
    wire: dict[str, tuple[str, ...]]
    #: ``cta_words`` as whole-word patterns, compiled once (not per line and word).
    cta_patterns: tuple[re.Pattern[str], ...] = ()

    @cached_property
    def cta_any(self) -> re.Pattern[str]:
        """Any of ``cta_words``: one search tells most lines (prose) that none of the patterns can hit,
        instead of one search per word and line (≈ half the cleaning CPU, bench/stage_cpu.py)."""
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in self.cta_words) + r")\b")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_data("clean/boilerplate.yaml", BoilerplateFile)
    return Lexicon(
        cta_verbs=frozenset(raw.cta_verbs),
        cta_words=tuple(raw.cta_words),
        buttons=frozenset(raw.first_person_cta),
        wire={k: tuple(v) for k, v in raw.wire_agencies.items()},
        cta_patterns=tuple(re.compile(rf"\b{re.escape(w)}\b") for w in raw.cta_words),
    )


def boilerplate_score(line: str) -> float:
    """A score >= 1.0 means the line is boilerplate. Prose sentences score well below it."""
    s = line.strip()
    if not s:
        return 0.0
    lex = lexicon()
    low = s.lower()
    words = _words(s)
    n = len(words)
    ends_like_sentence = bool(_SENTENCE_END.search(s))
    score = 0.0
    if low.rstrip("!.") in lex.buttons:
        return 2.0
    if _FILE_LIKE.search(s) and " " not in s:
        return 2.0
    if n and sum(w.isupper() and len(w) > 1 for w in words) / n > 0.8 and n >= 3 and not s.endswith("."):
        score += 0.7  # shouted promo or related-story link
    if words and words[0].lower() in lex.cta_verbs:
        score += 0.4
    hits = sum(1 for rx in lex.cta_patterns if rx.search(low)) if lex.cta_any.search(low) else 0
    score += min(hits, 2) * 0.35
    if re.search(r"\b(you|your|yours)\b", low):
        score += 0.3
    if not ends_like_sentence:
        score += 0.3
    elif s.endswith("!"):
        score += 0.2
    if n <= 12:
        score += 0.2
    if n > 30:
        score -= 0.8
    return score


def is_boilerplate(line: str) -> bool:
    return boilerplate_score(line) >= 1.0


def is_prose(line: str) -> bool:
    """A paragraph of article prose: ends like a sentence and has a few words."""
    s = line.strip()
    return bool(_SENTENCE_END.search(s)) and len(_words(s)) >= 6 and not is_boilerplate(s)


def wire_credit(line: str) -> list[str] | None:
    """Agencies credited by a line such as 'With AFP', '(Reuters)', 'AFP/Reuters', else None."""
    s = line.strip().strip("()[]—–-").strip()
    if not s or len(s) > 60:
        return None
    m = re.fullmatch(r"(?i)(?:with|by|source[s]?:?|from|\(c\)|©)?\s*(.+?)\s*(?:contributed.*|reporting)?\.?", s)
    body = m.group(1) if m else s
    parts = [p.strip() for p in re.split(r"\s*(?:/|,|\band\b|&|\+|with)\s*", body) if p.strip()]
    found: list[str] = []
    for part in parts:
        agency = next((k for k, names in lexicon().wire.items()
                       if any(part.lower() == name.lower() for name in names)), None)
        if agency is None:
            return None
        found.append(agency)
    return found or None

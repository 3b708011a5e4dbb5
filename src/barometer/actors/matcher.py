"""PhraseMatchers over the KB, built once per vocabulary.

Two matchers: names and aliases are case-sensitive (ORTH: "US" is the country, "us" is not), role
words and sector nouns are case-insensitive (LOWER: "the British Prime Minister", "the prime
minister"). Match ids are the alias strings, prefixed ``A:`` (alias), ``K:`` (role word), ``S:``
(sector noun) or ``G:`` (group noun), so a hit maps straight back to the KB index without a loop over the KB.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from barometer.actors.kb import KB, load_kb

_TOKEN = re.compile(r"\w+(?:[-.'’]\w+)*\.?|[^\w\s]")


def words(text: str) -> list[str]:
    """Split an alias the way spaCy's English tokenizer splits it for the common cases."""
    out: list[str] = []
    for w in _TOKEN.findall(text):
        # spaCy splits hyphens inside words ("Kosiniak-Kamysz" -> 3 tokens) and possessive 's.
        if re.search(r"[^\W\d_]-[^\W\d_]", w):  # spaCy splits hyphens between letters only ("G-7" stays)
            parts = w.split("-")
            for i, p in enumerate(parts):
                if p:
                    out.append(p)
                if i < len(parts) - 1:
                    out.append("-")
        elif len(w) > 2 and w[-2:] in ("'s", "’s"):
            out += [w[:-2], w[-2:]]  # "People's" -> People 's, as spaCy splits it
        else:
            out.append(w)
    return out


@dataclass
class Matchers:
    aliases: PhraseMatcher
    roles: PhraseMatcher


_cache: dict[int, tuple[Vocab, Matchers]] = {}
_lock = threading.Lock()


def get_matchers(vocab: Vocab, kb: KB | None = None) -> Matchers:
    """The matchers for this vocab (built on first use; the vocab object is kept alive as the key)."""
    key = id(vocab)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] is vocab:
            return hit[1]
        kb = kb or load_kb()
        aliases = PhraseMatcher(vocab, attr="ORTH")
        for text in kb.aliases:
            variants = {tuple(words(text))}
            aliases.add("A:" + text, [Doc(vocab, words=list(v)) for v in variants if v])
        roles = PhraseMatcher(vocab, attr="LOWER")
        for text in kb.role_words:
            roles.add("K:" + text, [Doc(vocab, words=[w.lower() for w in words(text)])])
        for text in kb.sector_nouns:
            roles.add("S:" + text, [Doc(vocab, words=[w.lower() for w in words(text)])])
        for text in kb.group_nouns:
            roles.add("G:" + text, [Doc(vocab, words=[w.lower() for w in words(text)])])
        m = Matchers(aliases, roles)
        _cache[key] = (vocab, m)
        return m

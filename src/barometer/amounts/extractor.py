"""First amount extractor: spaCy CARDINAL/QUANTITY/MONEY entities with qualifier and counted noun."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from barometer.layers import ActorLayer
from barometer.model import Amount
from barometer.registry import register

_QUALIFIERS = {"more than": "low", "over": "low", "at least": "low", "nearly": "high", "almost": "high",
               "up to": "high", "fewer than": "high", "less than": "high", "about": "approx",
               "around": "approx", "some": "approx", "roughly": "approx"}
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def _value(text: str) -> float | None:
    t = text.replace(",", "").strip()
    scale = 1.0
    for word, mult in (("million", 1e6), ("billion", 1e9), ("thousand", 1e3)):
        if t.endswith(word):
            t, scale = t[: -len(word)].strip(), mult
    if _NUMBER.match(t):
        return float(t) * scale
    return None


@register("amount_extractor", "barometer.amount_extractor.v1")
def extract_amounts(doc: Doc, actors: ActorLayer) -> list[Amount]:
    out: list[Amount] = []
    for ent in doc.ents:
        if ent.label_ not in ("CARDINAL", "QUANTITY", "MONEY"):
            continue
        words = [t for t in ent if not t.is_punct]
        qualifier = None
        low_text = ent.text.lower()
        for q in _QUALIFIERS:
            if low_text.startswith(q + " "):
                qualifier = q
        number_text = ent.text[len(qualifier) + 1:] if qualifier else ent.text
        value = _value(number_text)
        if value is None or not words:
            continue
        head = ent.root.head if ent.root.dep_ == "nummod" else None
        what = None
        start, end = ent.start_char, ent.end_char
        actor = None
        if head is not None and head.i >= ent.end:
            mods = [t for t in head.lefts if t.i >= ent.end and t.dep_ in ("amod", "compound")]
            first = mods[0] if mods else head
            what = doc[first.i: head.i + 1].text
            actor = actors.actor_at(first.idx, head.idx + len(head.text))
        kind = _QUALIFIERS.get(qualifier or "")
        out.append(Amount(text=ent.text, value=value, low=value if kind == "low" else None,
                          high=value if kind == "high" else None,
                          unit="USD" if ent.label_ == "MONEY" and "$" in ent.text else None, what=what,
                          actor=actor, qualifier=qualifier, start=start, end=end))
    return out

"""Amount extractor: numbers with their unit, approximation, counted noun and owner.

A small grammar over the clean text (lexicon in ``data/amounts/lexicon.yaml``) finds numbers in
digits or words ("8,500", "1.5 million", "$2bn", "Eighty"), vague quantities ("a dozen", "tens of
thousands") and the approximation before them ("more than 100,000" → low 100000, value 100000,
qualifier "more than"). The parse then gives what is counted — the noun the number modifies or
the noun after "of" ("Russian troops", "natural gas"), with "killed"/"wounded"... appended when it
is the object of a casualty verb ("civilians killed") — and the actor: an actor mention inside the
counted phrase ("Russian troops" → Russia) or the subject of the verb the counted noun is the
object of ("The United States has placed 8,500 soldiers" → USA).

Not amounts: years, dates and durations (the time grammar claims them), numbers in names
("Nord Stream 2", "G7", "France 24"), ages after a name ("Smith, 45,"), ordinals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import Field
from spacy.tokens import Doc, Span, Token

from barometer.data import DataFile, Strict, load_data
from barometer.layers import ActorLayer, Layers
from barometer.model import Amount
from barometer.nlp import doc_text
from barometer.nlp.numbers import NUMBER, parse_number
from barometer.registry import register


class Qualifier(Strict):
    id: str
    text: str
    kind: Literal["low", "high", "approx"]


class VagueQuantity(Strict):
    id: str
    text: str
    value: int | float | None = None
    low: int | float | None = None
    high: int | float | None = None


class UnitSpec(Strict):
    id: str
    forms: list[str] = Field(min_length=1)
    unit: str
    prefix: bool = False


class AmountLexiconFile(DataFile):
    """``data/amounts/lexicon.yaml``."""

    qualifiers: list[Qualifier]
    vague: list[VagueQuantity]
    units: list[UnitSpec]
    victims: dict[str, str]
    tolls: dict[str, str]


@dataclass(frozen=True)
class _Lex:
    qualifiers: dict[str, str]
    vague: dict[str, dict]
    units: dict[str, str]
    prefix_units: dict[str, str]
    victims: dict[str, str]
    tolls: dict[str, str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    raw = load_data("amounts/lexicon.yaml", AmountLexiconFile)
    quals = {q.text: q.kind for q in raw.qualifiers}
    vague = {v.text: v.model_dump(exclude_unset=True) for v in raw.vague}
    units = {f.lower(): u.unit for u in raw.units if not u.prefix for f in u.forms}
    prefix = {f: u.unit for u in raw.units if u.prefix for f in u.forms}

    def alt(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    unit_alt = alt(units)
    pattern = re.compile(
        rf"(?:\b(?P<q>{alt(quals)})\s+)?"
        rf"(?:(?P<vague>\b(?:{alt(vague)})\b)|"
        rf"(?P<cur>{alt(prefix)})?\s?(?P<num>(?<![\w.-]){NUMBER})\b(?![\w-]*\d)"
        rf"(?:\s?(?P<unit>{unit_alt})(?!\w))?)",
        re.I)
    return _Lex(quals, vague, units, prefix, raw.victims, raw.tolls, pattern)


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _in_name(doc: Doc, span: Span) -> bool:
    """'Nord Stream 2', 'France 24', 'Smith, 45,': a number that belongs to a name."""
    first = span[0]
    if first.i > 0:
        prev = doc[first.i - 1]
        if prev.pos_ == "PROPN" and prev.is_title and not prev.is_sent_start and prev.whitespace_:
            return True
        if prev.text == "," and first.i > 1 and doc[first.i - 2].ent_type_ == "PERSON" and span.end < len(doc) \
                and doc[span.end].text == ",":
            return True
    return any(t.ent_type_ in ("ORG", "PRODUCT", "FAC", "EVENT", "LAW", "WORK_OF_ART", "ORDINAL") for t in span
               if t.like_num)


class _NounChunks:
    """The Doc's noun chunks as (start, end, root index), found at most once per call of the stage:
    ``_counted`` used to walk ``doc.noun_chunks`` afresh for every number, which made the amount
    stage quadratic in article length."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._chunks: list[tuple[int, int, int]] | None = None

    def __iter__(self):  # noqa: ANN204 - iterator of (start, end, root index)
        if self._chunks is None:
            self._chunks = [(c.start, c.end, c.root.i) for c in self.doc.noun_chunks]
        return iter(self._chunks)


def _counted(doc: Doc, span: Span, chunks: _NounChunks) -> tuple[Token | None, int]:
    """The counted noun ("8,500 soldiers", "tens of thousands of students") and where its phrase starts."""
    last = span[-1]
    if last.dep_ in ("nummod", "quantmod", "compound") and last.head.i >= span.end and last.head.pos_ in ("NOUN", "PROPN"):
        head = last.head
        return head, span.end
    j = span.end
    if j < len(doc) and doc[j].lower_ == "of":
        j += 1
    for c_start, c_end, c_root in chunks:
        if c_start <= j < c_end and c_root >= j:
            return doc[c_root], j
    if j < len(doc) and doc[j].pos_ == "NOUN":
        return doc[j], j
    return None, j


def _phrase(doc: Doc, head: Token, start: int) -> Span:
    left = head.i
    for t in reversed(list(head.lefts)):
        if t.i >= start and t.dep_ in ("amod", "compound", "nmod", "npadvmod") and t.i == left - 1:
            left = t.i
    while left > start and doc[left - 1].dep_ in ("amod", "compound") and doc[left - 1].head.i >= left:
        left -= 1
    return doc[left: head.i + 1]


def _verb_role(tok: Token) -> tuple[Token | None, str]:
    """The verb governing a noun and the noun's role: ('dobj' | 'nsubj' | 'nsubjpass' | ...)."""
    t = tok
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
        return t.head.head, "pobj"
    if t.head.pos_ in ("VERB", "AUX"):
        return t.head, t.dep_
    return None, ""


def _subject_actor(verb: Token, actors: ActorLayer) -> str | None:
    v = verb
    while not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) and v.dep_ in ("conj", "xcomp") \
            and v.head != v:
        v = v.head
    for c in v.children:
        if c.dep_ == "nsubj":
            sub = doc_span(c)
            return actors.actor_at(sub.start_char, sub.end_char)
    return None


def doc_span(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i: tok.right_edge.i + 1] if tok.right_edge.i - tok.left_edge.i < 8 \
        else tok.doc[tok.i: tok.i + 1]


@register("amount_extractor", "barometer.amount_extractor.v1", requires=("actors", "times"), assigns="amounts")
def amount_stage(doc: Doc, layers: Layers) -> list[Amount]:
    """The v1 amount stage: numbers outside the ranges the time stage claimed (dates, years, durations)."""
    return extract_amounts(doc, layers.actors, layers.times.claimed())


def extract_amounts(doc: Doc, actors: ActorLayer, blocked: list[tuple[int, int]]) -> list[Amount]:
    """Amounts in ``doc``; ``blocked`` are character ranges that hold no amount (the time expressions)."""
    lx = lexicon()
    text = doc_text(doc)
    chunks = _NounChunks(doc)
    out: list[Amount] = []
    for m in lx.pattern.finditer(text):
        num_start = m.start("vague") if m["vague"] else m.start("cur") if m["cur"] else m.start("num")
        num_end = m.end("vague") if m["vague"] else m.end("num")
        if any(s < num_end and num_start < e for s, e in blocked):
            continue
        span = _tokens(doc, num_start, num_end)
        if span is None:
            continue
        qualifier = m["q"].lower() if m["q"] else None
        qspan = _tokens(doc, m.start("q"), m.end("q")) if m["q"] else None
        if qspan is not None and qspan[0].dep_ == "prt":
            qualifier = None  # "handed over 700 kg": a particle of the verb, not an approximation
        kind = lx.qualifiers.get(qualifier or "")
        unit = lx.prefix_units.get(m["cur"]) if m["cur"] else None
        if m["unit"]:
            unit = lx.units.get(m["unit"].lower(), unit)
        value = low = high = None
        if m["vague"]:
            v = lx.vague[m["vague"].lower()]
            value, low, high = v.get("value"), v.get("low"), v.get("high")
        else:
            raw = m["num"]
            if _in_name(doc, span):
                continue
            value = parse_number(raw)
            if value is None:
                continue
            if raw[0].isalpha():
                last = span[-1]
                nxt = doc[span.end] if span.end < len(doc) else None
                # A spelled number must count something: "two soldiers", "killing one person".
                if not (last.dep_ in ("nummod", "dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj")
                        or (nxt is not None and nxt.lower_ == "of" and raw.lower() != "one")) \
                        or (raw.lower() == "one" and nxt is not None and nxt.lower_ == "of"):
                    continue
        if kind == "low":
            low = value
        elif kind == "high":
            high = value
        end = m.end("unit") if m["unit"] else num_end
        start = m.start("q") if qualifier else num_start
        span = _tokens(doc, num_start, end) or span
        head, phrase_start = _counted(doc, span, chunks)
        what = None
        actor = None
        victim = None
        if head is not None:
            phrase = _phrase(doc, head, phrase_start)
            what = phrase.text
            actor = actors.actor_at(phrase.start_char, phrase.end_char)
            verb, role = _verb_role(head)
        else:
            verb, role = _verb_role(span.root)
        if verb is not None and role in ("dobj", "nsubjpass", "nsubj"):
            lemma = verb.lemma_.lower()
            if lemma in lx.victims and (role != "nsubj" or lemma == "die"):
                victim = lx.victims[lemma]
            elif role == "dobj" and actor is None:
                actor = _subject_actor(verb, actors)
        if victim:
            what = f"{what} {victim}" if what else victim
        out.append(Amount(text=text[start:end], value=value, low=low, high=high, unit=unit, what=what,
                          actor=actor, qualifier=qualifier, start=start, end=end))
    return out

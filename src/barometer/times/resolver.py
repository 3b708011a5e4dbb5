"""Time resolver: every time expression, resolved against the publication date by tense.

Our own grammar (patterns built from ``data/times/lexicon.yaml`` and ``data/times/relative.yaml``)
finds the expressions; the resolver places them on the calendar. Why not dateparser directly: with
the publication date as reference it resolves "on Friday" correctly, but its prefer-past setting
sends it a week back, "will meet on Monday" goes to the previous Monday and "20 years" becomes a
date. Here:

- weekdays go to the past by default (Wednesday in an article of Friday 2022-01-28 → 2022-01-26,
  the same day for "on Friday"), to the future when the governing clause is future ("will meet on
  Monday", "a meeting on Monday" → 2022-01-31); "last"/"next" force the direction;
- "Friday, January 28" takes the year that makes the weekday right, else the year that puts the
  date nearest the publication date; "last March" is the most recent March before this month;
- "for 20 years", "a 24-hour strike", "12 days of battles" are durations (role ``duration``,
  value ISO 8601 ``P20Y``), never dates; "the 1997 borders" is a year used as a reference (role
  ``reference``); "two weeks ago" → the ISO week, "next month" → ``2022-02``, "in the coming days"
  → an interval ``2022-01-29/2022-02-04``.

Values: ``YYYY-MM-DD`` (granularity day), ``YYYY-Www`` (week), ``YYYY-MM`` (month), ``YYYY``
(year), ``start/end`` (interval), ``PnU`` (duration).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from barometer.data import DataFile, Strict, load_data
from barometer.layers import Layers, TimeLayer
from barometer.model import TimeRef
from barometer.nlp import doc_text
from barometer.nlp.numbers import NUMBER, parse_number
from barometer.nlp.syntax import clause_head
from barometer.registry import register

_UNIT_RE = r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|decades?)"


class TimeLexiconFile(DataFile):
    """``data/times/lexicon.yaml``."""

    weekdays: list[str]
    months: list[str]
    month_abbreviations: dict[str, int]
    day_parts: list[str]
    units: dict[str, str]
    future_auxiliaries: list[str]
    future_verbs: list[str]
    request_verbs: list[str]
    future_nouns: list[str]
    future_modifiers: list[str]


class RelativeSpec(Strict):
    id: str
    pattern: str
    unit: Literal["day", "week", "month", "year", "interval"]
    offset: int | None = None
    interval: list[int] | None = None


class RelativeFile(DataFile):
    """``data/times/relative.yaml``."""

    expressions: list[RelativeSpec]


@dataclass(frozen=True)
class _Lex:
    weekdays: list[str]
    months: list[str]
    abbrev: dict[str, int]
    parts: list[str]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    future_nouns: frozenset[str]
    future_mods: frozenset[str]
    request_verbs: frozenset[str]
    relative: list[tuple[str, re.Pattern[str], dict]]


#: A preposition right before "May" makes it the month, not the modal verb.
_MONTH_PREP = re.compile(r"\b(?:in|since|by|until|till|during|through|from|before|after|of|to)\s+$", re.I)


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    lex = load_data("times/lexicon.yaml", TimeLexiconFile)
    rel = [r.model_dump(exclude_unset=True) for r in load_data("times/relative.yaml", RelativeFile).expressions]
    return _Lex(lex.weekdays, lex.months, lex.month_abbreviations, lex.day_parts,
                frozenset(lex.future_auxiliaries), frozenset(lex.future_verbs),
                frozenset(lex.future_nouns), frozenset(lex.future_modifiers), frozenset(lex.request_verbs),
                [(r["id"], re.compile(rf"\b(?:{r['pattern']})\b", re.I), r) for r in rel])


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    wd = "|".join(lx.weekdays)
    month = "|".join(lx.months) + "|" + "|".join(rf"{a}\.?" for a in lx.abbrev)
    part = "|".join(lx.parts)
    num = NUMBER
    return {
        "iso": re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        "mdy": re.compile(rf"\b(?:(?:on\s+)?(?P<wd>{wd}),?\s+)?(?P<month>{month})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                          rf"\b(?:,?\s+(?P<year>\d{{4}})\b)?"),
        "dmy": re.compile(rf"\b(?:(?:on\s+)?(?P<wd>{wd}),?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                          rf"(?P<month>{month})\b(?:,?\s+(?P<year>\d{{4}})\b)?"),
        "my": re.compile(rf"\b(?:(?P<rel>last|next|this|early|mid|late)[\s-]+)?(?P<month>{'|'.join(lx.months)})"
                         rf"(?:\s+(?P<year>\d{{4}}))?\b"),
        "ago": re.compile(rf"\b(?P<num>{num}|a|an)\s+{_UNIT_RE}\s+ago\b", re.I),
        "in_n": re.compile(rf"\bin\s+(?P<num>{num}|a|an)\s+{_UNIT_RE}(?:'s)?(?:\s+time)?\b", re.I),
        "past_n": re.compile(rf"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?P<num>{num})\s+{_UNIT_RE}\b", re.I),
        "dur_adj": re.compile(rf"\b(?P<num>{num})-(?P<unit>year|month|week|day|hour|minute)\b", re.I),
        "dur": re.compile(rf"\b(?P<q>(?:for|during|after|within|over)\s+(?:(?:more than|nearly|about|almost|some|"
                          rf"at least|over|around)\s+)?)?(?P<num>{num}|several|a few)\s+{_UNIT_RE}\b", re.I),
        "weekday": re.compile(rf"\b(?:(?P<prep>on|last|next|this|late|early)\s+)?(?P<wd>{wd})\b"
                              rf"(?:\s+(?P<part>{part}))?"),
        "year": re.compile(r"\b(?:(?P<prep>in|since|by|until|before|after|from|of|during)\s+)?(?P<y>(?:1[89]|20)\d\d)\b"
                           r"(?!s\b|-\d|,\d)"),
    }


# ---------------------------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------------------------



def is_future(span: Span) -> bool:
    """Whether the clause governing ``span`` speaks of the future.

    "will/shall/must meet on Monday", "plans to meet on Monday", "a meeting on Monday" (a planned
    event noun, unless its clause is plainly past), "the upcoming talks on Monday".
    """
    lx = lexicon()
    root = span.root
    verb = clause_head(root)
    # The noun the expression hangs on: "a meeting on Monday", "the summit next week" — unless the
    # clause is plainly past ("during his visit on Monday, Xi praised Putin").
    past = _past(verb)
    t = root.head
    while t.pos_ not in ("VERB", "AUX") and t.head != t:
        if any(c.lower_ in lx.future_mods for c in t.children) or (t.lemma_.lower() in lx.future_nouns and not past):
            return True
        t = t.head
    if verb.lemma_.lower() in lx.future_verbs:
        return True
    if verb.lemma_.lower() in lx.request_verbs:
        # "calling for a meeting on Monday": the time follows a planned-event noun the verb asks for.
        for tok in span.doc[verb.i + 1: root.i]:
            if tok.lemma_.lower() in lx.future_nouns and clause_head(tok) == verb:
                return True
    for v in (verb, verb.head if verb.dep_ in ("xcomp", "advcl", "ccomp", "conj") else None):
        if v is None:
            continue
        kids = list(v.children)
        if any(k.lower_ in lx.future_aux and k.dep_ in ("aux", "auxpass") for k in kids):
            return True
        if any(k.lower_ == "going" for k in kids) and any(k.lower_ == "to" for k in kids):
            return True
        if v != verb and v.lemma_.lower() in lx.future_verbs | lx.request_verbs and verb.dep_ == "xcomp":
            return True
    return False


def _past(verb: Token) -> bool:
    """Whether a clause verb is in a past tense: "praised", "was", "has met", "had begun"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(verb.children)
    if any(k.dep_ in ("aux", "auxpass") and k.lower_ in lexicon().future_aux for k in kids):
        return False
    if verb.tag_ == "VBD" or any(k.dep_ in ("aux", "auxpass") and k.tag_ == "VBD" for k in kids):
        return True
    return verb.tag_ == "VBN" and any(k.dep_ == "aux" and k.lemma_ == "have" for k in kids)


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic
# ---------------------------------------------------------------------------------------------

def weekday_date(published: dt.date, weekday: str, future: bool, prep: str | None) -> dt.date:
    target = [w.lower() for w in lexicon().weekdays].index(weekday.lower())
    if prep == "next" or (future and prep not in ("last", "this")):
        ahead = (target - published.weekday()) % 7  # "will meet on Monday" in a Monday paper: today
        return published + dt.timedelta(days=ahead or (7 if prep == "next" else 0))
    back = (published.weekday() - target) % 7
    if prep == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def add_months(d: dt.date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month_number(name: str) -> int:
    lx = lexicon()
    key = name.rstrip(".").capitalize()
    for i, m in enumerate(lx.months, 1):
        if m == key:
            return i
    return lx.abbrev[key]


def _day_value(published: dt.date | None, month: int, day: int, year: int | None, weekday: str | None) -> str | None:
    if year is None and published is not None:
        options = [published.year - 1, published.year, published.year + 1]
        valid = []
        for y in options:
            try:
                valid.append(dt.date(y, month, day))
            except ValueError:
                continue
        if weekday:
            idx = [w.lower() for w in lexicon().weekdays].index(weekday.lower())
            matching = [d for d in valid if d.weekday() == idx]
            valid = matching or valid
        if not valid:
            return None
        return min(valid, key=lambda d: abs((d - published).days)).isoformat()
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _unit(word: str) -> str:
    return word.lower().rstrip("s")


def _count(text: str) -> float | None:
    t = text.lower()
    if t in ("a", "an"):
        return 1.0
    if t in ("several", "a few"):
        return None
    return parse_number(t)


def duration_value(n: float | None, unit: str) -> str | None:
    if n is None:
        return None
    if unit == "decade":
        n, unit = n * 10, "year"
    amount = int(n) if float(n).is_integer() else n
    designator = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M"}[unit]
    return f"PT{amount}{designator}" if unit in ("hour", "minute") else f"P{amount}{designator}"


def shift(published: dt.date, unit: str, n: int) -> tuple[str, str]:
    """The calendar unit ``n`` units from the publication date: (value, granularity)."""
    if unit == "day":
        return (published + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return iso_week(published + dt.timedelta(weeks=n)), "week"
    if unit == "month":
        y, m = add_months(published, n)
        return f"{y}-{m:02d}", "month"
    if unit == "decade":
        return str(published.year + 10 * n), "year"
    if unit in ("hour", "minute"):
        return published.isoformat(), "day"
    return str(published.year + n), "year"


# ---------------------------------------------------------------------------------------------
# Where the unit-bound patterns can match
# ---------------------------------------------------------------------------------------------

#: Every match of the counted patterns ("two weeks ago", "for 20 years", "a 24-hour strike") and of
#: the relative rules ("last week", "yesterday", "this morning") contains one of these words.
_ANCHOR = re.compile(r"year|month|week|day|hour|minute|decade|today|tonight|tomorrow|morning|afternoon|evening|"
                     r"night", re.I)
#: How far before its anchor word such a match can start ("for more than two hundred and fifty ").
_REACH = 200
_NON_WORD = re.compile(r"\W")


def _anchor_windows(text: str) -> list[tuple[int, int]]:
    """The character ranges around anchor words, merged where they overlap.

    Why: those patterns are case-insensitive alternations tried at every word boundary; scanning the
    whole text with each of them was nearly all of the time stage's CPU (≈ 1 s per 441 articles,
    bench/stage_cpu.py), while the words they need occur in a small part of it. Scanning only these
    ranges finds exactly the same matches: a range starts ``_REACH`` characters before an anchor (no
    match is that long before its unit word), ends past the words that may follow the unit ("'s
    time", "ago"), on a non-word character so that ``\\b`` at the range's end means what it means
    in the whole text, and overlapping ranges are merged, so a match is never cut in two.
    """
    out: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(text):
        start = max(0, m.start() - _REACH)
        stop = _NON_WORD.search(text, min(len(text), m.end() + 40))
        end = stop.start() if stop else len(text)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _near_anchors(rx: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    for start, end in windows:
        yield from rx.finditer(text, start, end)


# ---------------------------------------------------------------------------------------------
# The resolver
# ---------------------------------------------------------------------------------------------

class _Found:
    def __init__(self) -> None:
        self.refs: list[TimeRef] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= r.start or start >= r.end for r in self.refs)

    def add(self, text: str, start: int, end: int, value: str | None, granularity: str | None,
            role: str = "date") -> None:
        if start < end and self.free(start, end):
            self.refs.append(TimeRef(text=text[start:end], value=value, granularity=granularity, role=role,
                                     start=start, end=end))


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _year_is_reference(doc: Doc, start: int, end: int) -> bool:
    """'the 1997 borders': a year modifying a noun names a thing; it does not date the event."""
    span = _span(doc, start, end)
    if span is None:
        return False
    tok = span.root
    return tok.dep_ in ("compound", "nummod", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") \
        and tok.head.i > tok.i


@register("time_resolver", "barometer.time_resolver.v1", requires=("article",), assigns="times")
def time_stage(doc: Doc, layers: Layers) -> TimeLayer:
    """The v1 time stage: every time expression, resolved against the publication date."""
    return TimeLayer(resolve_times(doc, layers.article.published))


def resolve_times(doc: Doc, published: dt.date | None) -> list[TimeRef]:
    text = doc_text(doc)
    pat = _patterns()
    found = _Found()
    near = _anchor_windows(text)

    for m in pat["iso"].finditer(text):
        found.add(text, m.start(), m.end(), _day_value(None, int(m["m"]), int(m["d"]), int(m["y"]), None), "day")
    for key in ("mdy", "dmy"):
        for m in pat[key].finditer(text):
            year = int(m["year"]) if m["year"] else None
            value = _day_value(published, _month_number(m["month"]), int(m["day"]), year, m["wd"])
            found.add(text, m.start(), m.end(), value, "day")
    for m in _near_anchors(pat["past_n"], text, near):
        n, unit = _count(m["num"]), _unit(m["unit"])
        value = None
        if published and n is not None and unit in ("day", "week", "month", "year"):
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * int(n)
            value = f"{(published - dt.timedelta(days=days)).isoformat()}/{published.isoformat()}"
        found.add(text, m.start(), m.end(), value, "interval")
    for m in _near_anchors(pat["ago"], text, near):
        n, unit = _count(m["num"]), _unit(m["unit"])
        value, gran = shift(published, unit, -int(n)) if published and n is not None else (None, unit)
        found.add(text, m.start(), m.end(), value, gran)
    for m in _near_anchors(pat["in_n"], text, near):
        n, unit = _count(m["num"]), _unit(m["unit"])
        span = _span(doc, m.start(), m.end())
        if span is not None and is_future(span):
            value, gran = shift(published, unit, int(n)) if published and n is not None else (None, unit)
            found.add(text, m.start(), m.end(), value, gran)
    for _rid, rx, rule in lexicon().relative:
        for m in _near_anchors(rx, text, near):
            if not published:
                found.add(text, m.start(), m.end(), None, rule["unit"])
            elif rule["unit"] == "interval":
                a, b = (published + dt.timedelta(days=d) for d in rule["interval"])
                found.add(text, m.start(), m.end(), f"{a.isoformat()}/{b.isoformat()}", "interval")
            else:
                value, gran = shift(published, rule["unit"], int(rule["offset"]))
                found.add(text, m.start(), m.end(), value, gran)
    for m in _near_anchors(pat["dur_adj"], text, near):
        found.add(text, m.start(), m.end(), duration_value(_count(m["num"]), _unit(m["unit"])), "duration",
                  role="duration")
    for m in _near_anchors(pat["dur"], text, near):
        if not m["q"] and not text.startswith(" of ", m.end()):
            continue  # "France 24 week": a bare number before a unit needs "for ..." or "... of"
        start = m.start("num") if not m["q"] or m["q"].split()[0].lower() in ("after", "over") else m.start()
        found.add(text, start, m.end(), duration_value(_count(m["num"]), _unit(m["unit"])), "duration",
                  role="duration")
    for m in pat["weekday"].finditer(text):
        prep = (m["prep"] or "").lower() or None
        value = None
        if published:
            span = _span(doc, m.start("wd"), m.end("wd"))
            future = is_future(span) if span is not None else False
            value = weekday_date(published, m["wd"], future, prep).isoformat()
        found.add(text, m.start(), m.end(), value, "day")
    for m in pat["my"].finditer(text):
        month = _month_number(m["month"])
        if m["month"] == "May" and not (m["year"] or m["rel"] or _MONTH_PREP.search(text[max(0, m.start() - 12):m.start()])):
            continue  # the modal verb ("May God help us"); "in May", "since May" are the month
        rel = (m["rel"] or "").lower()
        if m["year"]:
            value = f"{int(m['year'])}-{month:02d}"
        elif published:
            span = _span(doc, m.start("month"), m.end("month"))
            future = rel == "next" or (rel != "last" and span is not None and is_future(span))
            year = published.year
            if future and month < published.month:
                year += 1
            elif not future and (month > published.month or (rel == "last" and month == published.month)):
                year -= 1
            value = f"{year}-{month:02d}"
        else:
            value = None
        found.add(text, m.start(), m.end(), value, "month")
    for m in pat["year"].finditer(text):
        ys, ye = m.start("y"), m.end("y")
        role = "reference" if not m["prep"] and _year_is_reference(doc, ys, ye) else "date"
        start = m.start() if m["prep"] and m["prep"].lower() in ("in", "since", "by", "until") else ys
        found.add(text, start, ye, m["y"], "year", role=role)
    return sorted(found.refs, key=lambda r: r.start)

"""An event's date and place: the time expression and place that govern its clause.

Dates: the resolved time expression that governs the trigger's clause
(``TimeLayer.governing``: "rejected … on Wednesday, officials said Friday" gives the REJECT
Wednesday, not Friday), else the publication date. The expression keeps its granularity: "in 2014"
dates an event to the year 2014 (``date`` 2014-01-01, ``date_granularity`` year), "last March" to
the month, "two weeks ago" to the ISO week; an interval ("in the coming days") dates nothing.
Places: ``PlaceLayer.for_span`` (locative attachments to the trigger's clause). Both are questions
to the layers, whichever time and place stages made them.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from barometer.layers import PlaceLayer, TimeLayer

_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def period(value: str | None) -> tuple[dt.date, str] | None:
    """(first day, granularity) of a resolved time value: a day, an ISO week, a month or a year."""
    if not value or "/" in value:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value), "day"
        if m := _WEEK.fullmatch(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), "week"
        if m := _MONTH.fullmatch(value):
            return dt.date(int(m[1]), int(m[2]), 1), "month"
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), "year"
    except ValueError:
        return None
    return None


def period_end(date: dt.date, granularity: str | None) -> dt.date:
    """The last day of the period an event's date stands for."""
    if granularity == "year":
        return dt.date(date.year, 12, 31)
    if granularity == "month":
        nxt = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if granularity == "week":
        return date + dt.timedelta(days=6)
    return date


#: Clause links through which a time still governs the linked verb ("agreed to meet on Monday").
_CLIMB = ("xcomp", "conj", "advcl")
#: Links from a reported clause up to the verb that reports it ("said on Monday that ... had ...").
_REPORTED = ("ccomp", "parataxis")
#: Parts of speech a time expression's attachment may pass through on its way to what it dates.
_PASS = frozenset({"ADP", "ADV", "ADJ", "NUM", "PART", "SCONJ", "DET"})


def _clause_verb(tok: Token) -> Token:
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _chain(span: Span) -> list[Token]:
    """What a time expression hangs on, from its head up to the first verb (included)."""
    out, t = [], span.root.head
    for _ in range(12):
        out.append(t)
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    return out


def _attached(chain: list[Token], target: Token, span: Span) -> bool:
    """The expression hangs on ``target`` directly, through prepositions and modifiers only: in
    "calling for a meeting on Monday", Monday dates the meeting, not the calling."""
    if span.start <= target.i < span.end:
        return False
    for t in chain:
        if t.i == target.i:
            return True
        if t.pos_ not in _PASS and not _frame(t):
            return False
    return False


def _frame(t: Token) -> bool:
    """A noun a time may date the clause through: a time noun itself, or the frame of "during his
    visit on Monday, Xi praised Putin"."""
    return t.pos_ in ("NOUN", "PROPN") and (t.ent_type_ in ("DATE", "TIME") or (t.dep_ == "pobj" and t.head.lower_ == "during"))


#: Conjunctions of a clause that sets the time of the clause it modifies ("hours before the jet
#: crashed on Wednesday, Iran fired missiles": Wednesday).
_WHEN = frozenset({"when", "before", "after", "once"})  # not "while", "as": as often contrast or cause


def _time_clause(verb: Token, targets: set[int]) -> bool:
    """``verb`` heads a temporal clause ("when …", "before …") of one of the ``targets`` (token indices)."""
    return verb.dep_ == "advcl" and verb.head.i in targets and any(
        c.dep_ == "mark" and c.lower_ in _WHEN for c in verb.children)


def _sentence_times(tok: Token, times: TimeLayer) -> list[tuple[tuple[dt.date, str], Span, list[Token]]]:
    doc, sent = tok.doc, tok.sent
    out = []
    for t in times:
        if t.role in ("duration", "reference") or t.end <= sent.start_char or t.start >= sent.end_char:
            continue
        p = period(t.value)
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if p is not None and span is not None and span.start >= sent.start and span.end <= sent.end:
            out.append((p, span, _chain(span)))
    return out


def event_date(tokens: list[Token], times: TimeLayer, published: dt.date | None,
               others: frozenset[int] = frozenset(), reported: bool = True,
               ) -> tuple[dt.date | None, str | None, bool]:
    """(date, granularity, from the sentence?) of the event carried by ``tokens`` (trigger first, then the verb carrying it).

    In order: an expression attached to the trigger or to the verb carrying it; to a verb that
    clause is an xcomp/conj/advcl of; for a fact (``reported``: not a plan, a request or a
    condition) to the verb reporting it ("said on Monday that Iran had issued warrants": Monday);
    any other of the sentence's own expressions that hangs on a verb above the trigger ("Friday night
    was the fourth night that Serbians protested") and on no other trigger on its way (``others``:
    their token indices), the nearest; one in a temporal clause of the trigger's verbs ("before the
    jet crashed on Wednesday, Iran fired missiles": ``_WHEN``); for a fact not told in the present (``_told_present``), the
    day the article is about at that point (``_context_date``); the publication date last.
    """
    found = _sentence_times(tokens[0], times)
    if found:
        targets: list[Token] = []
        for tok in tokens:
            if tok not in targets:
                targets.append(tok)
        v = _clause_verb(tokens[-1])
        while True:
            if v not in targets:
                targets.append(v)
            if v.dep_ not in _CLIMB or v.head.i == v.i:
                break
            v = _clause_verb(v.head)
        up = v
        while reported and up.dep_ in _REPORTED and up.head.i != up.i:
            up = _clause_verb(up.head)
            targets.append(up)
        for target in targets:
            hits = [(p, span) for p, span, chain in found if _attached(chain, target, span)]
            if hits:
                return (*min(hits, key=lambda h: abs(h[1].root.i - tokens[0].i))[0], True)
        mine = {t.i for t in tokens}
        above = {t.i for t in tokens[-1].ancestors} | {tokens[-1].i}
        free = [(p, span) for p, span, chain in found if chain[-1].i in above
                and not any(t.i in others and t.i not in mine for t in chain)]
        if free:
            return (*min(free, key=lambda h: abs(h[1].root.i - tokens[0].i))[0], True)
        held = [(p, span) for p, span, chain in found if _time_clause(chain[-1], above | {t.i for t in targets})]
        if held:
            return (*min(held, key=lambda h: abs(h[1].root.i - tokens[0].i))[0], True)
    if reported and published is not None and not _told_present(tokens[-1]):
        ctx = _context_date(tokens[0], times, published)
        if ctx is not None:
            return ctx, "day", False
    return published, ("day" if published else None), False


#: Tags of finite verbs in the present ("demands", "want"), and of the auxiliaries of a present perfect.
_PRESENT = frozenset({"VBZ", "VBP"})


def _finite(tok: Token) -> Token | None:
    """The finite verb (or its first auxiliary) of the clause carrying ``tok``, climbing non-finite
    clauses ("a policy of turning away boats" → "have maintained"); None for a verbless phrase."""
    v = _clause_verb(tok)
    for _ in range(8):
        if v.pos_ not in ("VERB", "AUX"):
            return None
        aux = [c for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i]
        if aux:
            return aux[0]
        if v.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return v
        if v.head.i == v.i:
            return None
        v = _clause_verb(v.head)
    return None


def _told_present(tok: Token) -> bool:
    """The event is told in the present or present perfect, and so is every verb reporting it
    ("Ukraine demands that …", "officials have stated there is no evidence …"): the state at the
    article's publication, not at the day an earlier paragraph named."""
    f = _finite(tok)
    if f is None or f.tag_ not in _PRESENT:
        return False
    v = _clause_verb(f.head if f.dep_ in ("aux", "auxpass") else f)
    while v.dep_ in _REPORTED + _CLIMB and v.head.i != v.i:
        v = _clause_verb(v.head)
        g = _finite(v)
        if g is not None and g.tag_ not in _PRESENT:
            return False
    return True


#: How many days before publication the article's day may lie to date its undated current events
#: (dates right on the 243 type-matched train+dev gold events: 183 with 3 days, 181 with 7, 179 with
#: 14, 162 with the publication date alone).
CONTEXT_DAYS = 3


def _context_date(tok: Token, times: TimeLayer, published: dt.date) -> dt.date | None:
    """The day the article is about at this point: its latest day expression before the trigger's
    sentence, within ``CONTEXT_DAYS`` before publication ("On Wednesday, Germany said … Merkel
    demanded an explanation": Wednesday's demand), the date a current event's context gives."""
    sent = tok.sent
    best = None
    for t in times:
        if t.end <= sent.start_char and t.role not in ("duration", "reference"):
            p = period(t.value)
            if p is not None and p[1] == "day" and 0 <= (published - p[0]).days <= CONTEXT_DAYS:
                best = p[0]
    return best


def event_place(tok: Token, doc: Doc, places: PlaceLayer, taken: list[tuple[int, int]] = ()) -> str | None:
    """Name of the place the trigger's clause puts the event in, or None.

    ``taken`` are character spans of the event's source/target mentions: a country that is the
    target ("condemned Iran") is who the event is about, not where it happened.
    """
    if not places:
        return None
    name = places.for_span(tok.idx, tok.idx + len(tok.text), doc)
    if name is None or not taken:
        return name
    sent = tok.sent
    spans = [p for p in places if (p.name or p.text) == name and sent.start_char <= p.start < sent.end_char]
    if spans and all(any(p.start < e and s < p.end for s, e in taken) for p in spans):
        return None
    return name

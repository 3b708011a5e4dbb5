"""First time resolver: weekdays and explicit dates resolved against the publication date.

dateparser alone sends "on Monday" in "will meet on Monday" to the past; here the tense of the
governing verb chooses past (default) or future. Deeper coverage arrives with the times issue.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span

from barometer.model import TimeRef
from barometer.registry import register

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_EXPLICIT = re.compile(
    r"\b(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b")
_WEEKDAY = re.compile(r"\b(?:(?P<prep>on|last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
                      r"Saturday|Sunday)\b(?:\s+(?P<part>morning|afternoon|evening|night))?")


def is_future(span: Span) -> bool:
    """Whether the clause governing ``span`` is in the future (will/shall/going to/must meet...)."""
    head = span.root.head
    while head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    for tok in list(head.children) + [head]:
        if tok.lower_ in ("will", "'ll", "shall") or tok.tag_ == "MD" and tok.lower_ in ("must", "should"):
            return True
    if head.lower_ in ("upcoming", "next"):
        return True
    # "calling for a meeting on Monday": a requested or planned event lies ahead.
    return span.root.head.lemma_ in ("meeting", "summit", "talks", "visit", "trip", "vote")


def weekday_date(published: dt.date, weekday: str, future: bool, prep: str | None) -> dt.date:
    target = WEEKDAYS.index(weekday.lower())
    delta = (published.weekday() - target) % 7
    if prep == "next" or (future and prep != "last"):
        ahead = (target - published.weekday()) % 7
        return published + dt.timedelta(days=ahead or 7)
    return published - dt.timedelta(days=delta)


@register("time_resolver", "barometer.time_resolver.v1")
def resolve_times(doc: Doc, published: dt.date | None) -> list[TimeRef]:
    text = doc.text
    out: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    for m in _EXPLICIT.finditer(text):
        year = int(m["year"]) if m["year"] else (published.year if published else None)
        value = None
        if year:
            try:
                value = dt.date(year, MONTHS.index(m["month"].lower()) + 1, int(m["day"])).isoformat()
            except ValueError:
                value = None
        out.append(TimeRef(text=m.group(0), value=value, granularity="day", start=m.start(), end=m.end()))
        taken.append((m.start(), m.end()))
    for m in _WEEKDAY.finditer(text):
        if any(s <= m.start("wd") < e for s, e in taken):
            continue
        value = None
        if published:
            span = doc.char_span(m.start("wd"), m.end("wd"), alignment_mode="expand")
            future = is_future(span) if span is not None else False
            value = weekday_date(published, m["wd"], future, (m["prep"] or "").lower() or None).isoformat()
        out.append(TimeRef(text=m.group(0), value=value, granularity="day", start=m.start(), end=m.end()))
    out.sort(key=lambda t: t.start)
    return out

"""Actors from KB records, and article-local actors: ids, CAMEO-style codes, roles on a date."""

from __future__ import annotations

import datetime as dt
import re

from barometer.actors.kb import KB, Record, Term
from barometer.actors.state import Info
from barometer.model import Actor

FEMININE_ROLE = re.compile(r"woman|women|ess\b|queen", re.I)


MASCULINE_ROLE = re.compile(r"\bspokesman|chairman|king\b|congressman", re.I)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def code_for(kb: KB, qualifier: str | None, sector: str | None, secondary: str | None) -> str | None:
    """CAMEO-style code: country + primary sector + secondary (USAGOVMIL); IGO bodies keep the IGO code."""
    if qualifier is None:
        return None
    rec = kb.records.get(qualifier)
    if rec is None:
        return None
    if rec.kind != "state":
        return rec.code
    if not sector:
        return rec.code or qualifier
    return (rec.code or qualifier) + sector + (secondary or "")


def record_info(kb: KB, rec: Record, on: dt.date, prefer_kinds: tuple[str, ...] = ()) -> Info:
    if rec.kind == "person":
        return person_info(kb, rec, on, prefer_kinds)
    actor = Actor(id=rec.id, name=rec.name, kind=rec.kind, country=rec.country, sector=rec.sector, code=rec.code,
                  kb_id=rec.id)
    plural = rec.kind == "group" or rec.name.endswith("States")
    return Info(actor, plural=plural)


def person_info(kb: KB, rec: Record, on: dt.date, prefer_kinds: tuple[str, ...] = ()) -> Info:
    term = _preferred_term(kb, rec.id, on, prefer_kinds)
    country = sector = secondary = code = role = None
    kinds: tuple[str, ...] = ()
    if term is not None:
        kinds = term.kinds
        spec = kb.kinds[term.kinds[0]]
        sector, secondary = spec.sector, spec.secondary
        qual = term.country or term.org
        org = kb.records.get(term.org) if term.org else None
        if term.country:
            country = term.country
        elif org is not None and org.country:
            # a leader of a group based in one country takes its country and sector (Prigozhin RUSMIL)
            country, sector, secondary = org.country, org.sector, None
        elif term.org:
            sector, secondary = "IGO", None
        code = code_for(kb, qual, sector if term.country else None, secondary)
        role = term.title if term.active(on) else f"former {term.title}"
        if not term.active(on) and term.country and not _just_left(term, on):
            # a former office holder is an elite with no office (docs/annotation.md section 6: GBRELI)
            sector, secondary, code = "ELI", None, code_for(kb, qual, "ELI", None)
    actor = Actor(id=rec.id, name=rec.name, kind="person", country=country, sector=sector, code=code, role=role,
                  kb_id=rec.id)
    return Info(actor, gender=rec.gender, kinds=kinds)


#: A holder who left office this recently is still coded by it: an article days after a death, an
#: ouster or a hand-over reports what they did in office (Soleimani, killed on 2020-01-03, IRNMIL).
JUST_LEFT = dt.timedelta(days=31)


def _just_left(term: Term, on: dt.date) -> bool:
    return term.end is not None and term.end <= on < term.end + JUST_LEFT


def _preferred_term(kb: KB, person: str, on: dt.date, prefer: tuple[str, ...]) -> Term | None:
    if prefer:
        for t in kb.terms_by_person.get(person, []):
            if t.active(on) and set(t.kinds) & set(prefer):
                return t
    return kb.term_on(person, on)


def local_info(kb: KB, name: str, qualifier: str | None, kinds: tuple[str, ...], role: str | None,
               gender: str | None = None, id_hint: str | None = None) -> Info:
    """An article-local person, inheriting country and sector from the stated role."""
    spec = kb.kinds[kinds[0]] if kinds else None
    sector = spec.sector if spec else None
    secondary = spec.secondary if spec else None
    qrec = kb.records.get(qualifier) if qualifier else None
    country = qrec.country if qrec else None
    if qrec is not None and qrec.kind != "state":
        # an IGO's officials are IGO; a country-based non-state actor's keep its sector ("a Hamas official")
        sector, secondary = (qrec.sector or "IGO", None) if qrec.country else ("IGO", None)
    code = code_for(kb, qualifier, sector if country else None, secondary)
    aid = "local:" + (id_hint or slug(name))
    actor = Actor(id=aid, name=name, kind="person", country=country, sector=sector, code=code, role=role,
                  kb_id=None, confidence=0.8)
    if gender is None and role:
        gender = "f" if FEMININE_ROLE.search(role) else "m" if MASCULINE_ROLE.search(role) else None
    return Info(actor, gender=gender, kinds=kinds)


def kb_person(kb: KB, name: str, strong: set[str] | frozenset[str] = frozenset(),
              on: dt.date | None = None) -> Record | None:
    """The KB person a name denotes; a bare surname of a generated-table person (``strict_surnames``)
    only when their full name is in the article (``strong``): "Bush" is not McKeeva Bush. Given the
    article date ``on``, a bare surname named nowhere in full is a KB person only while in office on
    that date, as ``aliases`` reads surnames too: "a student named Wong" in 2019 is no Penny Wong."""
    bare = re.sub(r"['’]s$", "", name)
    # "XI Jinping": a word in capitals, as some outlets print surnames, read in title case
    titled = " ".join(w.capitalize() if len(w) > 1 and w.isupper() and w.isalpha() else w for w in bare.split())
    for text in dict.fromkeys((name, bare, titled)):
        for a in kb.aliases.get(text, []):
            if a.form == "surname" and a.record in kb.strict_surnames and a.record not in strong:
                continue
            if a.form == "surname" and on is not None and a.record not in strong \
                    and not any(t.active(on) for t in kb.terms_by_person.get(a.record, [])):
                continue
            if a.form in ("person", "surname"):
                return kb.records[a.record]
    return None

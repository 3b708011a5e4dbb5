"""Role phrases and epithets: "the Kremlin chief", "the world body", "the regime", "the head of the
Russian foreign ministry" resolve to the person or body the date and the article make them.

Why a pass of its own, before descriptions: an epithet is not a country and a role word side by
side ("the Kremlin chief" is no Kremlin official called chief, it is the Russian president on the
article's date), and "the world body" names no country at all. Each phrase of
``actors/epithets.yaml`` has an id, the rule of the mentions it makes (``epithet:<id>``), and one
target:

* ``record``: a KB body ("the world body" -> UN); with ``corroborate`` only in an article that names
  the body by a strong alias ("the military alliance" is NATO where NATO is named);
* ``kind`` and a country: the holder of that office on the date ("the Kremlin chief" -> the Russian
  president; no single holder on the date: an anonymous local role holder, as for descriptions);
* ``sector`` and a country: that sector of the state ("the regime" -> the government).

The country is fixed (``country: RUS``), the article's main country (``country: article``, the one
``groups.main_country`` finds, else no mention), or the qualifier in the phrase's ``{Q}`` slot: a
country, seat of power or KB person alias there ("the head of Russia's foreign ministry", "the
Assad regime": a person stands for the country of their office).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from pydantic import Field, model_validator
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from barometer.actors.groups import main_country
from barometer.actors.kb import KB, SECTORS, KBError
from barometer.actors.matcher import words
from barometer.actors.records import local_info, person_info, record_info
from barometer.actors.state import State
from barometer.data import DataFile, Strict, load_data

SLOT = "{Q}"
POSSESSIVE = ("'s", "’s")


class EpithetSpec(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    #: phrases, matched case-insensitively; at most one ``{Q}`` slot each
    words: list[str] = Field(min_length=1)
    record: str | None = None
    kind: str | None = None
    sector: str | None = None
    #: alpha-3, ``article`` (the article's main country), or None: the ``{Q}`` slot of each phrase
    country: str | None = None
    #: a ``record`` target only where the article names the record by a strong alias
    corroborate: bool = False

    @model_validator(mode="after")
    def _check(self) -> EpithetSpec:
        targets = [t for t in (self.record, self.kind, self.sector) if t]
        if len(targets) != 1:
            raise ValueError("exactly one of record, kind, sector")
        if self.sector is not None and self.sector not in SECTORS:
            raise ValueError(f"unknown sector {self.sector!r}")
        slots = [w.count(SLOT) for w in self.words]
        if any(n > 1 for n in slots):
            raise ValueError(f"at most one {SLOT} per phrase")
        if self.record is not None and (any(slots) or self.country):
            raise ValueError("a record target takes no country and no {Q} slot")
        if self.record is None and self.country is None and not all(slots):
            raise ValueError("without a country every phrase needs a {Q} slot")
        if self.country is not None and any(slots):
            raise ValueError("a fixed country and a {Q} slot exclude each other")
        return self


class EpithetsFile(DataFile):
    """``actors/epithets.yaml``: role phrases and epithets with the actor each denotes."""

    source: str
    epithets: list[EpithetSpec]


@lru_cache(maxsize=1)
def load_epithets() -> dict[str, EpithetSpec]:
    """The epithets by id, checked against the KB (kinds, records and countries must exist)."""
    from barometer.actors.kb import load_kb

    kb = load_kb()
    out: dict[str, EpithetSpec] = {}
    for e in load_data("actors/epithets.yaml", EpithetsFile).epithets:
        for ref, ok in ((e.record, e.record in kb.records), (e.kind, e.kind in kb.kinds),
                        (e.country, e.country == "article" or e.country in kb.records)):
            if ref is not None and not ok:
                raise KBError(f"actors/epithets.yaml: entry {e.id!r}: unknown {ref!r}")
        out[e.id] = e
    return out


def _phrase(text: str) -> tuple[list[str], bool, list[str]]:
    """A phrase as lower-case words left of the slot, whether the slot takes 's, and words right of it
    (a hyphen after a digit is split off, as spaCy splits "27-nation")."""
    text = re.sub(r"(?<=\d)-(?=[^\W\d_])", " - ", text)
    if SLOT not in text:
        return [w.lower() for w in words(text)], False, []
    left, right = text.split(SLOT)
    right = right.strip()
    poss = right.startswith(POSSESSIVE)
    if poss:
        right = right[2:]
    return [w.lower() for w in words(left)], poss, [w.lower() for w in words(right)]


#: match key -> (epithet id, words left of the slot, slot takes 's, words right of it, has a slot)
Parts = dict[str, tuple[str, list[str], bool, list[str], bool]]
_cache: dict[int, tuple[Vocab, PhraseMatcher, Parts]] = {}
_lock = threading.Lock()


def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, Parts]:
    """One LOWER matcher for every phrase (slotless phrases whole, slot phrases by their left and
    right parts), and the parts of each match key."""
    with _lock:
        hit = _cache.get(id(vocab))
        if hit is not None and hit[0] is vocab:
            return hit[1], hit[2]
        m = PhraseMatcher(vocab, attr="LOWER")
        parts: Parts = {}
        for e in load_epithets().values():
            for n, text in enumerate(e.words):
                left, poss, right = _phrase(text)
                key = f"{e.id}:{n}"
                parts[key] = (e.id, left, poss, right, SLOT in text)
                for side, ws in (("L", left), ("R", right)):
                    if ws:
                        m.add(f"{side}{key}", [Doc(vocab, words=ws)])
        _cache[id(vocab)] = (vocab, m, parts)
        return m, parts


def _slot_country(st: State, alias) -> str | None:  # noqa: ANN001 - kb.Alias
    rec = st.kb.records[alias.record]
    if rec.kind == "person":
        term = st.kb.term_on(rec.id, st.on)
        return term.country if term is not None else None
    return rec.country if rec.kind == "state" or alias.form == "seat" else None


def _hits(st: State, alias_at: dict) -> list[tuple[int, int, str, str | None]]:
    """(start, end, epithet id, slot country) of every phrase in the doc, longest first."""
    doc = st.doc
    m, parts = _matcher(doc.vocab)
    lefts: dict[tuple[str, int], int] = {}  # (key, end) -> start
    rights: dict[tuple[str, int], int] = {}  # (key, start) -> end
    out = []
    for mid, s, e in m(doc):
        label = doc.vocab.strings[mid]
        side, key = label[0], label[1:]
        eid, _left, _poss, _right, slotted = parts[key]
        if not slotted:
            out.append((s, e, eid, None))
        elif side == "L":
            lefts[(key, e)] = s
        else:
            rights[(key, s)] = e
    for key, (eid, left, poss, right, slotted) in parts.items():
        if not slotted:
            continue
        for qs, (qe, alias) in alias_at.items():
            start = lefts.get((key, qs)) if left else qs
            after = qe + 1 if poss and qe < len(doc) and doc[qe].text in POSSESSIVE else (None if poss else qe)
            if start is None or after is None:
                continue
            end = rights.get((key, after)) if right else after
            country = _slot_country(st, alias)
            if end is not None and country:
                out.append((start, end, eid, country))
    return sorted(out, key=lambda h: (-(h[1] - h[0]), h[0]))


#: Words before an office epithet that say the holder is not the one on the article's date.
NOT_CURRENT = frozenset({"former", "ex", "ex-", "late", "then", "future", "next", "previous", "outgoing", "deposed"})


def epithets(st: State, alias_at: dict) -> None:
    """Mentions for the epithets of ``actors/epithets.yaml`` (rule ``epithet:<id>``)."""
    specs = load_epithets()
    kb: KB = st.kb
    main: list[str | None] = []
    for s, e, eid, slot in _hits(st, alias_at):
        if not st.free(s, e) or st.doc[e - 1].dep_ == "compound":
            continue  # "the regime change" is no regime
        spec = specs[eid]
        if spec.record is not None:
            if spec.corroborate and spec.record not in st.strong:
                continue
            st.add(s, e, record_info(kb, kb.records[spec.record], st.on), f"epithet:{eid}", 0.8)
            continue
        country = slot or spec.country
        if country == "article":
            if not main:
                main.append(main_country(st, alias_at))
            country = main[0]
        if country is None:
            continue
        if spec.sector is not None:
            if e < len(st.doc) and st.doc[e].lower_ == "of":
                continue  # "on the Ukrainian side of the border" is a place
            st.add(s, e, record_info(kb, kb.sector_record(country, spec.sector), st.on), f"epithet:{eid}", 0.7)
            continue
        if any(t.lower_ in NOT_CURRENT for t in st.doc[max(0, s - 2):s]):
            continue  # "the former Russian leader" is not the holder on the date
        holders = {t.person for t in kb.holders(country, spec.kind, st.on)}
        text = st.doc[s:e].text
        if len(holders) == 1:
            info = person_info(kb, kb.records[holders.pop()], st.on, (spec.kind,))
            st.add(s, e, info, f"epithet:{eid}", 0.8)
        else:
            info = local_info(kb, text, country, (spec.kind,), text, id_hint=f"{country.lower()}-{spec.kind}")
            st.add(s, e, info, f"epithet:{eid}", 0.6)

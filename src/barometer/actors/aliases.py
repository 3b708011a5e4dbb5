"""KB aliases in the text: which reading of a hit to take (or none), and the actors of plain aliases.

Ambiguous aliases ("Georgia", "Washington") need a place/nationality NER label and are never taken
inside a PERSON entity; a weak alias needs corroboration; a bare surname needs the full name
elsewhere or a PERSON in office on the date; "pro-Russian" is a stance, not Russia.
"""

from __future__ import annotations

from spacy.tokens import Doc

from barometer.actors.kb import KB, Alias
from barometer.actors.matcher import Matchers
from barometer.actors.records import person_info, record_info
from barometer.actors.state import Info, State

#: Prepositions after which a capital is a place, not a government ("In London, ...").
LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "around", "into", "to", "towards", "toward", "via",
            "through", "over", "within", "between"}


def ent_labels(doc: Doc) -> list[str]:
    labels = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


def choose_alias(cands: list[Alias], labels: list[str], start: int, end: int, strong_records: set[str]) -> Alias | None:
    """Pick the reading of an alias hit, or abstain (None)."""
    span_labels = set(labels[start:end])
    ok: list[Alias] = []
    for a in cands:
        if a.ambiguous:
            if "PERSON" in span_labels or not span_labels & {"GPE", "NORP", "LOC", "ORG", "FAC"}:
                continue
        if a.weak and a.form != "surname" and a.record not in strong_records:
            continue
        ok.append(a)
    if not ok:
        return None
    # A corroborated weak reading ("Brussels" in an article naming the EU) beats the default one.
    weak = [a for a in ok if a.weak and a.record in strong_records]
    return weak[0] if weak else ok[0]


def find_aliases(st: State, matchers: Matchers, labels: list[str]) -> dict[int, tuple[int, Alias]]:
    """KB alias hits, one reading each (or none), non-overlapping: token start -> (end, alias)."""
    doc, kb = st.doc, st.kb
    strings = doc.vocab.strings
    raw_alias: list[tuple[int, int, list[Alias]]] = []
    for mid, s, e in matchers.aliases(doc):
        raw_alias.append((s, e, kb.aliases[strings[mid][2:]]))
    strong = {a.record for _, _, cands in raw_alias for a in cands if not a.weak and not a.ambiguous}
    st.strong = strong
    alias_at: dict[int, tuple[int, Alias]] = {}
    # "Sudesh Amman ... Amman said": a capital that is a person's surname in the article is that person
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    for s, e, cands in sorted(raw_alias, key=lambda h: (h[0], -(h[1] - h[0]))):
        if s in alias_at or (doc[s:e].text in surnames and all(a.form == "capital" for a in cands)):
            continue
        if _stance(doc, s, kb) or (s > 0 and doc[s - 1].lower_ == "ethnic"):
            continue  # "pro-Russian" is a stance, "ethnic Albanians" an ethnicity: no state
        a = choose_alias(cands, labels, s, e, strong | _act_adjective(kb, doc, s, e, cands))
        if a is None:
            continue
        if a.form == "surname" and not _surname_ok(st, a, labels, s, e, strong):
            continue
        alias_at[s] = (e, a)
    alias_at = _non_overlapping(alias_at)
    return alias_at


def _act_adjective(kb: KB, doc: Doc, s: int, e: int, cands: list[Alias]) -> set[str]:
    """A weak group adjective that says whose act a noun names is its own corroboration: "Western
    sanctions", "Western support" are the West's, in an article that never names it otherwise."""
    tok = doc[s]
    if e != s + 1 or tok.dep_ != "amod" or tok.head.pos_ != "NOUN" or tok.head.i < s \
            or tok.head.lemma_.lower() not in kb.act_nouns:
        return set()
    return {a.record for a in cands if a.weak and a.form == "igo_weak"}


def find_roles(st: State, matchers: Matchers, alias_at: dict[int, tuple[int, Alias]]) -> dict[int, tuple[int, str]]:
    """Role-word and sector-noun hits the aliases leave free: token start -> (end, ``K:``/``S:`` key)."""
    doc = st.doc
    strings = doc.vocab.strings
    role_at: dict[int, tuple[int, str]] = {}
    for mid, s, e in matchers.roles(doc):
        key = strings[mid]
        if s not in role_at or e > role_at[s][0] or (e == role_at[s][0] and key[0] == "G"):
            role_at[s] = (e, key)  # a group noun's own table wins over the sector noun of the same words
    role_at = _non_overlapping(role_at)
    # Aliases win over role words they overlap ("General Assembly").
    alias_tokens = {i for s, (e, _) in alias_at.items() for i in range(s, e)}
    role_at = {s: v for s, v in role_at.items() if not any(i in alias_tokens for i in range(s, v[0]))}
    return role_at


def _stance(doc: Doc, s: int, kb: KB) -> bool:
    """"pro-Russian", "anti-American": the alias at s follows a stance prefix and a hyphen."""
    return s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ in kb.stance_prefixes


def _non_overlapping(hits: dict[int, tuple[int, object]]) -> dict:
    """Longest hits first, then leftmost; drop any hit overlapping one already kept."""
    out: dict = {}
    used: set[int] = set()
    for s in sorted(hits, key=lambda s: (-(hits[s][0] - s), s)):
        e = hits[s][0]
        if any(i in used for i in range(s, e)):
            continue
        out[s] = hits[s]
        used.update(range(s, e))
    return dict(sorted(out.items()))


def _surname_ok(st: State, a: Alias, labels: list[str], s: int, e: int, strong: set[str]) -> bool:
    """A bare surname is the KB person only if named in full elsewhere, or a PERSON in office on the date;
    never after another given name ("Andrew Johnson" is not Boris Johnson)."""
    prev = st.doc[s - 1] if s > 0 else None
    if prev is not None and labels[s - 1] == "PERSON" and prev.pos_ == "PROPN" and prev.is_title \
            and prev.lower_ not in st.kb.role_words and prev.text not in st.kb.honorifics:
        return False
    if a.record in strong:
        return True
    if a.record in st.kb.strict_surnames or "PERSON" not in labels[s:e]:
        return False
    return any(t.active(st.on) for t in st.kb.terms_by_person.get(a.record, []))


#: Nouns after a news outlet that make it a credit for a journalist ("an AFP correspondent said").
CREDIT_NOUNS = frozenset({"correspondent", "reporter", "journalist", "photographer", "photojournalist"})


def _wire_credit(doc: Doc, s: int, e: int) -> bool:
    """"…, Reuters reports." / "an AFP correspondent said": the outlet credits the article's own report
    (as the clean stage's ``wire`` does), it is not a party: no actor."""
    if e < len(doc) and doc[e].lower_ in CREDIT_NOUNS:
        return True
    head = doc[s:e].root
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ not in ("report", "say") or verb.i < s:
        return False
    after = [t for t in doc[verb.i + 1:verb.sent.end] if not t.is_punct]
    return not after and s > verb.sent.start and doc[s - 1].text == ","


def plain_aliases(st: State, alias_at: dict) -> None:
    doc, kb = st.doc, st.kb
    for s, (e, a) in sorted(alias_at.items()):
        if not st.free(s, e):
            continue
        rec = kb.records[a.record]
        if a.form in ("capital", "seat"):
            prev = doc[s - 1].lower_ if s > 0 else ""
            if a.form == "capital" and prev in LOCATIVE:
                continue  # "In London, ..." is a place
            info = record_info(kb, kb.sector_record(a.record, a.sector), st.on)
            st.add(s, e, info, "capital_metonym" if a.form == "capital" else "seat_of_power")
            continue
        if rec.sector == "MED" and _wire_credit(doc, s, e):
            continue
        if rec.kind == "person":
            st.add(s, e, person_info(kb, rec, st.on), "alias:person" if a.form == "person" else "alias:surname",
                   1.0 if a.form == "person" else 0.8)
            continue
        info = record_info(kb, rec, st.on)
        if a.form == "people":
            info = Info(info.actor, plural=True)
        conf = 0.7 if a.ambiguous else 0.8 if a.weak else 1.0
        st.add(s, e, info, f"alias:{a.form}", conf)

"""Resolve every mention of a political actor to a stable actor record, as of the article's date.

Steps (one pass each, no loop over the KB):
1. two PhraseMatchers find KB aliases (case-sensitive) and role words / sector nouns (lower case);
2. adjacent hits compose into descriptions: ``[the] <country|seat|IGO> ['s] <role> [Name]``,
   ``<role> of <country|IGO> [Name]``, ``<role> <Name>`` and ``<country> <sector noun>``;
   a description without a name is looked up among the office holders on the article date
   ("the American president" on 2022-01-28 -> Joe Biden);
3. remaining aliases become states, governments (capitals, seats of power), IGOs or KB people;
   spaCy PERSON entities not in the KB become article-local people;
4. coreference (``barometer.actors.coref``) adds pronouns and "the president"-style mentions.

Every mention names the rule that produced it. Ambiguous aliases ("Georgia", "Washington")
need a place/nationality NER label and are never taken inside a PERSON entity.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from barometer.actors.kb import KB, Alias, Record, Term, load_kb
from barometer.actors.matcher import get_matchers
from barometer.layers import ActorLayer, ActorMention
from barometer.model import Actor, Article
from barometer.model import Span as Span_
from barometer.registry import register

#: Words between a qualifier and a role that mean "not the current holder".
NOT_CURRENT = {"former", "ex", "deputy", "vice", "late", "then", "previous", "future", "acting", "new", "next",
               "assistant", "junior", "first", "second"}
#: Harmless modifiers allowed between a qualifier and a role ("the US top diplomat").
SKIPPABLE = {"top", "senior", "chief", "leading", "main", "own"}
#: Prepositions after which a capital is a place, not a government ("In London, ...").
LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "around", "into", "to", "towards", "toward", "via",
            "through", "over", "within", "between"}
INDEFINITE = {"a", "an", "one", "some", "two", "three", "several", "many", "another"}
FEMININE_ROLE = re.compile(r"woman|women|ess\b|queen", re.I)
MASCULINE_ROLE = re.compile(r"\bspokesman|chairman|king\b|congressman", re.I)


@dataclass
class Info:
    """What the resolver and coreference know about an actor in this article."""

    actor: Actor
    gender: str | None = None
    kinds: tuple[str, ...] = ()
    plural: bool = False


@dataclass
class Mention:
    start: int  # token indices [start, end)
    end: int
    actor_id: str
    rule: str
    confidence: float = 1.0
    head: int | None = None  # token index of the syntactic head, for coreference


@dataclass
class State:
    """Per-article working state."""

    doc: Doc
    kb: KB
    on: dt.date
    infos: dict[str, Info] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.taken for i in range(start, end))

    def add(self, start: int, end: int, info: Info, rule: str, confidence: float = 1.0) -> None:
        aid = info.actor.id
        if aid not in self.infos:
            self.infos[aid] = info
        span = self.doc[start:end]
        self.mentions.append(Mention(start, end, aid, rule, confidence, span.root.i))
        self.taken.update(range(start, end))


# --------------------------------------------------------------------------- actors from records


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
        if term.country:
            country = term.country
        elif term.org:
            sector, secondary = "IGO", None
        code = code_for(kb, qual, sector if term.country else None, secondary)
        role = term.title if term.active(on) else f"former {term.title}"
    actor = Actor(id=rec.id, name=rec.name, kind="person", country=country, sector=sector, code=code, role=role,
                  kb_id=rec.id)
    return Info(actor, gender=rec.gender, kinds=kinds)


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


# --------------------------------------------------------------------------- alias choice


def _ent_labels(doc: Doc) -> list[str]:
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


# --------------------------------------------------------------------------- the resolver


@register("actor_resolver", "barometer.actor_resolver.v1")
def resolve_actors(doc: Doc, article: Article) -> ActorLayer:
    """Resolve actors in ``doc`` as of ``article.published`` (today when unknown)."""
    from barometer.actors.coref import resolve_coreference

    kb = load_kb()
    st = State(doc, kb, article.published or dt.date.today())
    matchers = get_matchers(doc.vocab, kb)
    labels = _ent_labels(doc)
    strings = doc.vocab.strings

    raw_alias: list[tuple[int, int, list[Alias]]] = []
    for mid, s, e in matchers.aliases(doc):
        raw_alias.append((s, e, kb.aliases[strings[mid][2:]]))
    strong = {a.record for _, _, cands in raw_alias for a in cands if not a.weak and not a.ambiguous}
    alias_at: dict[int, tuple[int, Alias]] = {}
    for s, e, cands in sorted(raw_alias, key=lambda h: (h[0], -(h[1] - h[0]))):
        if s in alias_at:
            continue
        if _stance(doc, s, kb):
            continue
        a = choose_alias(cands, labels, s, e, strong)
        if a is None:
            continue
        if a.form == "surname" and not _surname_ok(st, a, labels, s, e, strong):
            continue
        alias_at[s] = (e, a)
    alias_at = _non_overlapping(alias_at)

    role_at: dict[int, tuple[int, str]] = {}
    for mid, s, e in matchers.roles(doc):
        key = strings[mid]
        if s not in role_at or e > role_at[s][0]:
            role_at[s] = (e, key)
    role_at = _non_overlapping(role_at)
    # Aliases win over role words they overlap ("General Assembly").
    alias_tokens = {i for s, (e, _) in alias_at.items() for i in range(s, e)}
    role_at = {s: v for s, v in role_at.items() if not any(i in alias_tokens for i in range(s, v[0]))}

    _descriptions(st, alias_at, role_at)
    _plain_aliases(st, alias_at)
    _ner_people(st, labels)
    _appositives(st)
    anaphors = _definite_anaphors(st, role_at)
    resolve_coreference(st, anaphors)
    _counterparts(st)
    return _layer(st)


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
    """A bare surname is the KB person only if named in full elsewhere, or a PERSON in office on the date."""
    if a.record in strong:
        return True
    if "PERSON" not in labels[s:e]:
        return False
    return any(t.active(st.on) for t in st.kb.terms_by_person.get(a.record, []))


def _qualifier(alias: Alias) -> str | None:
    """The country/IGO a description's modifier points to (None for people and plural nouns)."""
    if alias.form in ("person", "surname"):
        return None
    return alias.record


def _name_after(doc: Doc, i: int) -> tuple[int, int] | None:
    """A proper name right after a title ("Foreign Minister Dmytro Kuleba")."""
    j = i
    while j < len(doc) and j - i < 5:
        t = doc[j]
        if t.pos_ == "PROPN" and (t.is_title or t.text[:1].isupper()) and t.ent_type_ not in ("GPE", "NORP", "DATE"):
            j += 1
        elif t.text == "-" and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1
        else:
            break
    return (i, j) if j > i else None


def _descriptions(st: State, alias_at: dict, role_at: dict) -> None:
    doc, kb = st.doc, st.kb
    alias_end = {e: (s, a) for s, (e, a) in alias_at.items()}
    for rs in sorted(role_at):
        re_, key = role_at[rs]
        if not st.free(rs, re_):
            continue
        kind_or_sector, text = key[:1], key[2:]
        # qualifier on the left: "<Q> [mods] ['s] <R>"
        j = rs
        mods: list[str] = []
        while j > 0 and doc[j - 1].lower_ in (SKIPPABLE | NOT_CURRENT):
            mods.append(doc[j - 1].lower_)
            j -= 1
        if j > 0 and doc[j - 1].text in ("'s", "’s"):
            j -= 1
        q_alias, q_start = None, rs
        if j in alias_end and st.free(alias_end[j][0], j):
            q_start, q_alias = alias_end[j]
        # or on the right: "<R> of <Q>"
        end = re_
        if q_alias is None and re_ + 1 < len(doc) and doc[re_].lower_ == "of" and re_ + 1 in alias_at:
            qe, qa = alias_at[re_ + 1]
            if _qualifier(qa):
                q_alias, end = qa, qe
        qualifier = _qualifier(q_alias) if q_alias else None
        if kind_or_sector == "S":
            if qualifier:
                sector = kb.sector_nouns[text]
                rec = kb.sector_record(qualifier, sector) if kb.records[qualifier].kind in ("state", "group") \
                    else kb.records[qualifier]
                st.add(q_start, end, record_info(kb, rec, st.on), "sector_noun")
            continue
        kinds = tuple(kb.role_words[text])
        det = doc[q_start - 1].lower_ if q_start > 0 else ""
        start = q_start - 1 if det in {"the", "a", "an"} | INDEFINITE else q_start
        name = _name_after(doc, end)
        role_text = doc[q_start:end].text
        if name is not None:
            ns, ne = name
            name_text = doc[ns:ne].text
            # "<role> <Name> of <country>": "King Abdullah of Jordan"
            if qualifier is None and ne + 1 < len(doc) and doc[ne].lower_ == "of" and ne + 1 in alias_at:
                qe, qa = alias_at[ne + 1]
                if _qualifier(qa) and st.free(ne + 1, qe):
                    qualifier = _qualifier(qa)
                    role_text = f"{role_text} of {doc[ne + 1:qe].text}"
                    ne = qe
            person = _kb_person(kb, name_text)
            if person is not None:
                st.add(start, ne, person_info(kb, person, st.on, kinds), "title+name")
            else:
                prior = _local_by_surname(st, name_text)
                info = prior or local_info(kb, name_text, qualifier, kinds, role_text)
                st.add(start, ne, info, "title+name:local", 0.8)
            continue
        if qualifier is None:
            continue  # bare "the president": coreference decides
        if kb.records[qualifier].kind == "group":
            continue
        # plural on the role's head, not its last word ("commander-in-chief of the armed forces")
        indefinite = det in INDEFINITE or doc[rs:re_].root.tag_ in ("NNS", "NNPS")
        if not indefinite and not (set(mods) & NOT_CURRENT):
            for k in kinds:
                holders = {t.person for t in kb.holders(qualifier, k, st.on)}
                if len(holders) == 1:
                    rec = kb.records[holders.pop()]
                    st.add(start, end, person_info(kb, rec, st.on, (k,)), "title_on_date")
                    break
            else:
                hint = f"{qualifier.lower()}-{slug(kinds[0])}" if kinds else None
                st.add(start, end, local_info(kb, role_text, qualifier, kinds, role_text, id_hint=hint),
                       "description:local", 0.6)
            continue
        hint = f"{qualifier.lower()}-{slug(' '.join(mods + [text]))}"
        st.add(start, end, local_info(kb, role_text, qualifier, kinds, role_text, id_hint=hint),
               "description:local", 0.6)


def _kb_person(kb: KB, name: str) -> Record | None:
    for text in (name, re.sub(r"['’]s$", "", name)):
        for a in kb.aliases.get(text, []):
            if a.form in ("person", "surname"):
                return kb.records[a.record]
    return None


def _local_by_surname(st: State, name: str) -> Info | None:
    """'Smith' after 'John Smith' is the same article-local person."""
    last = name.split()[-1]
    for info in st.infos.values():
        if info.actor.kind == "person" and info.actor.kb_id is None:
            other = info.actor.name.split()
            if info.actor.name == name or (other[-1] == last and (len(other) == 1 or len(name.split()) == 1)):
                return info
    return None


def _plain_aliases(st: State, alias_at: dict) -> None:
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
        if rec.kind == "person":
            st.add(s, e, person_info(kb, rec, st.on), "alias:person" if a.form == "person" else "alias:surname",
                   1.0 if a.form == "person" else 0.8)
            continue
        info = record_info(kb, rec, st.on)
        if a.form == "people":
            info = Info(info.actor, plural=True)
        conf = 0.7 if a.ambiguous else 0.8 if a.weak else 1.0
        st.add(s, e, info, f"alias:{a.form}", conf)


@functools.lru_cache(maxsize=1)
def _common_nouns() -> frozenset[str]:
    """Base forms of common nouns the model's own lemmatizer knows (its WordNet noun index)."""
    from barometer.nlp import get_nlp

    nlp = get_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


def _sentence_initial_plural_noun(ent, nouns: frozenset[str]) -> bool:  # noqa: ANN001 - spaCy Span
    """"Missiles struck …": one capitalised token opening a sentence, the plural of a common noun.

    At the start of a sentence a capital is no evidence of a name, and the small model then tags
    plural nouns as PERSON; a person named like a plural common noun there is rare enough to abstain.
    """
    if len(ent) != 1 or not ent[0].is_sent_start:
        return False
    low = ent[0].lower_
    return low.endswith("s") and (low[:-1] in nouns or (low.endswith("es") and low[:-2] in nouns))


def _ner_people(st: State, labels: list[str]) -> None:
    doc, kb = st.doc, st.kb
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP")}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not st.free(ent.start, ent.end):
            continue
        if _sentence_initial_plural_noun(ent, _common_nouns()):
            continue
        end = ent.end - 1 if ent.end - ent.start > 1 and doc[ent.end - 1].text in ("'s", "’s") else ent.end
        text = doc[ent.start:end].text
        if not text or not any(c.isupper() for c in text[:1]):
            continue
        gender = kb.honorifics.get(doc[ent.start - 1].text) if ent.start > 0 else None
        if doc[ent.start].text in kb.honorifics and end - ent.start > 1:  # "Mrs Hanna Kovalenko"
            gender, text = kb.honorifics[doc[ent.start].text], doc[ent.start + 1:end].text
        person = _kb_person(kb, text)
        if person is not None:
            st.add(ent.start, end, person_info(kb, person, st.on), "ner_person:kb")
            continue
        cands = kb.aliases.get(text, [])
        if cands and not any(a.ambiguous or kb.records[a.record].kind == "person" for a in cands):
            continue  # a place or organisation the tagger took for a person ("in Kyiv"): not a person
        states = [a for a in cands if a.ambiguous and kb.records[a.record].kind == "state"]
        if states and text in places:
            # "King Abdullah of Jordan ... Jordan said": the article uses the name as a place
            # elsewhere; take the state, with the low confidence an ambiguous reading deserves
            st.add(ent.start, end, record_info(kb, kb.records[states[0].record], st.on), "alias:ambiguous_context", 0.5)
            continue
        if states and _local_by_surname(st, text) is None:
            continue  # a bare "Jordan" tagged PERSON with no full name around: abstain, it may be the state
        info = _local_by_surname(st, text) or local_info(kb, text, None, (), None, gender=gender)
        if info.gender is None and gender is not None:
            info.gender = gender
        st.add(ent.start, end, info, "ner_person:local", 0.7)


@dataclass
class Anaphor:
    start: int
    end: int
    kinds: tuple[str, ...]


def _definite_anaphors(st: State, role_at: dict) -> list[Anaphor]:
    """Bare definite roles ("the president", "the minister") for coreference to resolve."""
    out = []
    for rs, (re_, key) in sorted(role_at.items()):
        if key[0] != "K" or not st.free(rs, re_) or rs == 0:
            continue
        if st.doc[rs - 1].lower_ != "the" or st.doc[re_ - 1].tag_ in ("NNS", "NNPS"):
            continue
        kinds = tuple(k for k in st.kb.role_words[key[2:]] if k in st.kb.anaphoric_kinds)
        if kinds:
            out.append(Anaphor(rs - 1, re_, kinds))
    return out


def _counterparts(st: State) -> None:
    """"Blinken met his Russian counterpart": the holder, in the stated country and on the date, of
    the office the possessor holds (rule ``counterpart``); otherwise the anonymous local actor stays."""
    for m in st.mentions:
        info = st.infos[m.actor_id]
        if m.rule != "description:local" or "counterpart" not in info.kinds or not info.actor.country:
            continue
        root = head_token(st, m)
        owners = [c.i for c in root.children if c.dep_ == "poss"]
        if m.start > 0 and st.doc[m.start - 1].tag_ == "PRP$":
            owners.append(m.start - 1)
        owner = next((p for p in st.mentions for i in owners if p.start <= i < p.end and p is not m), None)
        if owner is None or st.infos[owner.actor_id].actor.kind != "person":
            continue
        for kind in st.infos[owner.actor_id].kinds:
            holders = {t.person for t in st.kb.holders(info.actor.country, kind, st.on)}
            if len(holders) == 1:
                rec = st.kb.records[holders.pop()]
                new = person_info(st.kb, rec, st.on, (kind,))
                st.infos.setdefault(rec.id, new)
                m.actor_id, m.rule, m.confidence = rec.id, "counterpart", 0.8
                break


def _appositives(st: State) -> None:
    """"Valery Gerasimov, the Russian chief of staff, ...": an anonymous role description in
    apposition to a named person is that person (rule ``appositive``); a local person without a
    country inherits the description's country and sector."""
    for m in st.mentions:
        if m.rule != "description:local":
            continue
        tok = head_token(st, m)
        if tok.dep_ != "appos":
            continue
        anchor = tok.head.i
        owner = next((p for p in st.mentions if p is not m and p.start <= anchor < p.end
                      and st.infos[p.actor_id].actor.kind == "person" and p.rule != "description:local"), None)
        if owner is None:
            continue
        desc, info = st.infos[m.actor_id].actor, st.infos[owner.actor_id]
        if info.actor.kb_id is None and info.actor.country is None and desc.country is not None:
            info.actor = info.actor.model_copy(update={"country": desc.country, "sector": desc.sector,
                                                       "code": desc.code, "role": info.actor.role or desc.role})
        m.actor_id, m.rule = owner.actor_id, "appositive"


def _layer(st: State) -> ActorLayer:
    doc = st.doc
    layer = ActorLayer()
    seen: dict[str, Actor] = {}
    for m in sorted(st.mentions, key=lambda m: (m.start, m.end)):
        info = st.infos[m.actor_id]
        actor = seen.get(m.actor_id)
        if actor is None:
            actor = info.actor.model_copy(update={"mentions": []})
            seen[m.actor_id] = actor
            layer.actors.append(actor)
        span = doc[m.start:m.end]
        actor.mentions.append(Span_(start=span.start_char, end=span.end_char, text=span.text))
        layer.mentions.append(ActorMention(span.start_char, span.end_char, m.actor_id, m.rule, m.confidence))
    return layer


def head_token(st: State, m: Mention) -> Token:
    return st.doc[m.head if m.head is not None else m.start]

"""Descriptions and the passes that refine them.

Adjacent hits compose into descriptions: ``[the] <country|seat|IGO> ['s] <role> [Name]``,
``<role> of <country|IGO> [Name]``, ``<role> <Name>`` and ``<country> <sector noun>``; a description
without a name is looked up among the office holders on the article date ("the American president"
on 2022-01-28 -> Joe Biden). After the first passes, an anonymous description in apposition to a
named person is that person (``appositive``), "his Russian counterpart" is the holder of the
possessor's office in that country (``counterpart``), and bare definite roles ("the president")
are handed to coreference.
"""

from __future__ import annotations

from spacy.tokens import Doc

from barometer.actors.kb import Alias
from barometer.actors.records import kb_person, local_info, person_info, record_info, slug
from barometer.actors.state import Anaphor, Info, Mention, State, head_token, local_by_surname
from barometer.model import Actor

#: Words between a qualifier and a role that mean "not the current holder".
NOT_CURRENT = {"former", "ex", "deputy", "vice", "late", "then", "previous", "future", "acting", "new", "next",
               "assistant", "junior", "first", "second"}


#: Harmless modifiers allowed between a qualifier and a role ("the US top diplomat").
SKIPPABLE = {"top", "senior", "chief", "leading", "main", "own"}


INDEFINITE = {"a", "an", "one", "some", "two", "three", "several", "many", "another"}


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
        elif t.lower_ in NAME_PARTICLES and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper() | \
                (doc[j + 1].text == "-"):
            j += 1
        elif t.text == "-" and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1
        else:
            break
    return (i, j) if j > i else None


#: Lower-case particles inside names ("Abdel Fattah el-Sisi", "Osama bin Laden").
NAME_PARTICLES = frozenset({"el", "al", "bin", "ibn", "van", "von", "de", "da", "di", "du", "del", "der", "la", "le"})


def _name_after_complement(doc: Doc, end: int) -> tuple[int, int] | None:
    """"US Special Representative for Iran Brian Hook", "US Assistant Secretary for Arms Control
    Mallory Stewart": a PERSON entity after the role's for/of/to/on complement of capitalised words."""
    if end >= len(doc) or doc[end].lower_ not in ("for", "of", "to", "on"):
        return None
    k = end + 1
    while k < len(doc) and k - end < 8 and not (doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B"):
        if not (doc[k].is_title or doc[k].is_upper or doc[k].lower_ in ("and", "the", "of", "for", "-")):
            return None
        k += 1
    if k >= len(doc) or doc[k].ent_type_ != "PERSON" or k == end + 1:
        return None
    e = k
    while e < len(doc) and doc[e].ent_type_ == "PERSON" and (e == k or doc[e].ent_iob_ == "I"):
        e += 1
    return k, e


def _modifiers(doc: Doc, rs: int, re_: int, alias_end: dict, alias_tokens: set[int]) -> tuple[int, list[str], list[str]]:
    """Where the qualifier of the role at ``rs`` must end, the harmless or not-current modifiers
    before the role, and the words naming a particular office: "foreign policy" in "the Kremlin's top
    foreign policy adviser", "Commerce" in "US Commerce Secretary" (up to three, all modifying the
    role, and only when a qualifier stands right before them; otherwise none are taken)."""
    def plain(k: int) -> tuple[int, list[str]]:
        mods = []
        while k > 0 and doc[k - 1].lower_ in (SKIPPABLE | NOT_CURRENT):
            mods.append(doc[k - 1].lower_)
            k -= 1
        return k, mods

    k, mods, office = rs, [], []
    while k > 0:
        t = doc[k - 1]
        if t.lower_ in (SKIPPABLE | NOT_CURRENT):
            mods.append(t.lower_)
        elif len(office) < 4 and t.dep_ in ("compound", "amod", "nmod", "cc", "conj") \
                and t.pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ") and t.ent_type_ not in ("GPE", "NORP", "PERSON") \
                and t.i not in alias_tokens and any(a.i == re_ - 1 for a in t.ancestors):
            office.append(t.lower_)
        else:
            break
        k -= 1
    q_end = k - 1 if k > 0 and doc[k - 1].text in ("'s", "’s") else k
    if not office or q_end not in alias_end:
        return (*plain(rs), [])
    return k, mods, office[::-1]


def descriptions(st: State, alias_at: dict, role_at: dict) -> None:
    doc, kb = st.doc, st.kb
    alias_end = {e: (s, a) for s, (e, a) in alias_at.items()}
    alias_tokens = {i for s, (e, _) in alias_at.items() for i in range(s, e)}
    for rs in sorted(role_at):
        re_, key = role_at[rs]
        if not st.free(rs, re_):
            continue
        kind_or_sector, text = key[:1], key[2:]
        # qualifier on the left: "<Q> [mods] ['s] <R>"
        j, mods, office_mods = _modifiers(doc, rs, re_, alias_end, alias_tokens)
        if j > 0 and doc[j - 1].text in ("'s", "’s"):
            j -= 1
        q_alias, q_start = None, rs
        if j in alias_end and st.free(alias_end[j][0], j):
            q_start, q_alias = alias_end[j]
        # or on the right: "<R> of <Q>"
        end = re_
        if q_alias is None and re_ + 1 < len(doc) and doc[re_].lower_ == "of" and re_ + 1 in alias_at:
            qe, qa = alias_at[re_ + 1]
            if _qualifier(qa) and not (qe < len(doc) and doc[qe].text in ("'s", "’s")):  # not "head of Iran's X"
                q_alias, end = qa, qe
        qualifier = _qualifier(q_alias) if q_alias else None
        if kind_or_sector in "SG":
            if qualifier:
                sector = kb.sector_nouns[text] if kind_or_sector == "S" else kb.group_nouns[text].sector
                rec = kb.sector_record(qualifier, sector) if kb.records[qualifier].kind in ("state", "group") \
                    else kb.records[qualifier]
                st.add(q_start, end, record_info(kb, rec, st.on), "sector_noun")
            continue
        kinds = tuple(kb.role_words[text])
        if re_ - rs == 1 and doc[rs].pos_ == "ADJ":
            continue  # "national", "general" as adjectives are no role ("the national team")
        det = doc[q_start - 1].lower_ if q_start > 0 else ""
        start = q_start - 1 if det in {"the", "a", "an"} | INDEFINITE else q_start
        name = _name_after(doc, end)
        if name is not None and any(name[0] <= r < name[1] for r in role_at):
            # "First Deputy Minister of Foreign Affairs": a role word is no name ("Deputy" + "Minister")
            name = next(((name[0], r) for r in range(*name) if r in role_at and r > name[0]), None)
        if name is None and q_alias is not None:
            name = _name_after_complement(doc, end)
        if name is not None and kinds == ("citizen",):
            continue  # "the National Olympic Committee": "national" before a name is no nationality
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
            person = kb_person(kb, name_text, st.strong)
            if person is not None and qualifier and kb.records[qualifier].kind == "state" and \
                    kb.terms_by_person.get(person.id) and \
                    all(t.country != qualifier for t in kb.terms_by_person[person.id]):
                person = None  # "King Hassan of Morocco" is no Jordanian named Hassan
            if person is not None:
                st.add(start, ne, person_info(kb, person, st.on, kinds), "title+name")
            else:
                prior = local_by_surname(st, name_text)
                info = prior or local_info(kb, name_text, qualifier, kinds, role_text)
                st.add(start, ne, info, "title+name:local", 0.8)
            continue
        if qualifier is None:
            continue  # bare "the president": coreference decides
        if kb.records[qualifier].kind == "group":
            continue
        # plural on the role's head, not its last word ("commander-in-chief of the armed forces")
        indefinite = det in INDEFINITE or doc[rs:re_].root.tag_ in ("NNS", "NNPS")
        if not indefinite and not (set(mods) & NOT_CURRENT) and not office_mods:
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
        hint = f"{qualifier.lower()}-{slug(' '.join(mods + office_mods + [text]))}"
        st.add(start, end, local_info(kb, role_text, qualifier, kinds, role_text, id_hint=hint),
               "description:local", 0.6)


def definite_anaphors(st: State, role_at: dict) -> list[Anaphor]:
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


def counterparts(st: State) -> None:
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


#: Prepositions that attach a role to the body it serves ("spokesman for the military").
BODY_PREPS = frozenset({"of", "for", "at", "with"})


def role_of_body(st: State, role_at: dict) -> None:
    """"spokesman for the Indonesian military", "head of Iran's Quds Force", "the head of the UN human
    rights office": a role no description took, whose preposition's object is (or is modified by) a
    resolved body, is an anonymous holder with the body's country and sector (a state's: the role's
    sector), rule ``description:body``; ``appositives`` then gives them to the named person."""
    doc, kb = st.doc, st.kb
    for rs, (re_, key) in sorted(role_at.items()):
        if key[0] != "K" or not st.free(rs, re_) or re_ >= len(doc) or doc[re_].lower_ not in BODY_PREPS:
            continue
        pobj = next((c for c in doc[re_].children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        left = {t.i for t in pobj.subtree if t.i <= pobj.i}
        cands = [m for m in st.mentions if any(m.start <= i < m.end for i in left)]
        if not cands:
            continue
        body = st.infos[max(cands, key=lambda m: (m.start <= pobj.i < m.end, m.end)).actor_id].actor
        spec = kb.kinds[kb.role_words[key[2:]][0]]
        if body.kind in ("state", "person") and body.country:
            country, sector, code = body.country, spec.sector, body.country + spec.sector + (spec.secondary or "")
        elif body.code or body.country:
            country, sector, code = body.country, body.sector or "IGO", body.code or (body.country or "") + (body.sector or "")
        else:
            continue
        start = rs - 1 if rs > 0 and doc[rs - 1].lower_ in {"the", "a", "an"} | INDEFINITE else rs
        role = f"{doc[rs:re_].text} {doc[re_].text} {body.name}"
        actor = Actor(id=f"local:{slug(code)}-{slug(doc[rs:re_].text)}", name=role, kind="person", country=country,
                      sector=sector, code=code, role=role, confidence=0.6)
        st.add(start, re_, Info(actor, kinds=tuple(kb.role_words[key[2:]])), "description:body", 0.6)


#: "X, who served as a senior American diplomat,": a role held before, by the person of the clause.
SERVED = frozenset({"serve", "work"})


def _served_as(tok) -> int | None:  # noqa: ANN001 - spaCy Token
    """The person token of "X, who served/worked as <role>" (the relative clause's head), or None."""
    prep = tok.head if tok.dep_ == "pobj" else None
    verb = prep.head if prep is not None and prep.lower_ == "as" else None
    if verb is None or verb.dep_ != "relcl" or verb.lemma_.lower() not in SERVED:
        return None
    return verb.head.i


def _apposed_person(st: State, m: Mention) -> Mention | None:
    """The named person a description stands in apposition to, either way round ("X, the head of Y",
    "the head of Y, X"), or of whom a relative clause says they served as it ("X, who served as a
    senior American diplomat,")."""
    tok = head_token(st, m)
    anchors = [tok.head.i] if tok.dep_ == "appos" else []
    if (served := _served_as(tok)) is not None:
        anchors.append(served)
    # "the prosecutor general of Tehran, Ali Alghasi Mehr,": the parser may hang it on the role's object
    anchors += [c.i for t in st.doc[m.start:m.end] for c in t.children if c.dep_ == "appos"]
    return next((p for a in anchors for p in st.mentions if p is not m and p.start <= a < p.end
                 and st.infos[p.actor_id].actor.kind == "person" and not p.rule.startswith("description:")), None)


def apposed_roles(st: State, role_at: dict) -> None:
    """"Souhail Alouini, a member of Parliament,": a role with no country of its own, in apposition to
    an article-local person with no role, gives them its kinds (``local_people_countries`` may then
    place a domestic office in the article's main country)."""
    doc = st.doc
    for rs, (re_, key) in sorted(role_at.items()):
        if key[0] != "K" or not st.free(rs, re_):
            continue
        tok = doc[rs:re_].root
        anchors = ([tok.head.i] if tok.dep_ == "appos" else []) + [c.i for c in tok.children if c.dep_ == "appos"]
        for p in st.mentions:
            info = st.infos[p.actor_id]
            if any(p.start <= a < p.end for a in anchors) and info.actor.kind == "person" \
                    and info.actor.kb_id is None and not info.kinds:
                info.kinds = tuple(st.kb.role_words[key[2:]])
                break


def appositives(st: State) -> None:
    """"Valery Gerasimov, the Russian chief of staff, ...": an anonymous role description in
    apposition to a named person is that person (rule ``appositive``); a local person without a
    country inherits the description's country and sector (an IGO's code where it has no country)."""
    for m in st.mentions:
        if m.rule not in ("description:local", "description:body"):
            continue
        owner = _apposed_person(st, m)
        if owner is None:
            continue
        desc, info = st.infos[m.actor_id].actor, st.infos[owner.actor_id]
        if info.actor.kb_id is None and info.actor.country is None and info.actor.code is None and desc.code:
            sector, code = desc.sector, desc.code
            if desc.country and _served_as(head_token(st, m)) is not None:
                sector, code = "ELI", desc.country + "ELI"  # a role held before: an elite with no office
            info.actor = info.actor.model_copy(update={"country": desc.country, "sector": sector,
                                                       "code": code, "role": info.actor.role or desc.role})
        m.actor_id, m.rule = owner.actor_id, "appositive"

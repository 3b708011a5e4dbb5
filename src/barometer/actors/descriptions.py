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
from barometer.actors.state import Anaphor, State, head_token, local_by_surname

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
        elif t.text == "-" and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1
        else:
            break
    return (i, j) if j > i else None


def descriptions(st: State, alias_at: dict, role_at: dict) -> None:
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
        if kind_or_sector in "SG":
            if qualifier:
                sector = kb.sector_nouns[text] if kind_or_sector == "S" else kb.group_nouns[text].sector
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


def appositives(st: State) -> None:
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

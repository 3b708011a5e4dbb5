"""People the tagger finds (spaCy PERSON entities): KB people, or article-local people."""

from __future__ import annotations

import functools

from barometer.actors.records import kb_person, local_info, person_info, record_info
from barometer.actors.state import State, local_by_surname
from barometer.settings import Settings


@functools.lru_cache(maxsize=4)
def _common_nouns(model: str = Settings.model) -> frozenset[str]:
    """Base forms of common nouns the model's own lemmatizer knows (its WordNet noun index)."""
    from barometer.nlp import get_nlp

    nlp = get_nlp(model)
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


def ner_people(st: State, labels: list[str], model: str = Settings.model) -> None:
    """PERSON entities not taken yet: KB people, else article-local people (``model``: the spaCy
    model whose lemmatizer tells plural common nouns from names)."""
    doc, kb = st.doc, st.kb
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP")}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not st.free(ent.start, ent.end):
            continue
        if _sentence_initial_plural_noun(ent, _common_nouns(model)):
            continue
        end = ent.end - 1 if ent.end - ent.start > 1 and doc[ent.end - 1].text in ("'s", "’s") else ent.end
        text = doc[ent.start:end].text
        if not text or not any(c.isupper() for c in text[:1]):
            continue
        gender = kb.honorifics.get(doc[ent.start - 1].text) if ent.start > 0 else None
        if doc[ent.start].text in kb.honorifics and end - ent.start > 1:  # "Mrs Hanna Kovalenko"
            gender, text = kb.honorifics[doc[ent.start].text], doc[ent.start + 1:end].text
        person = kb_person(kb, text, st.strong, st.on)
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
        if states and local_by_surname(st, text) is None:
            continue  # a bare "Jordan" tagged PERSON with no full name around: abstain, it may be the state
        info = local_by_surname(st, text) or local_info(kb, text, None, (), None, gender=gender)
        if info.gender is None and gender is not None:
            info.gender = gender
        st.add(ent.start, end, info, "ner_person:local", 0.7)


#: Words that make a Title-case ORG entity an organisation rather than a mislabelled name.
_ORG_WORDS = frozenset({
    "agency", "army", "association", "bank", "command", "commission", "committee", "company", "corporation",
    "council", "court", "department", "force", "forces", "foundation", "front", "group", "institute",
    "international", "league", "ministry", "movement", "news", "office", "organisation", "organization",
    "party", "police", "press", "service", "services", "union", "university"})


def _name_shaped(toks) -> bool:  # noqa: ANN001 - spaCy Span
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.replace("-", "").isalpha()
               and t.lower_ not in _ORG_WORDS for t in toks)


def appositive_names(st: State) -> None:
    """"a State Department spokesperson, Morgan Ortagus, said": the small model tags many names ORG.
    A two- or three-word ORG entity of capitalised proper nouns with no organisation word, in
    apposition to a role word (roles.yaml: "spokesperson", "head"), is an article-local person (rule ``ner_org:appositive``);
    the ``appositives`` pass then gives it the role's country."""
    doc, kb = st.doc, st.kb
    for ent in doc.ents:
        if ent.label_ != "ORG" or not 2 <= len(ent) <= 3 or not st.free(ent.start, ent.end):
            continue
        root = ent.root
        if (root.dep_ != "appos" or root.head.lower_ not in kb.role_words or not _name_shaped(ent)
                or kb.aliases.get(ent.text)):
            continue
        info = local_by_surname(st, ent.text) or local_info(kb, ent.text, None, (), None)
        st.add(ent.start, ent.end, info, "ner_org:appositive", 0.6)


def repeated_names(st: State) -> None:
    """A local person's statement carries through the article: their full name or surname again,
    where the tagger did not take it for a PERSON ("Pelosi" after "Nancy Pelosi", "Alexei Navalny"
    tagged ORG the second time), is the same person (rule ``surname:local``). Only names of
    capitalised words (not anonymous role holders), surnames of three letters or more that are no
    KB alias, and a surname two local people share is left alone."""
    doc, kb = st.doc, st.kb
    by_surname: dict[str, list] = {}
    for info in list(st.infos.values()):
        a = info.actor
        words = a.name.split()
        if (a.kind != "person" or a.kb_id is not None or a.code is None or len(words) < 2
                or not all(w[:1].isupper() for w in words)):
            continue
        if len(words[-1]) >= 3 and not kb.aliases.get(words[-1]):
            by_surname.setdefault(words[-1], []).append(info)
    if not by_surname:
        return
    for tok in doc:
        infos = by_surname.get(tok.text)
        if not infos or len(infos) != 1 or tok.i in st.taken or tok.pos_ != "PROPN":
            continue
        info = infos[0]
        n = len(info.actor.name.split())
        start = tok.i - n + 1
        if start < 0 or doc[start:tok.i + 1].text != info.actor.name or not st.free(start, tok.i + 1):
            start = tok.i
        st.add(start, tok.i + 1, info, "surname:local", 0.7)

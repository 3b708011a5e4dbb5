"""Rule-based coreference for the mentions that carry events in news, offline on the parse.

No model download is allowed (coreferee/fastcoref are out), and news coreference that matters for
event coding is narrow: a pronoun after a named speaker, "the president" after a full mention, and
the country-as-"she" of translated text ("Russia denies ... She therefore linked ..."). Rules:

* he/him/his, she/her: nearest compatible person (gender agreement; unknown gender is compatible
  at lower confidence) in the same or the two previous sentences, preferring grammatical subjects
  (speaker continuity: "Austin estimated ... 'There is time,' he added"); a subject pronoun of the
  same gender already resolved to a person carries a subject pronoun's chain on past that window;
* she/her with no female person in reach, when the previous sentence's subject is a state:
  that state (translated text, rule ``coref:country_pronoun``);
* "for his part" / "on her side" (roles.yaml ``perspective_nouns``): the possessive is the subject
  of its own clause, even a later one ("For his part, Zelensky called ...", rule ``coref:perspective``);
* it/its: a state/organisation earlier in the same sentence, or the subject of the previous one;
* they/them/their: the nearest plural actor (groups, "the United States", sector groups) in the
  same or previous sentence; coordinated antecedents ("Washington and the EU ... they") abstain;
* "the president", "the minister": the most recent person whose office on the date has that kind.
Unresolvable pronouns are left alone: abstaining is better than a wrong actor on an event.
"""

from __future__ import annotations

from spacy.attrs import TAG
from spacy.tokens import Doc

from barometer.actors.state import Anaphor, Info, Mention, State

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: How many sentences back a pronoun may reach.
WINDOW = 2


def _sent_index(doc: Doc) -> list[int]:
    idx = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return idx
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            idx[i] = n
    return idx


def _is_subject(st: State, m: Mention) -> bool:
    tok = st.doc[m.head if m.head is not None else m.start]
    # "Russian President Vladimir Putin and his counterpart": the conj of a subject is a subject too.
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in SUBJECT_DEPS


def _coordinated(st: State, m: Mention) -> bool:
    tok = st.doc[m.head if m.head is not None else m.start]
    return tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)


def resolve_coreference(st: State, anaphors: list[Anaphor]) -> None:
    doc = st.doc
    sent = _sent_index(doc)
    named = sorted(st.mentions, key=lambda m: m.start)
    added: list[Mention] = []

    def before(i: int) -> list[Mention]:
        return [m for m in named if m.end <= i and sent[i] - sent[m.start] <= WINDOW]

    def chained(i: int, gender: str) -> list[Mention]:
        # a pronoun resolved to a person carries the chain on ("Erdoğan called ... he said. He
        # underlined ... He claimed"): the speaker stays the antecedent past the window
        if doc[i].dep_ not in SUBJECT_DEPS:
            return before(i)
        return before(i) + [m for m in added if m.rule == "coref:pronoun" and sent[i] - sent[m.start] <= WINDOW
                            and st.infos[m.actor_id].actor.kind == "person" and doc[m.start].dep_ in SUBJECT_DEPS
                            and doc[m.start].lower_ in (MALE if gender == "m" else FEMALE)]

    pronoun_tags = {doc.vocab.strings["PRP"], doc.vocab.strings["PRP$"]}
    # Pronouns are found from the array of tags: a Token is made for them only (≈ 1 in 20 tokens).
    for i, tag in enumerate(doc.to_array(TAG).tolist()):
        if tag not in pronoun_tags or i in st.taken:
            continue
        tok = doc[i]
        low = tok.lower_
        if low in MALE or low in FEMALE:
            gender = "m" if low in MALE else "f"
            res = (_perspective(st, tok, gender) or _fronted(st, tok, gender)
                   or _person_pronoun(st, tok.i, gender, chained(tok.i, gender), sent))
        elif low in NEUTER:
            res = _it(st, tok.i, before(tok.i), sent)
        elif low in PLURAL:
            res = _they(st, tok.i, before(tok.i), sent)
        else:
            continue
        if res is not None:
            aid, rule, conf = res
            added.append(Mention(tok.i, tok.i + 1, aid, rule, conf, tok.i))
    for an in anaphors:
        cands = [m for m in named + added if m.end <= an.start and _has_kind(st.infos[m.actor_id], an.kinds)]
        if cands:
            m = max(cands, key=lambda m: m.start)
            added.append(Mention(an.start, an.end, m.actor_id, "coref:definite", 0.8, doc[an.start:an.end].root.i))
    for m in added:
        st.mentions.append(m)
        st.taken.update(range(m.start, m.end))


def _perspective(st: State, tok, gender: str):  # noqa: ANN001 - spaCy Token
    """"For his part, Zelensky called ..." / "... has of his side said Zelensky": the possessive of a
    perspective noun (roles.yaml ``perspective_nouns``) is the subject of its own clause, which may
    come after it. Returns None unless that subject is a person of a compatible gender."""
    if tok.tag_ != "PRP$" or tok.head.lemma_.lower() not in st.kb.perspective_nouns:
        return None
    prep = tok.head.head
    if prep.dep_ != "prep" or prep.i == tok.head.i:
        return None
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # spaCy Tokens are new objects: compare .i
        verb = verb.head
    if verb.dep_ in ("aux", "auxpass"):  # "has of his side said": the phrase hangs on the auxiliary
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    # inverted reporting clause the parser left without a subject: "..., said Volodymyr Zelensky"
    at = subjects[0].i if subjects else verb.i + 1
    return _person_at(st, at, gender, "coref:perspective")


#: Dependencies of a fronted adverbial on its clause's verb ("In his call with X, Biden warned").
FRONTED_DEPS = frozenset({"prep", "advcl", "npadvmod", "advmod"})


def _fronted(st: State, tok, gender: str):  # noqa: ANN001 - spaCy Token
    """"In his phone call with the Russian leader, Joe Biden warned ...": a possessive inside an
    adverbial fronted before its clause's subject refers forward to that subject when it is a named
    person (read backward it would take the person the adverbial itself names). Rule ``coref:cataphora``."""
    if tok.tag_ != "PRP$":
        return None
    branch = tok.head
    while branch.head.i != branch.i and branch.head.pos_ not in ("VERB", "AUX"):
        branch = branch.head
    verb = branch.head
    if branch.dep_ not in FRONTED_DEPS or verb.i == branch.i or branch.i > verb.i:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i > max(t.i for t in branch.subtree)]
    if not subjects:
        return None
    return _person_at(st, subjects[0].i, gender, "coref:cataphora")


def _person_at(st: State, at: int, gender: str, rule: str):
    """The person mention at token ``at`` if its gender is compatible, else None."""
    for m in st.mentions:
        if m.start <= at < m.end or (m.head is not None and m.head == at):
            info = st.infos[m.actor_id]
            if info.actor.kind != "person" or (info.gender and info.gender != gender):
                return None
            return m.actor_id, rule, 0.8
    return None


def _has_kind(info: Info, kinds: tuple[str, ...]) -> bool:
    if info.actor.kind != "person":
        return False
    have = set(info.kinds)
    if have & set(kinds):
        return True
    # "the minister" covers any minister; "the president" a head of state called president.
    return "minister" in kinds and any(k.endswith("minister") for k in have)


def _person_pronoun(st: State, i: int, gender: str, cands: list[Mention], sent: list[int]):
    best = None
    best_score = None
    for m in cands:
        info = st.infos[m.actor_id]
        if info.actor.kind != "person":
            continue
        if info.gender and info.gender != gender:
            continue
        dist = sent[i] - sent[m.start]
        score = -3 * dist + (2 if _is_subject(st, m) else 0) + m.start / 1e6
        if best_score is None or score > best_score:
            best, best_score = m, score
    if gender == "f":
        state = _previous_subject_state(st, i, sent)
        # a woman in reach wins: country-as-she is for translated text with no female antecedent
        if state is not None and best is None:
            return state, "coref:country_pronoun", 0.7
    if best is None:
        return None
    info = st.infos[best.actor_id]
    conf = 0.85 if info.gender else 0.6
    if info.gender is None and info.actor.kb_id is None:
        info.gender = gender  # "Masha ... her ... his": the first pronoun fixes a local person's gender
    return best.actor_id, "coref:pronoun", conf


def _previous_subject_state(st: State, i: int, sent: list[int]) -> str | None:
    """The state that is the subject of the sentence before (or earlier in this one)."""
    for m in sorted(st.mentions, key=lambda m: -m.start):
        if m.end > i or sent[i] - sent[m.start] > 1:
            continue
        info = st.infos[m.actor_id]
        if info.actor.kind == "state" and _is_subject(st, m) and not _coordinated(st, m):
            return m.actor_id
        if info.actor.kind == "person" and sent[m.start] >= sent[i] - 1:
            return None
    return None


def _it(st: State, i: int, cands: list[Mention], sent: list[int]):
    same = [m for m in cands if sent[m.start] == sent[i]
            and st.infos[m.actor_id].actor.kind in ("state", "organization") and not st.infos[m.actor_id].plural]
    if same:
        return max(same, key=lambda m: m.start).actor_id, "coref:pronoun", 0.7
    prev = [m for m in cands if sent[m.start] == sent[i] - 1 and _is_subject(st, m)
            and st.infos[m.actor_id].actor.kind in ("state", "organization") and not _coordinated(st, m)]
    if prev:
        return max(prev, key=lambda m: m.start).actor_id, "coref:pronoun", 0.6
    return None


def _they(st: State, i: int, cands: list[Mention], sent: list[int]):
    near = [m for m in cands if sent[i] - sent[m.start] <= 1]
    if not near:
        return None
    m = max(near, key=lambda m: m.start)
    info = st.infos[m.actor_id]
    tok = st.doc[m.head if m.head is not None else m.start]
    plural = info.plural or tok.tag_ in ("NNS", "NNPS") or info.actor.kind == "group"
    if _coordinated(st, m) or not plural:
        return None
    return m.actor_id, "coref:pronoun", 0.6

"""An event's ``status`` from the grammar around its trigger (cues in ``data/events/modality.yaml``).

asserted (it happened), announced (future or intent: "will send", "must meet"), conditional ("in the
event of an attack", "if ..."), requested ("called on Russia to ..."), denied ("Russia denies any plan
of invasion"), negated ("did not take into account"), reported (stated by someone else: "Austin
estimated that Russia had amassed ..."). Precedence: the first of negated, denied, conditional,
requested, announced, reported that applies wins.
"""

from __future__ import annotations

from spacy.tokens import Token

from barometer.events.lexicon import Modality

ORDER = ("negated", "denied", "conditional", "requested", "hypothetical", "announced", "reported")
#: The data model has no hypothetical status: a possibility is coded conditional (both are not done).
CODED = {"hypothetical": "conditional"}
#: Dependencies we climb from a trigger to the clauses that govern it.
CLIMB = ("xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "pcomp", "acomp", "advcl", "acl", "nsubj", "nsubjpass",
         "attr", "appos", "relcl", "oprd", "npadvmod", "amod", "compound")


def _neg(tok: Token, m: Modality) -> bool:
    return any((c.dep_ == "neg") or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no"))
               for c in tok.children)


def _nobody(tok: Token, m: Modality) -> bool:
    """"Neither A, B nor C recognize ...": a subject or object of ``tok`` opened by "neither"."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
        k.dep_ in ("det", "preconj", "cc") and k.lower_ in m.negation_marks for k in c.children)
        for c in tok.children)


def _predicated(tok: Token, words: frozenset[str]) -> bool:
    """``tok`` is the subject of, or the clause under, a copula whose predicate is one of ``words``
    ("negotiations with X are impossible", "it is likely Putin will try ...")."""
    if tok.dep_ not in ("nsubj", "nsubjpass", "ccomp", "xcomp", "csubj"):
        return False
    head = tok.head
    if head.lemma_.lower() in words and tok.dep_ == "xcomp":
        return True  # "it is impossible to negotiate": negotiate <xcomp- impossible
    return head.pos_ in ("AUX", "VERB") and any(c.dep_ == "acomp" and c.lemma_.lower() in words for c in head.children)


def _hypothetical(tok: Token, m: Modality, reported: bool) -> bool:
    """A possibility: "could invade", "would attack" (outside reported speech), "possibly", "a possible attack"."""
    for c in tok.children:
        if c.dep_ == "aux" and (c.lower_ in m.hypothetical_aux or (not reported and c.lower_ in m.hypothetical_unreported_aux)):
            return True
        if c.dep_ == "advmod" and c.lemma_.lower() in m.hypothetical_words:
            return True
        if tok.pos_ == "NOUN" and c.dep_ in ("amod", "compound") and c.lemma_.lower() in m.hypothetical_modifiers:
            return True
    return False


def _same_clause(tok: Token, top: Token) -> bool:
    """True when no other verb stands between ``tok`` and ``top`` in the parse."""
    cur = tok
    while cur.i != top.i:
        cur = cur.head
        if cur.i != top.i and cur.pos_ in ("VERB", "AUX"):
            return False
        if cur.head.i == cur.i and cur.i != top.i:
            return False
    return True


def opens_condition(tok: Token, m: Modality) -> bool:
    """Whether ``tok`` heads a condition on what governs it: an if/unless clause, or the noun of
    "in the event/case of"."""
    if tok.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in m.conditional_marks for k in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.lemma_ in m.conditional_nouns and tok.head.lower_ == "in"


def _conditional_here(tok: Token, m: Modality) -> bool:
    """An if/unless clause or "in the event/case of" attached to the trigger's own clause."""
    for c in tok.children:
        if c.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in m.conditional_marks for k in c.children):
            return True
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ == "in" and _same_clause(t, tok):
            if any(p.dep_ == "pobj" and p.lemma_ in m.conditional_nouns for p in t.children):
                return True
    return False


def status_of(anchor: Token, trigger: Token, m: Modality, reporter: Token | None) -> tuple[str, str | None]:
    """(status, cue id) for a trigger; ``anchor`` is the verb carrying a noun trigger (or the trigger)."""
    found: set[str] = set()
    reported = reporter is not None
    for t in {anchor, trigger}:
        if _neg(t, m) or _nobody(t, m) or _predicated(t, m.negation_predicates):
            found.add("negated")
        if _hypothetical(t, m, reported) or _predicated(t, m.hypothetical_words):
            found.add("hypothetical")
        if _conditional_here(t, m):
            found.add("conditional")
        if any(c.dep_ == "aux" and c.lower_ in m.announce_aux for c in t.children):
            found.add("announced")
        if any(c.dep_ in ("amod", "compound") and {c.lemma_.lower(), c.lower_} & m.announce_modifiers
               for c in t.children):
            found.add("announced")
    # Climb to the clause that governs the anchor, stopping at the reporting verb.
    cur = anchor
    for _ in range(10):
        head = cur.head
        if head.i == cur.i or (reporter is not None and head.i == reporter.i):
            break
        lemma = head.lemma_.lower()
        if opens_condition(cur, m):
            found.add("conditional")
        if cur.dep_ == "pobj" and head.lower_ in ("to", "on", "upon") and _condition_prep(head, m):
            found.add("requested")
        if head.lemma_ in m.conditional_nouns and head.head.lower_ == "in":
            found.add("conditional")
        if (lemma in m.denial_verbs or lemma in m.denial_nouns) and cur.dep_ != "conj":
            found.add("denied")
        if cur.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in m.hypothetical_nouns:
            found.add("conditional")  # "the risk of a Russian invasion"
        if lemma in m.negation_verbs and cur.dep_ in ("xcomp", "prep", "pcomp"):
            found.add("negated")
        if cur.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj") and (
                (head.pos_ in ("VERB", "AUX") and lemma in m.request_verbs)
                or (head.pos_ == "NOUN" and lemma in m.request_nouns)):
            if cur.dep_ == "xcomp" and lemma in m.announce_verbs and not any(
                    c.dep_ in ("dobj", "dative") for c in head.children):
                found.add("announced")  # "Obama wants to attack", "seeks to deepen": the subject's own intent
            else:
                found.add("requested")
        if cur.dep_ in ("xcomp", "pcomp", "acomp", "prep", "pobj") and lemma in m.announce_verbs:
            found.add("announced")
        if cur.dep_ in ("xcomp",) and _neg(head, m) and "negated" not in found:
            found.add("negated")
        if head.pos_ in ("VERB", "AUX") and cur.dep_ in ("xcomp", "ccomp") and any(
                c.dep_ == "aux" and c.lower_ in m.announce_aux for c in head.children):
            found.add("announced")
        if head.pos_ in ("VERB", "AUX") and cur.dep_ in ("xcomp", "ccomp") and _hypothetical(head, m, reported):
            found.add("hypothetical")
        if cur.dep_ in ("xcomp", "ccomp", "nsubj") and _predicated(head, m.negation_predicates):
            found.add("negated")
        if _predicated(cur, m.hypothetical_words):
            found.add("hypothetical")
        if _predicated(cur, m.negation_predicates):
            found.add("negated")
        if cur.dep_ not in CLIMB:
            break
        if cur.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children) and any(
                k.dep_ == "mark" and k.lower_ not in m.conditional_marks for k in cur.children):
            break  # "..., while Putin and Macron agreed": a clause of its own, not what was asked
        if _past_relative(cur):
            break  # "wants Kyiv to recognise Crimea, which Moscow annexed": a past fact, not what is wanted
        cur = head
    if reporter is not None:
        found.add("reported")
    for s in ORDER:
        if s in found:
            return CODED.get(s, s), f"status.{s}"
    return "asserted", None


def _past_relative(tok: Token) -> bool:
    """A relative clause with its own subject and a simple past verb ("the land which Russia seized",
    "the town its troops shelled") states a fact of its own: the request, plan or condition governing the
    noun it qualifies is not its status (a reporting verb still is, through ``reporter``)."""
    return tok.dep_ == "relcl" and tok.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in tok.children)


def presupposed(anchor: Token, trigger: Token, m: Modality) -> bool:
    """A possessed (or definite, party-naming) event noun standing on its own — "sanctions over its invasion",
    "in response to Russia's invasion", "to halt Moscow's war", "to support the invasion of Ukraine" — names a fact the sentence takes as known: the governing clause's
    request, plan or report is not its status (docs/annotation.md, section 4: a fact the article states is
    asserted). A light verb ("launched its invasion") or the noun's own cue ("its possible invasion") decides."""
    if trigger.pos_ != "NOUN" or anchor.i != trigger.i or not (
            any(c.dep_ == "poss" for c in trigger.children) or _definite_of_party(trigger)):
        return False
    if trigger.dep_ not in ("pobj", "dobj"):
        return False  # "said Russia's aggression was a crime": the claim itself, reported
    return not (_neg(trigger, m) or _hypothetical(trigger, m, False) or any(
        c.dep_ in ("amod", "compound") and {c.lemma_.lower(), c.lower_} & m.announce_modifiers for c in trigger.children))


#: Named-entity labels of a party: "the Russian invasion", "the invasion of Ukraine".
_PARTY_ENTS = frozenset({"NORP", "GPE", "ORG"})


def _definite_of_party(trigger: Token) -> bool:
    """A definite event noun that names a party — "the Russian invasion", "the invasion of Ukraine" — refers to
    a known fact as a possessor does ("Russia's invasion")."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in trigger.children):
        return False
    for c in trigger.children:
        if c.dep_ in ("amod", "compound") and c.ent_type_ in _PARTY_ENTS:
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.ent_type_ in _PARTY_ENTS
                                                          for g in c.children):
            return True
    return False


def _condition_prep(prep: Token, m: Modality) -> bool:
    """The preposition (or one it is coordinated with) attaches to a verb of ``condition_verbs``."""
    while prep.dep_ == "conj" and prep.head.i != prep.i:
        prep = prep.head
    return prep.dep_ == "prep" and prep.head.lemma_.lower() in m.condition_verbs

"""Who a statement is by and about: the parties of a speaker's act (docs/events.md, "Statements").

Why a module of its own: the act (``speech.py``) and its parties change for different reasons. These
helpers find the addressee of a demand, the claimant of a rejected claim, the owner of a blamed deed,
the doer a deed noun refers back to, and tell when two actors are one side.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from barometer.events import arguments as A
from barometer.events.anaphora import window_start
from barometer.events.argdata import arg_rules
from barometer.events.lexicon import lexicon
from barometer.events.speechdata import speech_acts
from barometer.layers import EventContext
from barometer.model import Event

FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})


def _clause_verb(tok: Token) -> Token:
    """The verb (or copula) of the clause a content word is in."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return cur


#: Sectors of a state's executive: its government and the forces it commands speak for one side.
EXECUTIVE = frozenset({"GOV", "MIL", "COP", "SPY"})


def _same_side(ctx: EventContext, a: str, b: str) -> bool:
    """The same actor; a state and anyone of it ("Norway" and Norway's minister); or a state's
    government and its own forces ("police must ..." said by the interior minister is an order, not a
    request). A legislature, an opposition or civilians are sides of their own."""
    if a == b:
        return True
    x, y = ctx.actors.by_id(a), ctx.actors.by_id(b)
    if x and y and x.code and x.code == y.code:  # NATO's secretary-general and NATO
        return True
    if not (x and y and x.country and x.country == y.country):
        return False
    if x.kind == "state" or y.kind == "state":
        return True
    sx, sy = ((v.code or "")[3:6] or v.sector for v in (x, y))
    return sx in EXECUTIVE and sy in EXECUTIVE


def _resolve(ctx: EventContext, tok: Token | None, speaker: str) -> tuple[str | None, bool]:
    """(actor, is the speaker's side?) of a subject phrase; "we"/"I" and an unresolved "he"/"it" in
    reported speech are the speaker."""
    if tok is None:
        return None, False
    if "]" in tok.text and tok.lower_.replace("[", "").replace("]", "") in FIRST_PERSON:
        return speaker, True  # an editor's bracket: "[W]e must get it done"
    found = A.actors_of(ctx, tok)
    if speaker in found:
        return speaker, True  # "the UK and Poland resisted these arguments": not each other's
    if found:
        return found[0], _same_side(ctx, found[0], speaker)
    low = tok.lower_
    if low in FIRST_PERSON or (tok.pos_ == "PRON" and low in ("he", "she", "it", "they")):
        return speaker, True
    return None, False


def _agent(ctx: EventContext, tok: Token, speaker: str) -> str | None:
    """Whose deed a word names: "Russia's aggression", "Russian aggression", "aggression by X", else
    the subject of its clause."""
    for c in tok.children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i:
            for a in A.actors_of(ctx, c):
                if not _same_side(ctx, a, speaker):
                    return a
    for p in A.pobjs(tok, ("by", "from")):
        for a in A.actors_of(ctx, p):
            if not _same_side(ctx, a, speaker):
                return a
    actor, own = _resolve(ctx, A.subject(_clause_verb(tok))[0], speaker)
    return None if own else actor


def _unnamed(tok: Token | None) -> bool:
    """An unnamed party as a clause's subject: "someone", "those who ...", a plural group noun that
    names no known actor ("foreign powers", "unspecified forces"); never "we", "they" or a thing."""
    if tok is None:
        return False
    words = speech_acts().unnamed
    if tok.lower_ in words and tok.pos_ == "PRON":
        return True
    return tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.lemma_.lower() in words


#: what is asked or put forward: "will not accept Moscow's demands", "regarding Iran's request, ... would not consider"
ASKED = frozenset({"request", "demand", "proposal", "offer", "ultimatum", "condition", "plan"})


def _claimant(ctx: EventContext, content: Span, speaker: str) -> str | None:
    """Whose claim or demand a rejection answers: the possessor of a statement noun of the content, or of a
    noun of what was asked in the content's sentence ("regarding Iran's request, they 'would not consider ...'")."""
    words = speech_acts().statement_nouns
    toks = list(content) + [t for t in content.sent if t.i < content.start or t.i >= content.end]
    for t in toks:
        lemma = t.lemma_.lower()
        if lemma in words or lemma in ASKED:
            found = _possessor(ctx, t, speaker)
            if found:
                return found
    return None


def _possessor(ctx: EventContext, tok: Token, speaker: str) -> str | None:
    """The possessor of a word, when it is another side: "the crash was Iran's doing", "Moscow's claims"."""
    for c in tok.children:
        if c.dep_ == "poss":
            for a in A.actors_of(ctx, c):
                if a != speaker:
                    return a
    return None


#: modals of a demanded clause: "urged that Iran should stop"
DEMAND_AUX = frozenset({"should", "must"})


def _addressee(ctx: EventContext, verb: Token, speaker: str) -> str | None:
    """Whom a verb of saying addresses: its object ("urged Moscow", "accused Kyiv of", "we count on
    Turkey"), the subject of the clause it asks for ("wants Ukraine to recognise"), or the party behind
    its object ("condemned Moscow's invasion", "the proclamation by Trump")."""
    for o in A.children(verb, ("dobj", "dative")):
        for a in A.actors_of(ctx, o):
            if a != speaker:
                return a
    for p in A.pobjs(verb, ("on", "upon", "to", "against", "at", "with", "of", "from")):
        for a in A.actors_of(ctx, p):
            if a != speaker:
                return a
    for c in A.children(verb, ("ccomp",)):
        # "wants Ukraine to recognise", "demanded that Russia withdraw", "urged that Iran should stop" (a
        # bare or modal verb is a demand of its subject; "said that Russia withdrew" is a report)
        auxes = [x.lower_ for x in c.children if x.dep_ == "aux"]
        if "to" in auxes or any(x in DEMAND_AUX for x in auxes) or (c.tag_ == "VB" and not auxes):
            for a in A.actors_of(ctx, A.subject(c)[0]):
                if a != speaker:
                    return a
    for o in A.children(verb, ("dobj",)):
        if o.lemma_.lower() in arg_rules().relational:
            continue  # "accused Kyiv's allies": not Kyiv (args.rel.*)
        found = _agent(ctx, o, speaker) if o.pos_ == "NOUN" else None
        if found:
            return found
    for a in A.setting_partners(ctx, verb):  # "in his call with the Russian leader, Biden warned" (args.setting.*)
        if a != speaker:
            return a
    return None


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: How many sentences back "the accusations", "his remarks" may find who spoke (an event noun, "the attack",
#: looks back over the whole article: on news gold train/dev any window loses right referents).
REFER_WINDOW = 6
#: prepositions naming what a statement answers: "spoke out against the attack", "outrage over the killing"
REACTS_TO = ("against", "over")



def _referent(ctx: EventContext, cue: Token, speaker: str, before: list[Event]) -> str | None:
    """Whose act a definite object of the cue refers back to: "condemned the attack" — the attacker of
    the last attack coded before it; "rejected the accusations" — the accuser (of the speaker's side
    first); "criticised his remarks" — who last spoke (``statements`` nouns)."""
    # "spoke out against the attack", "protested over the killing": a deed a verb of saying answers
    objs = A.children(cue, ("dobj", "nsubjpass")) + A.pobjs(cue, REACTS_TO)
    lo = window_start(cue, REFER_WINDOW)  # a speaker further back than REFER_WINDOW sentences is no antecedent
    for o in objs:
        if o.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and (c.lower_ in _DEFINITE or c.dep_ == "poss")
                                       for c in o.children):
            continue
        lemma = o.lemma_.lower()
        if lemma in speech_acts().statement_nouns:
            said = [q for q in ctx.quotes if lo <= q.start and q.end <= cue.idx and q.speaker
                    and not _same_side(ctx, q.speaker, speaker)]
            if said:
                return max(said, key=lambda q: q.start).speaker
            continue
        if lemma in speech_acts().deed_nouns:  # "criticized the move": whoever last acted (not a statement)
            prior = [e for e in before if e.evidence.end <= cue.idx and e.source
                     and e.status != "reported" and not _same_side(ctx, e.source, speaker)]
            if prior:
                return max(prior, key=lambda e: e.evidence.start).source
            continue
        types = {t.type for t in lexicon().candidates(lemma, "NOUN")}
        prior = [e for e in before if e.type in types and e.evidence.start <= cue.idx and e.source
                 and not _same_side(ctx, e.source, speaker)]
        # "the attack" a speaker answers happened: an attack only said or planned is no referent when one was done
        prior = [e for e in prior if e.status == "asserted"] or prior
        if prior:
            aimed = [e for e in prior if e.target and _same_side(ctx, e.target, speaker)]
            return max(aimed or prior, key=lambda e: e.evidence.start).source
    return None


def _labelled(ctx: EventContext, verb: Token, speaker: str, before: list[Event]) -> str | None:
    """Whose deed a labelling verb's object is: "called the Democrats' investigation a witch hunt" (the
    Democrats), "named the PKK as terrorists" (the PKK), "characterized the attack as a violation" (the
    attacker)."""
    for o in A.children(verb, ("dobj",)):
        for a in A.actors_of(ctx, o):
            if not _same_side(ctx, a, speaker):
                return a
        found = _agent(ctx, o, speaker) if o.pos_ == "NOUN" else None
        if found and not _same_side(ctx, found, speaker):
            return found
    return _referent(ctx, verb, speaker, before)

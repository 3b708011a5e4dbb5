"""Arguments of one trigger hit: who does it and to whom, read off the trigger's syntax.

The coder (``coder.py``) finds hits and decides status, date and pairs; this module answers only
"which actors are the source and the target of this verb or event noun", so that the argument
rules (``data/events/arguments.yaml``, ``argdata.py``) grow here without the coder growing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from barometer.events import arguments as A
from barometer.events.argdata import arg_rules
from barometer.events.filters import entry_fires
from barometer.events.lexicon import Lexicon, Trigger, lexicon, modality
from barometer.layers import EventContext


@dataclass
class Hit:
    """A trigger token that matched a lexicon entry, before arguments are resolved."""

    tok: Token
    trig: Trigger
    anchor: Token  # the verb that carries the clause (the trigger, or the light verb of a noun)


def object_chain_verb(tok: Token, documents: frozenset[str] = frozenset()) -> Token | None:
    """The verb whose object an event noun is, directly or through "of" ("denies any plan of invasion").

    Only object chains count: in "sanctions in the event of an attack" the attacker is not the
    subject of the sentence.
    """
    cur = tok
    for _ in range(4):
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ in ("dobj", "xcomp", "attr") and head.pos_ in ("VERB", "AUX"):
            return head
        if cur.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            cur = head.head
            continue
        if cur.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in documents:
            cur = head.head  # "a resolution in support of Ukraine": whoever passed it supports
            continue
        if cur.dep_ == "pobj" and head.lower_ == "in" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return head.head  # "came out in support of", "voted in favour of", "engaged in talks"
        if cur.dep_ == "conj" and head.pos_ == "VERB" and cur.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in head.children):
            return head  # "promising more weapons to Ukraine and more sanctions against Russia": a second object
        if cur.dep_ == "conj":
            cur = head
            continue
        return None
    return None


def noun_args(h: Hit, ctx: EventContext, lex: Lexicon) -> tuple[list[str], list[str], bool]:
    """(sources, targets, between?) of an event noun."""
    tok = h.tok
    sources: list[str] = []
    owned: list[str] = []  # "ordered Putin's arrest": the owner is acted upon (args.patient.owner)
    patient = tok.lemma_.lower() in arg_rules().patients and not A.pobjs(tok, ("of",))
    for c in tok.children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i:
            if patient and c.dep_ == "poss":
                owned += A.actors_of(ctx, c)
            else:
                sources += A.actors_of(ctx, c)
    agent = A.pobjs(tok, ("by", "from"))
    for p in agent:
        sources += A.actors_of(ctx, p)
    if not sources:  # "the attack on Ukraine by Russia": "by" hung on the noun's own object (args.hung.*)
        for q in A.pobjs(tok, ("of", "on", "against", "to", "with")):
            for p in A.pobjs(q, ("by",)):
                sources += A.actors_of(ctx, p)
    maker = not sources and h.trig.type in arg_rules().maker_of_types
    if maker:  # "at the request of the prime minister", "the demands of the protesters" (args.maker.of)
        sources = [a for p in A.pobjs(tok, ("of",)) for a in A.actors_of(ctx, p)]
    between = A.pobjs(tok, ("between", "among"))
    targets: list[str] = list(owned)
    if between:
        pair = A.actors_of(ctx, between[0])
        if len(pair) >= 2:
            return pair, [], True
    if not sources and (members := arg_rules().joint_members.get(h.trig.type)):
        for p in A.pobjs(tok, members):  # "a meeting of the French and Turkish ministers" (args.joint.members)
            pair = A.actors_of(ctx, p)
            if len(pair) >= 2:
                return pair, [], True
    taken = h.trig.type in arg_rules().destination_types and not h.trig.theme_object and A.pobjs(tok, ("of",))
    for p in A.pobjs(tok, ("on", "against", "of", "with", "to", "into", "in", "upon", "for", "at")):
        if taken and p.head.lower_ in ("to", "into"):
            continue  # "the deportation of children to Russia": where the victims are taken (args.destination.*)
        if maker and p.head.lower_ == "of":
            continue
        if h.trig.theme_object and p.head.lower_ == "of":
            sources += A.actors_of(ctx, p)  # "the dispatch of British soldiers": whose soldiers move
        else:
            targets += A.actors_of(ctx, p)
    if not targets:  # "protests by farmers against the government": the phrase hung on the agent (args.hung.*)
        for p in agent:
            for q in A.pobjs(p, ("on", "against", "upon", "with", "to", "into")):
                targets += [a for a in A.actors_of(ctx, q) if a not in sources]
    if not targets and (h.anchor.i != tok.i or tok.dep_ == "dobj"):
        # "began a military offensive into Syria", "increased cooperation with China": the governing verb's phrase
        for p in A.pobjs(h.anchor if h.anchor.i != tok.i else tok.head, LIGHT_PREPS, through_time=True):
            targets += A.actors_of(ctx, p)
    if not sources and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "for") \
            and tok.head.head.lemma_.lower() in arg_rules().roles:  # "his role in the deportation" (args.role.*)
        sources = A.act_doers(ctx, tok.head.head)
    if not sources:  # "sanctions imposed by the EU on Russia", "the attack was claimed by the Houthis" (args.doer.*)
        sources, more = A.participle_doers(ctx, tok)
        targets = targets or more
    if not sources and h.anchor.i != tok.i:
        subj, passive = A.subject(h.anchor)
        if not passive and not non_agent(subj):
            sources = A.actors_of(ctx, subj)
    if not sources and h.anchor.i == tok.i and not h.trig.needs_light:
        gov = object_chain_verb(tok, lex.document_nouns)
        if gov is not None and not reacts_to_deed(gov, lex) and gov.lemma_.lower() not in arg_rules().observers:
            # "protested the invasion", "Reuters reported the attack": not the attackers (args.observer.*)
            subj, passive = A.subject(gov)
            if not passive and not non_agent(subj):
                sources = A.actors_of(ctx, subj)
    if not sources and targets and h.trig.type in arg_rules().joint and tok.dep_ == "pobj" \
            and tok.head.lower_ in arg_rules().settings.get(h.trig.type, ()) and tok.head.head.pos_ in ("VERB", "AUX"):
        subj, passive = A.subject(tok.head.head)  # "during talks with Xi, Macron urged ...": Macron talks (args.setting.host)
        if not passive and not non_agent(subj):
            sources = [a for a in A.actors_of(ctx, subj) if a not in targets]
    verb = h.anchor if h.anchor.i != tok.i else tok.head
    if not targets and len(set(sources)) >= 2 and tok.dep_ == "dobj" and verb.lemma_.lower() in arg_rules().reciprocal:
        return sources, [], True  # "Kyiv and Moscow traded accusations": each at the other (args.reciprocal.*)
    return sources, targets, False


def reacts_to_deed(verb: Token, lex: Lexicon) -> bool:
    """Whether ``verb`` answers its object's deed ("condemned the invasion", "protested the arrest of X",
    args.deed.*): its subject judges the deed and never did it. The entry that fires on the verb says
    so, not any entry of its lemma: an ACCUSE entry's lemma under a constraint that fails here is no
    judgement."""
    fired = next((t for t in lex.candidates(verb.lemma_.lower(), "VERB") if entry_fires(t, verb)), None)
    return fired is not None and fired.type in arg_rules().deed_types


def non_agent(subj: Token | None) -> bool:
    """"Macron's remarks had prompted the drills": remarks are nobody's agent (args.nonagent.*)."""
    return subj is not None and subj.lemma_.lower() in arg_rules().non_agents


def verb_args(h: Hit, ctx: EventContext, reporter_ids: list[str]) -> tuple[list[str], list[str], bool]:
    tok, trig = h.tok, h.trig
    subj, passive = A.subject(tok)
    if not passive and tok.tag_ == "VBN" and A.agent(tok) is not None:
        passive = True  # "considers itself threatened by NATO"
    if subj is not None and subj.lower_ in A.REFLEXIVES:
        subj, _ = A.subject(subj.head.head) if subj.head.head.i != subj.head.i else (None, False)
    if subj is not None and subj.i == tok.head.i and tok.dep_ == "acl" and tok.tag_ == "VBG" \
            and not A.coded_actor(ctx, subj):
        subj, passive = A.clause_subject(subj)  # "posted a message on Twitter blaming Iran": Pompeo blames
    sources: list[str] = []
    targets: list[str] = []
    if passive:
        if A.act_noun(ctx, subj) and A.agent(tok) is None:  # "EU sanctions were imposed on Moscow": the act's doer did it
            sources += A.act_doers(ctx, subj)  # (args.passive_act.doer)
            targets += [a for p in A.pobjs(subj, ("on", "against", "upon")) for a in A.actors_of(ctx, p)
                        if a not in sources]  # "sanctions on Russia were tightened": Russia is sanctioned
        elif not trig.theme_object:
            targets += A.actors_of(ctx, subj)
        sources += A.actors_of(ctx, A.agent(tok))
        if not sources and A.agent(tok) is None:  # "was killed in a US operation" (args.means.doer)
            sources = means_doers(ctx, tok, trig.type)
    elif trig.from_speaker:
        sources = reporter_ids[:1]  # "the door is open", Macron said: the speaker offers
    else:
        sources += A.actors_of(ctx, subj) or A.event_antecedent_doers(ctx, subj)  # "the US airstrike that killed X"
        if not sources and A.act_noun(ctx, subj) and not non_agent(subj):  # "the attack by Israel killed ten" (args.act_subject.doer)
            sources = A.act_doers(ctx, subj)
        if not sources and subj is not None and subj.lower_ in A.PRONOUNS and reporter_ids:
            sources = reporter_ids[:1]  # "Russia said it would ...", "'We will send ...', Biden said"
    between = A.pobjs(tok, ("between", "among"))
    if between:
        pair = A.actors_of(ctx, between[0])
        if len(pair) >= 2:
            return pair, [], True
    given = arg_rules().recipients.get(tok.lemma_.lower())  # "supplied Ukraine with artillery" (args.recipient.*)
    theme = trig.theme_object and not (given and A.pobjs(tok, given))
    objects = A.children(tok, ("dative",) if theme else ("dobj", "dative"))
    deeds = [o for o in objects if A.deed_object(ctx, o, trig.type)]
    for o in objects:
        targets += A.act_doers(ctx, o) if o in deeds else A.actors_of(ctx, o)
    if theme and not sources:  # "Russian troops were deployed": whose troops
        for o in A.children(tok, ("dobj",)) + ([subj] if passive and subj is not None else []):
            sources += [a for a in A.actors_of(ctx, o) if a not in targets]
    located = frozenset({"at", "in", "near", "inside"}) if targets else frozenset()  # "killed X at a Baghdad airport"
    settings = arg_rules().settings.get(trig.type, frozenset())
    for p in A.pobjs(tok, tuple(trig.target_preps - located), through_time=True):
        if p.head.lower_ in settings and A.talks_noun(ctx, p):
            continue  # "in his call with Putin, Biden warned": the call's partner, never its owner (args.setting.*)
        targets += A.actors_of(ctx, p)
    if not sources and not passive:  # "the deal lifted a Russian blockade of Ukraine's ports" (args.undo.*)
        owners, victims = A.undone_parties(ctx, tok, trig.type)
        if owners:
            return owners, victims, False
    if trig.converse:  # "rebels received weapons from Iran": Iran gives, the rebels receive
        givers = [a for p in A.pobjs(tok, ("from",)) for a in A.actors_of(ctx, p)]
        return givers or gift_owners(ctx, tok, subj if passive else None, sources), sources, False
    if not targets and not deeds:  # "reached an agreement with Peru", "imposed sanctions on Iran", "demanded an explanation from Russia"
        targets = object_noun_targets(ctx, tok, trig.target_preps | arg_rules().object_preps.get(trig.type, frozenset()))
    if not targets and not (tok.lemma_.lower() in A.OBJECT_CONTROL and A.children(tok, ("dobj",))):
        # "asked the governments of the region not to turn away boats of people": the addressee is the
        # object, unresolved or not; the complement's object is never it
        targets = [t for t in complement_targets(ctx, tok, trig) if t not in sources]
    if not targets:  # "imposed sanctions over Russia's invasion of Ukraine": Russia (args.response.*)
        targets = [t for t in A.responded_act_doers(ctx, tok, trig.type)[0] if t not in sources]
    if not targets:  # "Moscow asked China to provide weapons": Moscow receives (args.asker.*)
        targets = [t for t in asker_targets(ctx, tok, trig.type) if t not in sources]
    if not targets:  # "in his call with the Russian leader, Biden warned" (args.setting.*)
        targets = [t for t in A.setting_partners(ctx, tok, trig.type) if t not in sources]
    if not sources and targets and not passive and subj is not None and subj.dep_ == "nsubj" \
            and subj.lower_ in arg_rules().relative_pronouns and subj.head.dep_ == "relcl":
        # "Hamas, which fired rockets at Israel": an act with a target already, so never a new event (args.relative.subject)
        ante = A.actors_of(ctx, subj.head.head)
        sources = ante if not set(ante) & set(targets) else []  # an antecedent that is its own target is a misreading
    return sources, targets, False


def gift_owners(ctx: EventContext, verb: Token, passive_subj: Token | None, receivers: list[str]) -> list[str]:
    """Givers named on the gift itself when a receiving verb has no "from" phrase:
    "the Houthis received Iranian weapons", "Iranian assistance is received by the Houthis"."""
    gifts = [passive_subj] if passive_subj is not None else A.children(verb, ("dobj",))
    return [a for g in gifts for c in g.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < g.i
            for a in A.actors_of(ctx, c) if a not in receivers]


def means_doers(ctx: EventContext, verb: Token, trig_type: str) -> list[str]:
    """Doers of an agentless passive act named by the act noun of its own type it happened in: "was
    killed in a US counter-terrorism operation", "died in an Israeli airstrike" (``means``)."""
    lex = lexicon()
    for p in A.pobjs(verb, arg_rules().means_preps):
        if A.act_noun(ctx, p) and any(t.type == trig_type for t in lex.candidates(p.lemma_.lower(), "NOUN")):
            found = A.act_doers(ctx, p)
            if found:
                return found
    return []


def asker_targets(ctx: EventContext, tok: Token, trig_type: str) -> list[str]:
    """Whoever asks for a gift is its recipient when the gift names none: "Moscow has asked China to
    provide military equipment", "Kyiv requested the US to send air defences" (``askers``)."""
    words = arg_rules().askers.get(trig_type)
    if not words or tok.dep_ != "xcomp" or tok.head.lemma_.lower() not in words:
        return []
    subj, passive = A.subject(tok.head)
    return [] if passive else A.actors_of(ctx, subj)


def object_noun_targets(ctx: EventContext, verb: Token, preps: frozenset[str]) -> list[str]:
    """The target a verb's object noun names in its own phrase ("imposed sanctions on Iran"), also
    through an "of" phrase holding the event noun ("signal the possibility of sanctions against
    Beijing", "raised the prospect of talks with Moscow": args.object_of.*)."""
    out: list[str] = []
    nouns = lexicon_nouns()
    for o in A.children(verb, ("dobj",)) + A.pobjs(verb, ("into",)):  # "entered into an agreement with X"
        if not A.actor_of(ctx, o):
            for p in A.pobjs(o, tuple(preps - {"in"})):
                out += A.actors_of(ctx, p)
            if not out and o.lemma_.lower() in arg_rules().object_of:
                for q in A.pobjs(o, ("of",)):
                    if q.pos_ == "NOUN" and q.lemma_.lower() in nouns and not A.actor_of(ctx, q):
                        for p in A.pobjs(q, tuple(preps - {"in", "of"})):
                            out += A.actors_of(ctx, p)
    return out


@lru_cache(maxsize=1)
def lexicon_nouns() -> frozenset[str]:
    """Lemmas some trigger of the lexicon has as a noun."""
    return frozenset(lemma for lemma, pos in lexicon().by_key if pos == "NOUN")


def complement_targets(ctx: EventContext, tok: Token, trig: Trigger) -> list[str]:
    """Targets of a speech-act verb read off its complement clause: "demanded that the US cancel
    ..." (the complement's subject), "offered to negotiate with Armenia", "promised to continue aid
    to Mozambique" (the complement verb's own object or prepositional target)."""
    out: list[str] = []
    requests = modality().request_verbs
    for c in tok.children:
        if c.dep_ == "ccomp" and tok.lemma_.lower() in requests:
            subj, passive = A.subject(c)
            if subj is not None and not passive and subj.head.i == c.i:
                out += A.actors_of(ctx, subj)
        elif c.dep_ == "xcomp" and c.pos_ == "VERB":
            for o in A.children(c, ("dobj", "dative")):
                out += A.actors_of(ctx, o)
            for p in A.pobjs(c, ("with", "to", "for", "on", "against", "into", "from")):
                out += A.actors_of(ctx, p)
            if not out:
                out += object_noun_targets(ctx, c, frozenset({"to", "for", "on", "against", "with"}))
    return out


#: Prepositions of a light verb whose object is an event noun's target ("launched an attack on X").
LIGHT_PREPS = ("on", "against", "with", "to", "into", "upon", "at")

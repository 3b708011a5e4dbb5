"""Who did what to whom: source and target actors of a trigger, read off the dependency parse.

Only tokens covered by a resolved actor mention (``ActorLayer``) can become a source or target,
so a date, a quantity or an unresolved common noun is never coded as an actor.
"""

from __future__ import annotations

from spacy.tokens import Token

from barometer.events.argdata import arg_rules
from barometer.events.lexicon import lexicon
from barometer.events.locality import pair_antecedent
from barometer.layers import EventContext

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "dative", "attr", "oprd")
#: Verbs whose object is the understood subject of their xcomp ("urged Russia to withdraw").
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "tell", "order", "force", "press", "persuade", "encourage",
                            "invite", "allow", "permit", "compel", "pressure", "pressurize", "request", "warn",
                            "help", "instruct", "get", "want", "expect", "implore", "push", "prompt", "lead"})
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves", "myself"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "i", "them"})


def actor_of(ctx: EventContext, tok: Token | None, _depth: int = 0) -> str | None:
    """The actor a noun phrase headed by ``tok`` refers to.

    The head itself first ("Russia"), then its modifiers that name the actor ("Russian troops",
    "the president of Ukraine", "Moscow's forces"), never relative clauses or other prepositions.
    """
    if tok is None or _depth > 2:
        return None
    hit = ctx.actors.mention_at(tok.idx, tok.idx + len(tok.text))
    if hit:
        return hit.actor_id
    rules = arg_rules()
    if (ante := relative_antecedent(tok)) is not None:
        return actor_of(ctx, ante, _depth + 1)  # "Cyprus, which Turkey does not recognize" (args.relative.*)
    lemma = tok.lemma_.lower()
    if lemma in rules.relational:
        return None  # "Kyiv's allies" are not Kyiv (args.rel.*)
    kids = list(tok.children)
    for dep in (("compound",), ("amod", "nmod"), ("poss",), ("appos",)):
        for c in kids:
            if c.dep_ in dep and c.i < tok.i + 4:
                found = actor_of(ctx, c, _depth + 1)
                if found:
                    return found
    preps = rules.representative.get(lemma, frozenset()) | {"of"}  # "the spokesperson for X" (args.rep.*)
    if tok.pos_ == "NOUN" and victim_of(lemma):
        preps -= {"of"}  # "the invasion of Ukraine" is no Ukraine: its "of" phrase is the victim (args.deed.*)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    found = actor_of(ctx, p, _depth + 1)
                    if found:
                        return found
    return None


def victim_of(lemma: str) -> bool:
    """Whether an event noun's "of" phrase is whom the act is done to ("the invasion of Ukraine", "the
    arrest of X"), so that the noun never stands for that actor (args.deed.*). A noun of a moving act
    is the mover's ("the dispatch of British soldiers": theme objects)."""
    found = lexicon().candidates(lemma, "NOUN")
    return bool(found) and bool(arg_rules().deed_types) and not any(t.theme_object for t in found)


def relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun object stands for: the head its relative clause modifies. Only the
    object: a relative clause's own subject ("Putin, who was attending a forum") mostly tells background
    the news gold does not code (train: 1 gold event found, 7 false positives)."""
    if tok.lower_ in arg_rules().relative_pronouns and tok.dep_ == "dobj" and tok.head.dep_ == "relcl" \
            and tok.i < tok.head.i:
        ante = tok.head.head
        return ante if ante.pos_ in ("NOUN", "PROPN") else None
    return None


def event_antecedent_doers(ctx: EventContext, tok: Token | None) -> list[str]:
    """The doers of the event noun a relative subject stands for: "the US airstrike that killed
    Soleimani", "Russia's attack, which destroyed the bridge" (args.relative.*; the possessor,
    adjective or "by" agent of that noun). A person or group antecedent gives nothing."""
    if tok is None or tok.lower_ not in arg_rules().relative_pronouns or tok.dep_ != "nsubj" or tok.head.dep_ != "relcl":
        return []
    ante = tok.head.head
    if ante.pos_ != "NOUN" or not lexicon().candidates(ante.lemma_.lower(), "NOUN"):
        return []
    return [a for c in ante.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < ante.i
            for a in actors_of(ctx, c)] + [a for p in pobjs(ante, ("by",)) for a in actors_of(ctx, p)]


def actors_of(ctx: EventContext, tok: Token | None) -> list[str]:
    """Actors of a possibly coordinated phrase: "Russia and China" gives both.

    A group noun located in one country ("rebels in the Ivory Coast") becomes a local group actor;
    "the two leaders" / "both sides" are the two actors coordinated just before.
    """
    if tok is None:
        return []
    lex = lexicon()
    if ctx.actors.mention_at(tok.idx, tok.idx + len(tok.text)) is None and (pair := pair_antecedent(ctx, tok)):
        return pair  # "the two leaders agreed": the pair named just before
    out: list[str] = []
    inner = [t for t in _inner_conjuncts(tok) if ctx.actors.mention_at(t.idx, t.idx + len(t.text))]
    for t in (tok, *tok.conjuncts, *(inner if len(inner) >= 2 else ())):
        listed = member_actors(ctx, t)
        for a in listed or [actor_of(ctx, t) or ctx.actors.local_group(t, ctx.places, lex.group_nouns,
                                                                        lex.group_sectors)]:
            if a and a not in out:
                out.append(a)
    return out


def member_actors(ctx: EventContext, tok: Token, _depth: int = 0) -> list[str]:
    """The members a plural noun's own phrase lists, when it lists two or more (args.members.*):
    "the presidents of Comoros, Senegal and Zambia", "his Greek, Cypriot and French counterparts",
    "Seven African leaders – the presidents of X and Y, as well as Egypt's prime minister –"."""
    rules = arg_rules()
    lemma = tok.lemma_.lower()
    if tok.tag_ != "NNS" or lemma not in rules.members or _depth > 2:
        return []
    preps = rules.members[lemma] - ({"of", "from"} if lemma in rules.relational else set())  # "allies of X" are not X
    parts: list[Token] = []
    for p in pobjs(tok, preps):
        parts += _listed(p)
    for c in tok.children:
        if c.dep_ == "amod" and c.conjuncts:
            parts += [c, *c.conjuncts]  # "Greek, Cypriot and French counterparts"
    out: list[str] = []
    for p in parts:
        a = actor_of(ctx, p)
        if a and a not in out:
            out.append(a)
    for c in tok.children:
        if c.dep_ == "appos":  # "Seven African leaders – the presidents of ..., as well as Egypt's prime minister"
            for t in (c, *c.conjuncts):
                for a in member_actors(ctx, t, _depth + 1) or [actor_of(ctx, t)]:
                    if a and a not in out:
                        out.append(a)
    return out if len(out) >= 2 else []


def _listed(tok: Token) -> list[Token]:
    """A listed object and the items coordinated with it, also those the parser hung on it as
    appositions ("of Comoros, Senegal, South Africa and Zambia": Senegal an appos of Comoros)."""
    out, stack = [], [tok]
    while stack and len(out) < 12:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN")
    return out


def _inner_conjuncts(tok: Token) -> list[Token]:
    """Conjuncts the parser hung inside a name's own compound/appos chain: in "US President Donald
    Trump and Turkish President Erdoğan spoke", "and Turkish President" is a conjunct of "Trump",
    itself an apposition under the subject head "Erdoğan". Only names count (tokens an actor mention
    covers, ``actors_of``): "Hagia Sophia, formerly a Greek church and now a museum" is one thing."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ in ("compound", "appos")]
    for _ in range(6):
        if not stack:
            break
        t = stack.pop()
        if t.conjuncts:
            out.extend((t, *t.conjuncts))
        stack.extend(c for c in t.children if c.dep_ in ("compound", "appos"))
    return out


def children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def pobjs(tok: Token, preps: frozenset[str] | set[str] | tuple[str, ...], through_time: bool = False) -> list[Token]:
    """Objects of ``tok``'s prepositions in ``preps``; ``through_time`` also takes those the parser
    hung on a time noun of ``tok`` ("meet in the coming days with Putin": args.time.*)."""
    out: list[Token] = []
    time_nouns = arg_rules().time_nouns if through_time else ()
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        if through_time and (c.dep_ == "npadvmod" or c.dep_ == "prep"):
            for n in ([c] if c.dep_ == "npadvmod" else [p for p in c.children if p.dep_ == "pobj"]):
                if n.lemma_.lower() in time_nouns:
                    out.extend(pobjs(n, preps))
    return out


def subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject of the clause of ``tok``, climbing xcomp/conj/advcl; (token, passive?)."""
    cur = tok
    for _ in range(5):
        for c in cur.children:
            if c.dep_ in SUBJ:
                return c, False
            if c.dep_ in PASS_SUBJ:
                return c, True
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ == "xcomp":
            if head.lemma_.lower() in arg_rules().raising:  # "are expected to promise" (args.raising.*)
                raised = children(head, PASS_SUBJ)
                if raised:
                    return raised[0], False
            if head.lemma_ in OBJECT_CONTROL:
                objs = children(head, ("dobj",)) or [p for p in pobjs(head, ("on", "upon")) if head.lemma_ == "call"]
                if objs:
                    return objs[0], False
            cur = head
            continue
        if cur.dep_ in ("acomp", "oprd") and head.pos_ in ("VERB", "AUX"):
            cur = head  # "France is ready to contribute": ready -> is -> France
            continue
        if cur.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            cur = head
            continue
        if cur.dep_ in ("advcl",) and cur.tag_ in ("VBG", "VBN"):
            cur = head
            continue
        if (cur.dep_ == "pcomp" and cur.tag_ in ("VBG", "VBN") and head.lower_ in arg_rules().shared_subject_preps
                and head.head.pos_ in ("VERB", "AUX")):
            cur = head.head  # "support Moscow by increasing purchases", "injured after being attacked": one subject
            continue
        if (cur.dep_ == "acl" and head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
            cur = head.head  # "denied any plan to attack X": the planner is the denier
            continue
        if (cur.dep_ == "acl" and head.dep_ == "pobj" and head.lemma_.lower() in lexicon().document_nouns
                and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
            cur = head.head.head  # "voted on a resolution to expel the troops": the voters expel (args.document.to)
            continue
        if (cur.dep_ == "pcomp" and cur.tag_ == "VBG" and head.lower_ == "of"
                and head.head.lemma_.lower() in arg_rules().shared_subject_nouns
                and head.head.dep_ in ("dobj", "attr") and head.head.head.pos_ in ("VERB", "AUX")):
            cur = head.head.head  # "had no intention of attacking X", "kept a policy of turning boats away"
            continue
        if (cur.dep_ == "acl" and head.lemma_.lower() in lexicon().document_nouns and head.dep_ in ("dobj", "nsubjpass")
                and cur.tag_ == "VBG"):
            cur = head.head  # "adopted a resolution condemning Russia": the adopter condemns
            continue
        if cur.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            return head, cur.tag_ == "VBN"
        break
    return None, False


def coded_actor(ctx: EventContext, tok: Token) -> bool:
    """Whether ``tok``'s phrase names an actor with a code (not an unidentified local name)."""
    return any((a := ctx.actors.by_id(i)) is not None and a.code for i in actors_of(ctx, tok))


def clause_subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject of the verb whose clause holds the noun ``tok``."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    return subject(cur) if cur.pos_ in ("VERB", "AUX") else (None, False)


def agent(tok: Token) -> Token | None:
    """The "by X" agent of a passive verb."""
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def participle_doers(ctx: EventContext, noun: Token) -> tuple[list[str], list[str]]:
    """(doers, targets) of an event noun read off a verb of ``doers`` that carries it (args.doer.*):
    its participle ("sanctions imposed by the EU on Russia", "atrocities committed by Russian forces")
    or the passive verb it is the subject of ("the attack was claimed by the Houthis")."""
    doers = arg_rules().doers
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if noun.dep_ == "nsubjpass":
        verbs.append(noun.head)
    for v in verbs:
        if v.lemma_.lower() in doers and (by := agent(v)) is not None:
            found = actors_of(ctx, by)
            if found:
                return found, [a for p in pobjs(v, ("on", "against", "to", "upon", "at")) for a in actors_of(ctx, p)]
    return [], []


def agentless_state(ctx: EventContext, tok: Token, target: str | None, place: str | None) -> str | None:
    """The state that did an agentless passive act of ``agentless`` ("71 people were arrested"): the
    state actor of the event's place, else of the target's country (args.agentless.state)."""
    if tok.lemma_.lower() not in arg_rules().agentless or tok.tag_ != "VBN" or agent(tok) is not None:
        return None
    subj, passive = subject(tok)
    if not passive:
        return None
    countries = [p.country for p in ctx.places if place is not None and (p.name or p.text) == place and p.country]
    who = ctx.actors.by_id(target)
    countries += [who.country] if who is not None and who.country else []
    for country in countries:
        state = next((a.id for a in ctx.actors.actors if a.kind == "state" and a.country == country), None)
        if state is not None and state != target:
            return state
    return None


def reporter_clause(tok: Token, reporting: frozenset[str]) -> Token | None:
    """The reporting verb whose complement holds ``tok`` ("Austin estimated that Russia had ...")."""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and head.lemma_ in reporting:
            return head
        if head.lemma_ in reporting and cur.dep_ in ("advcl",) and any(c.lower_ == "as" for c in cur.children):
            return head
        if cur.dep_ == "ccomp" and head.lemma_ not in reporting:
            cur = head
            continue
        if cur.dep_ not in ("conj", "xcomp", "advcl", "dobj", "pobj", "prep", "acl", "relcl", "ccomp", "pcomp", "acomp"):
            # "Russia ..., Austin said": the reporting verb is a child of the main clause
            break
        cur = head
    root = cur
    for c in root.children:  # parataxis / reversed reporting: "Russia amassed troops, officials said"
        if c.lemma_ in reporting and c.dep_ in ("parataxis", "ccomp", "advcl", "conj") and c.i > tok.i:
            if any(s.dep_ in SUBJ for s in c.children):
                return c
    for c in root.children:  # "according to X"
        if c.dep_ == "prep" and c.lower_ == "according":
            return c
    return None


def reporter_actor(ctx: EventContext, verb: Token) -> tuple[str | None, Token | None]:
    if verb.lower_ == "according":
        for p in verb.subtree:
            if p.dep_ == "pobj":
                return actor_of(ctx, p), p
        return None, None
    subj, _ = subject(verb)
    return actor_of(ctx, subj), subj


def responded_act_doers(ctx: EventContext, verb: Token, trig_type: str) -> tuple[list[str], str | None]:
    """([doer], rule id) of the act ``verb`` answers ("sanctions over Russia's invasion", "in response
    to Moscow's annexation"): the possessor, adjective or "by" agent of that act noun (``responses``)."""
    spec = next((r for r in arg_rules().responses if trig_type in r.types), None)
    if spec is None:
        return [], None
    preps, via = frozenset(spec.preps), frozenset(spec.via)
    holders = [verb, *children(verb, ("dobj",))]
    acts = [p for h in holders for p in pobjs(h, preps)]
    acts += [q for h in holders for p in pobjs(h, ("in",)) if p.lemma_.lower() in via for q in pobjs(p, ("to", "for"))]
    acts += [q for h in holders for c in children(h, ("prep",)) if c.lower_ == "in"
             for p in c.children if p.lemma_.lower() in via for q in pobjs(p, ("to", "for"))]
    for act in acts:
        if act.pos_ != "NOUN" or ctx.actors.mention_at(act.idx, act.idx + len(act.text)) is not None:
            continue  # an act, not a party ("arrested after Mayor X was stabbed")
        doers = act_doers(ctx, act)
        if doers:
            return doers, spec.id
    return [], None


def act_doers(ctx: EventContext, act: Token) -> list[str]:
    """Who did the act an event noun names: its possessor, adjective or compound ("Russia's invasion",
    "the Russian invasion") or its "by" agent ("the invasion of Ukraine by Russia"); never its
    "of"/"on" phrase, the victim."""
    return [a for c in act.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < act.i
            for a in actors_of(ctx, c)] + [a for p in pobjs(act, ("by",)) for a in actors_of(ctx, p)]


def deed_object(ctx: EventContext, obj: Token, trig_type: str, types: frozenset[str] | None = None) -> bool:
    """Whether ``obj``, the object of a verbal act of ``trig_type``, is a deed (args.deed.*): an event
    noun that is no actor itself ("condemned the invasion of Ukraine", "criticised the attack on
    Kyiv"). The act is aimed at the deed's doer (``act_doers``), not at its victim: the victim is
    left out, and an unnamed doer is left to the anaphora of the definite object."""
    return trig_type in (arg_rules().deed_types if types is None else types) and act_noun(ctx, obj)


def act_noun(ctx: EventContext, tok: Token | None) -> bool:
    """Whether ``tok`` is an event noun of the lexicon that names no actor itself ("the attack",
    "sanctions"; not "the army")."""
    if tok is None or tok.pos_ != "NOUN" or ctx.actors.mention_at(tok.idx, tok.idx + len(tok.text)) is not None:
        return False
    return bool(lexicon().candidates(tok.lemma_.lower(), "NOUN"))


def undone_parties(ctx: EventContext, verb: Token, trig_type: str) -> tuple[list[str], list[str]]:
    """(doers, victims) of the deed a concession ends (args.undo.*): "the deal lifted a Russian blockade
    of Ukraine's ports" is Russia's concession to Ukraine, whoever brokered it."""
    for o in children(verb, ("dobj",)):
        if deed_object(ctx, o, trig_type, arg_rules().undone_types):
            doers = act_doers(ctx, o)
            if doers:
                return doers, [a for p in pobjs(o, ("of", "on", "against")) for a in actors_of(ctx, p)
                               if a not in doers]
    return [], []


def setting_partners(ctx: EventContext, verb: Token, trig_type: str | None = None) -> list[str]:
    """Whom a verbal act told in talks is addressed to: the "with" phrase of the CONSULT noun of the
    verb's "in"/"during" phrase ("in his phone call with the Russian leader, Biden warned ...",
    args.setting.*). ``trig_type`` None: any type of ``settings`` (a quotation's cue)."""
    rules = arg_rules().settings
    preps = rules.get(trig_type) if trig_type is not None else frozenset().union(*rules.values())
    if not preps:
        return []
    for p in pobjs(verb, preps):
        if talks_noun(ctx, p):
            found = [a for q in pobjs(p, ("with",)) for a in actors_of(ctx, q)]
            if found:
                return found
    return []


def talks_noun(ctx: EventContext, tok: Token) -> bool:
    """Whether ``tok`` is a CONSULT noun of the lexicon ("call", "talks", "meeting") that names no actor."""
    return act_noun(ctx, tok) and any(t.type == "CONSULT" for t in lexicon().candidates(tok.lemma_.lower(), "NOUN"))

"""Statements as their speakers' acts: every attributed statement is a candidate verbal event.

Why: in real news most events are statements. "The minister claimed that the neighbour was preparing
a strike" is an accusation by the minister, not a strike; "the Kremlin said it was ready to fight" a
threat; "Zelensky said the West must send weapons" a request (docs/annotation.md, section 3). The
quotation stage already finds who said what and resolves "he" to the speaker; this module reads each
attribution's cue and content and codes the speaker's act (``data/events/speech_acts.yaml``):

1. a cue the trigger lexicon codes as a verbal act ("accused", "urged", "praised") *is* the act: the
   coder's event for it is the statement's; the statement only fills in a party the coder left out
   (the speaker "he" resolved by the quotation stage, the addressee, whom the content is about);
2. a cue word of ``cues`` decides the act ("attacked the proclamation": ACCUSE, not ASSAULT — the
   trigger reading yields, ``yielding_hits``);
3. otherwise the content decides (``content``): "Ukraine must ..." is a REQUEST to Ukraine, "we are
   ready to ..." an AGREE, "war crimes" an ACCUSE of whoever committed them, "will not accept" a
   REJECT; a plain description matches nothing and codes nothing.

The source is the resolved speaker; the act is asserted (``reported`` with ``said_by`` when the article
has it from a third party, ``negated`` when the cue is). The embedded event is the coder's, with status
``reported`` and ``said_by`` (never done). One statement, one act of each type: a speech act the coder
already coded in that sentence for that speaker is not coded twice.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from barometer.events import arguments as A
from barometer.events.argdata import arg_rules
from barometer.events.dates import event_date
from barometer.events.lexicon import Trigger, lexicon
from barometer.events.ontology import ontology
from barometer.events.past import historical
from barometer.events.speechdata import (
    SPEECH_TYPES,
    Act,
    ContentAct,
    SpeechActsFile,
    speech_acts,
)
from barometer.events.speechparties import (
    _addressee,
    _agent,
    _claimant,
    _clause_verb,
    _labelled,
    _possessor,
    _referent,
    _resolve,
    _same_side,
    _unnamed,
)
from barometer.layers import EventContext
from barometer.model import Event, Quote
from barometer.model import Span as TextSpan

__all__ = ["SPEECH_TYPES", "SpeechActsFile", "speech_acts", "speech_events", "yielding_hits"]
#: "alleged Iranian involvement in the attack": the accused's part in a deed
#: prepositions of place: an actor named as where the reported things happen is no party to them
WHERE = frozenset({"in", "inside", "within", "across", "throughout", "near", "at"})
ROLE_NOUNS = frozenset({"involvement", "role", "part", "responsibility", "complicity", "participation"})


# ---------------------------------------------------------------------------------------------
# Cue, content and parties of one statement.

def cue_head(doc: Doc, q: Quote) -> Token | None:
    """The word that carries a quotation's cue: its verb, else a speech noun or stance adjective."""
    if q.cue_start is None or q.cue_end is None:
        return None
    span = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    inside = {t.i for t in span}
    for pos in ("VERB", "NOUN", "ADJ"):
        toks = [t for t in span if t.pos_ == pos]
        if toks:  # the one whose head lies outside the cue ("has warned": warned)
            return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
    return span.root


def yielding_hits(doc: Doc, ctx: EventContext, hits: list) -> list:  # list[coder.Hit]
    """``hits`` without the trigger readings that yield to a statement: the cue word of a quotation
    whose entry in ``cues``/``neutral`` replaces that trigger, when what the cue acts on is no actor
    and no place ("called the stabbing an act of barbarity": no phone call; "attacked the
    proclamation": a criticism — but "attacked Ukraine" stays an assault)."""
    acts = speech_acts()
    cues = {}
    for q in ctx.quotes:
        tok = cue_head(doc, q)
        if tok is not None and tok.lemma_.lower() in acts.replaces and not _physical_object(ctx, tok):
            cues[tok.i] = acts.replaces[tok.lemma_.lower()]
    return [h for h in hits if h.trig.id not in cues.get(h.tok.i, ())]


def _physical_object(ctx: EventContext, verb: Token) -> bool:
    """The verb acts on an actor or a place (its object, or a "to"/"on" object: "called Putin"), or on
    no object at all ("Russia attacked", "warned that …": the trigger's reading stands)."""
    objs = A.children(verb, ("dobj", "dative")) + A.pobjs(verb, ("on", "to", "at"))
    for o in objs:
        if A.actor_of(ctx, o) or o.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP") or o.pos_ == "PROPN":
            return True
        if any(p.start <= o.idx < p.end for p in ctx.places):
            return True
    return not objs


def _content(doc: Doc, q: Quote) -> Span | None:
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _partner(ctx: EventContext, cue: Token, speaker: str) -> str | None:
    """Whom the speaker talked with when the cue was said in talks ("in his call with the Russian leader,
    Biden warned ...": args.setting.talks)."""
    return next((a for a in A.setting_partners(ctx, cue) if a != speaker), None)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _content_act(ctx: EventContext, q: Quote, cue: Token | None, content: Span, speaker: str,
                 before: list[Event]) -> tuple[ContentAct, str | None] | None:
    """The first content entry that matches, with its target."""
    acts = speech_acts()
    lemma = cue.lemma_.lower() if cue is not None else ""
    text = content.text.lower()
    for entry in acts.data.content:
        if entry.cues and lemma not in entry.cues:
            continue
        if entry.phrases:
            anchors = []
            for m in acts.patterns[entry.id].finditer(text):
                span = content.doc.char_span(content.start_char + m.start(), content.start_char + m.end(),
                                             alignment_mode="expand")
                if span is not None and len(span):
                    anchors.append(span[0])
        else:
            anchors = [content.root]
        for tok in anchors:
            verb = _clause_verb(tok)
            if entry.target == "agent" and verb.lemma_.lower() in acts.labelling and verb.i < tok.i:
                target = _labelled(ctx, verb, speaker, before)  # "called X a crime": X's doer is accused
                if target is not None:
                    return entry, target
            if _anothers_view(ctx, verb, content, speaker):
                continue
            subj = A.subject(verb)[0]
            actor, own = _resolve(ctx, subj, speaker)
            anon = entry.unnamed and actor is None and _unnamed(subj)
            if entry.subject == "other" and (actor is None or own) and not anon:
                continue
            if (entry.subject == "self" and not own) or (entry.subject == "actor" and actor is None):
                continue
            if entry.target == "subject":
                target = None if own else actor
            elif entry.target == "agent":
                target = _agent(ctx, tok, speaker)
            elif entry.target == "object":
                target = _addressee(ctx, _clause_verb(tok), speaker) or (_partner(ctx, cue, speaker) if cue is not None else None)
            elif entry.target == "possessor":
                target = _possessor(ctx, tok, speaker)
            elif entry.target == "claimant":  # "no evidence to support the President's claims": the President
                target = _claimant(ctx, content, speaker)
            else:
                target = None
            if anon:
                target = None
            if entry.needs_target and target is None and not anon:
                continue
            return entry, target
    return None


def _anothers_view(ctx: EventContext, verb: Token, content: Span, speaker: str) -> bool:
    """The clause is what another actor, quoted inside the words, thinks or says: "I believe that
    Ukrainians feel that they must fight" is no demand of the speaker's."""
    head = verb.head
    if verb.dep_ != "ccomp" or not (content.start <= head.i < content.end) or head.pos_ != "VERB":
        return False
    actor, own = _resolve(ctx, A.subject(head)[0], speaker)
    return actor is not None and not own


def _decide(ctx: EventContext, q: Quote, cue: Token | None, content: Span | None, fired: dict[int, Trigger],
            speaker: str, before: list[Event]) -> tuple[Act, str | None, bool] | None:
    """(the act, its target, coded by the coder already?) of one statement, or None."""
    acts = speech_acts()
    if cue is not None:
        trig = fired.get(cue.i)
        lemma = cue.lemma_.lower()
        if trig is not None and trig.type in SPEECH_TYPES and trig.id not in acts.replaces.get(lemma, ()):
            act = Act(id=trig.id, type=trig.type, mode=trig.mode, cameo=trig.cameo)
            target = _addressee(ctx, cue, speaker) or _unknown_party(ctx, cue) or \
                _about(ctx, content, speaker) or _referent(ctx, cue, speaker, before)
            target = target if target != UNKNOWN else None
            if target is None and trig.needs_target:
                return None  # the coder's own condition ("backed the resolution" names no one)
            return act, target, True
        if trig is not None and trig.type not in SPEECH_TYPES:
            return None  # the trigger reading stands: "attacked Ukraine", "its attacks on the Donbas"
        if lemma in acts.cue_acts:
            act = acts.cue_acts[lemma]
            target = _addressee(ctx, cue, speaker) or _unknown_party(ctx, cue) or \
                _about(ctx, content, speaker) or _referent(ctx, cue, speaker, before)
            target = target if target != UNKNOWN else None
            return (act, target, False) if target is not None or not act.needs_target else None
        if trig is not None and trig.type in SPEECH_TYPES:
            return None
    if content is None:
        return None
    found = _content_act(ctx, q, cue, content, speaker, before)
    return (found[0], found[1], False) if found else None


#: the cue's object is a party that names no known actor: the act has no target we know
UNKNOWN = "\0unknown"


def _unknown_party(ctx: EventContext, cue: Token) -> str | None:
    """``UNKNOWN`` when the cue's object is a party no actor stands for ("accused Kyiv's allies of ...",
    "asked the governments of the region to ..."): whom the act is aimed at is said, and is not some
    other actor the words name further on."""
    for o in A.children(cue, ("dobj", "dative")):
        lemma = o.lemma_.lower()
        if (lemma in arg_rules().relational or lemma in lexicon().group_nouns) and not A.actors_of(ctx, o):
            return UNKNOWN
    return None


def _about(ctx: EventContext, content: Span | None, speaker: str) -> str | None:
    """The actor the reported words are about: the subject of their main clause, else the first actor
    they name that is not the speaker's side ("refused to commit to any assistance to the US-led war")."""
    if content is None:
        return None
    actor, own = _resolve(ctx, A.subject(content.root)[0], speaker)
    if actor is not None and not own:
        return actor
    for m in sorted(ctx.actors.mentions, key=lambda m: m.start):
        if content.start_char <= m.start and m.end <= content.end_char and not _same_side(ctx, m.actor_id, speaker):
            span = content.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("poss", "compound", "amod") and \
                    span.root.head.lemma_.lower() in arg_rules().relational:
                continue  # "Kyiv's allies": they are not Kyiv (args.rel.*)
            if span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in WHERE:
                continue  # "denounced the war in Ukraine": where it happens, not whom it is about
            return m.actor_id
    return None


# ---------------------------------------------------------------------------------------------
# The stage step.

def speech_events(doc: Doc, ctx: EventContext, coded: list[Event], fired: dict[int, Trigger],
                  origin: dict[int, int] | None = None) -> list[Event]:
    """``coded`` plus the speech acts of attributed statements; fills parties the coder left out.

    ``fired``: token index → the trigger entry that fired on it (the coder's hits); ``origin``:
    id(event) → its trigger token, for the verbal acts coded without a quotation ("condemned the
    attack" is no quotation, but its target is still the attacker)."""
    onto = ontology()
    added: list[Event] = []
    for q in ctx.quotes:
        speaker = q.speaker
        actor = ctx.actors.by_id(speaker)
        if speaker is None or actor is None:
            continue
        cue, content = cue_head(doc, q), _content(doc, q)
        if not (actor.code or actor.country) and (cue is not None or content is not None):
            # "Ukrainian presidential aide Mykhailo Podolyak": the country the speaker's own phrase names
            sent = (cue if cue is not None else content.root).sent
            ctx.actors.fill_person_country(speaker, TextSpan(start=sent.start_char, end=sent.end_char, text=sent.text),
                                           doc, set(), None, ctx.places)
        if not (actor.code or actor.country):
            continue
        decided = _decide(ctx, q, cue, content, fired, speaker, [*coded, *added])
        if decided is None:
            continue
        act, target, by_coder = decided
        if target is None and cue is not None:  # "in his call with the Russian leader, Biden warned" (args.setting.*)
            target = _partner(ctx, cue, speaker)
        anchor = cue if cue is not None else content.root
        sent = anchor.sent
        target = target if target != speaker else None
        same = [e for e in (*coded, *added) if e.type == act.type and e.evidence.start == sent.start_char]
        mine = [e for e in same if e.source == speaker] or \
            [e for e in same if e.source is not None and _same_side(ctx, e.source, speaker)] or \
            [e for e in same if e.source is None]
        if by_coder and same and not mine:
            # the coder coded the cue's act with a source of its own: for "he"/"she" the quotation
            # stage's speaker (who spoke last, not whom they spoke about) is the source
            subj = A.subject(cue)[0]
            if subj is not None and subj.pos_ == "PRON":
                wrong = A.actor_of(ctx, subj)
                for e in same:
                    if e.source == wrong and wrong is not None and e.target != speaker:
                        e.source = speaker
            continue
        if mine:  # the coder (or another statement) coded this act: fill in what it left out
            for e in mine:
                if e.source is None:
                    e.source = speaker
                if e.status == "reported" and e.said_by == speaker and not q.reported_by:
                    # "France is ready to negotiate, the minister said": saying so is the act itself
                    e.status, e.said_by = "asserted", None
                if e.target is None and target is not None and e.source != target:
                    e.target = target
            continue
        status, said_by = "asserted", None
        if q.reported_by and q.reported_by != speaker:
            status, said_by = "reported", q.reported_by
        if cue is not None and _negated(cue):
            status = "negated"
        quad, goldstein = onto.scores(act.cameo)
        mode = act.mode if act.mode in onto.types[act.type].modes else None
        rule = f"speech.cue<{act.id}" if by_coder else act.id
        date, granularity, own_date = event_date([anchor], ctx.times, ctx.published)
        added.append(Event(
            id="", type=act.type, mode=mode, context=list(onto.cameo[act.cameo].context), cameo=act.cameo,
            quad_class=quad, goldstein=goldstein, source=speaker, target=target, status=status,
            date=date, date_granularity=granularity,
            historical=historical(date, granularity, ctx.published, own_date, signs=False),
            place=None, said_by=said_by, quote=q.id,
            evidence=TextSpan(start=sent.start_char, end=sent.end_char, text=sent.text), rule=rule,
            confidence=0.8 if (by_coder or act.id.startswith("speech.cue")) else 0.75))
    for e in coded:  # verbal acts without a quotation: "condemned the attack", "condemned Moscow's invasion"
        tok = doc[origin[id(e)]] if origin and id(e) in origin else None
        if e.target is None and e.source and e.type in SPEECH_TYPES and tok is not None and tok.pos_ == "VERB":
            before = [x for x in coded if x.evidence.start <= e.evidence.start and x is not e]
            target = _addressee(ctx, tok, e.source) or _referent(ctx, tok, e.source, before)
            if target is not None and not _same_side(ctx, target, e.source):
                e.target = target
    _accused_did_it(doc, coded, origin or {})
    out = [*coded, *added]
    for i, ev in enumerate(out, 1):
        ev.id = f"e{i}"
    return out


def _accused_did_it(doc: Doc, coded: list[Event], origin: dict[int, int]) -> None:
    """"Ukraine accused Russia of shelling Kharkiv", "blamed Iran for the attack", "alleged Iranian
    involvement in the attack": the accused is the doer of the deed the accusation names — the source
    of that embedded event when the coder found none (docs/annotation.md, section 3)."""
    for e in coded:
        tok = doc[origin[id(e)]] if id(e) in origin else None
        if e.type != "ACCUSE" or e.target is None or tok is None or tok.pos_ != "VERB":
            continue
        heads = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                 for g in c.children if g.dep_ in ("pobj", "pcomp")]
        heads += [g for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in ROLE_NOUNS
                  for p in c.children if p.dep_ == "prep" and p.lower_ in ("in", "of") for g in p.children if g.dep_ == "pobj"]
        deed = {h.i for h in heads} | {x.i for h in heads for x in h.children if x.dep_ == "xcomp"}
        for x in coded:
            if x is e or x.source is not None or x.type in SPEECH_TYPES or origin.get(id(x)) not in deed:
                continue
            x.source = e.target
            if x.target == e.target:
                x.target = None
            if x.status == "asserted":
                x.status = "reported"
            x.said_by = x.said_by or e.source

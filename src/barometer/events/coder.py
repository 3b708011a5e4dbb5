"""PLOVER event coder: trigger lexicon + dependency arguments + modality + dates.

For every token whose lemma and part of speech are in the trigger lexicon (``data/events/
triggers.yaml``) and whose argument constraints hold, the coder finds the source (subject, passive
agent, controller of an infinitive, possessor or modifier of an event noun), the target (object,
passive subject, prepositional object, "between X and Y"), the status (``modality.py``), the
reporter of a reported clause or the speaker of a quote, and the date (``dates.py``). Coordinated
actors give one event per pair; "X and Y agreed" / "talks between X and Y" give a symmetric pair.
Each event names its lexicon entry in ``rule`` (plus the status cue that decided a non-asserted
status), and its evidence is the sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LEMMA, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from barometer.events import arguments as A
from barometer.events.anaphora import antecedent, disjoint_targets, ongoing_source, ongoing_target
from barometer.events.argdata import arg_rules
from barometer.events.calibration import calibrate
from barometer.events.dates import event_date, event_place
from barometer.events.derived import derive
from barometer.events.filters import Filters, entry_fires, filters
from barometer.events.hitargs import Hit, noun_args, verb_args
from barometer.events.known import known_date
from barometer.events.lexicon import Lexicon, Modality, Trigger, lexicon, modality
from barometer.events.locality import located_targets, place_target
from barometer.events.merge import merge_facts
from barometer.events.modality import presupposed, status_of
from barometer.events.ontology import ontology
from barometer.events.past import historical, shows_past
from barometer.events.speech import _same_side as same_side
from barometer.events.speech import speech_events, yielding_hits
from barometer.layers import EventContext
from barometer.model import Event, Quote, Span
from barometer.registry import register

#: Acts that only speak of the event they take as object ("condemned the invasion", "discussed the war").
TOPIC_TYPES = frozenset({"ACCUSE", "REJECT", "CONSULT", "SUPPORT"})
#: Event nouns that stay events under a topic verb when they name their doer ("blame Western sanctions").
OWN_DOER_TYPES = frozenset({"SANCTION", "COERCE", "AID", "MOBILIZE", "RETREAT", "PROTEST"})
#: Verbal acts: done in a place, they are not aimed at its country (``place_target`` is for material acts).
#: Acts made by saying them: when the reporter is their own source ("Biden said he was considering sanctions"),
#: the statement is the act, asserted in the article's voice (docs/annotation.md section 4, the speech act itself).
OWN_SPEECH_ACTS = frozenset({"THREATEN"})
TALK = frozenset({"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "THREATEN", "AGREE"})


def lemma_forms(tok: Token) -> set[str]:
    """The lemma plus regular-inflection guesses, for when the lemmatizer slips ("staged" -> "stag")."""
    low, forms = tok.lower_, {tok.lemma_.lower(), tok.lower_}
    if tok.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        forms |= {low[:-1], low[:-2]}
    elif tok.tag_ == "VBZ" and low.endswith("s"):
        forms |= {low[:-1], low[:-2]}
    elif tok.tag_ == "VBG" and low.endswith("ing"):
        forms |= {low[:-3], low[:-3] + "e"}
    return forms


def _light_head(tok: Token, lex: Lexicon) -> Token | None:
    """The light verb that carries an event noun ("held talks", "launched an attack on")."""
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and bool(lemma_forms(head) & lex.light_verbs):
        return head
    if tok.dep_ == "pobj" and bool(lemma_forms(head.head) & lex.light_verbs) and head.lower_ in ("in", "into", "on", "under"):
        return head.head  # "engaged in talks", "went on strike", "put under investigation"
    return None


def _constraints_ok(tok: Token, trig: Trigger, lex: Lexicon) -> bool:
    """The entry's argument constraints hold on ``tok`` (the conditions of events/filters.py, plus
    ``exclude_object``)."""
    return entry_fires(trig, tok)


def find_hits(doc: Doc, lex: Lexicon, ctx: EventContext | None = None, filt: Filters | None = None) -> list[Hit]:
    """Trigger tokens with the first lexicon entry whose constraints hold and that no precision filter
    (``data/events/filters.yaml``) rules out (one entry per token)."""
    hits: list[Hit] = []
    filt = filt or filters()
    strings, lemmas = doc.vocab.strings, lex.lemmas
    # Only verbs (whose lemma may be a lemmatizer slip) and words whose lemma some trigger has can
    # fire: the rest are passed over from an array, without making a Token of each (≈ 4 of 5 tokens).
    for i, (pos_id, lemma_id) in enumerate(doc.to_array([POS, LEMMA]).tolist()):
        if pos_id == AUX:
            continue
        lemma = strings[lemma_id].lower()
        if pos_id != VERB and lemma not in lemmas:
            continue
        tok = doc[i]
        pos = tok.pos_
        cands = lex.candidates(lemma, pos)
        if not cands and pos_id == VERB:  # the lemmatizer's slips: "staged" -> "stag"
            lemma, cands = next(((f, c) for f in lemma_forms(tok) if (c := lex.candidates(f, pos))), (lemma, ()))
        for trig in cands:
            if _constraints_ok(tok, trig, lex) and not filt.blocking(tok, lemma, trig.id, trig.type, ctx):
                anchor = tok
                if tok.pos_ == "NOUN":
                    anchor = _light_head(tok, lex) or tok
                hits.append(Hit(tok, trig, anchor))
                break
    # An event noun that is the object of a verb that itself fired is part of that event when the verb
    # is of its own type ("imposed sanctions") or only speaks of it ("condemned the invasion",
    # "discussed the war"); under another act it is an event of its own, the act asked for, promised
    # or repressed ("urged sanctions", "promising more sanctions", "rallies were repressed").
    fired = {h.tok.i: h.trig.type for h in hits}

    def absorbed(h: Hit, head: int) -> bool:
        if head not in fired:
            return False
        if fired[head] == h.trig.type:
            return True
        # "blame Western sanctions", "oppose American export restrictions": a measure that names its own doer
        # is an event of its own under a verb that only speaks of it; an attack or war so named ("condemn
        # Russia's invasion", "reject Russia's aggression") is the situation the article tells elsewhere
        # (one event per fact: docs/annotation.md)
        return fired[head] in TOPIC_TYPES and not (h.trig.type in OWN_DOER_TYPES and _own_doer(h.tok, ctx))

    return [h for h in hits if not (h.tok.pos_ == "NOUN" and (absorbed(h, h.tok.head.i) or (
        h.anchor.i != h.tok.i and absorbed(h, h.anchor.i))))]


def _own_doer(tok: Token, ctx: EventContext | None) -> bool:
    """An event noun whose possessor or modifier is an actor ("Moscow's invasion", "Western sanctions")."""
    return ctx is not None and any(A.actors_of(ctx, c) for c in tok.children
                                   if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i)


_NOT_ACTOR_TAGS = frozenset({"PRP", "DT", "EX", "CD", "WDT", "WP"})
#: Named-entity labels that make an unresolved subject a plausible (if unidentified) actor.
_ACTOR_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON", "FAC"})


def _unresolved_subject(h: Hit, group_nouns: frozenset[str]) -> bool:
    """The trigger is a verb (or a light verb's noun) with an explicit, non-pronoun noun subject, or a named
    person coerced by no named agent."""
    if h.tok.pos_ != "VERB" and h.anchor.i == h.tok.i:
        return False
    subj, passive = A.subject(h.anchor)
    if passive and subj is not None and _coerced_person(h, subj):
        return True
    if subj is None or subj.tag_ in _NOT_ACTOR_TAGS or subj.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(t.ent_type_ in _ACTOR_ENTS for t in subj.subtree):
        return True  # "Indonesian students", "the Homeland Union"
    heads = {subj.lemma_.lower()} | {p.lemma_.lower() for p in A.pobjs(subj, ("of",))}  # "thousands of workers"
    return bool(heads & group_nouns)


def _coerced_person(h: Hit, subj: Token) -> bool:
    """A named person arrested, detained or banned with no agent named ("Viktar Babaryka, who was arrested",
    "Navalny was detained"): the authorities' act, coded even when no actor resolves (docs/annotation.md:
    the arresting agent is implicit)."""
    if h.trig.type != "COERCE" or h.tok.pos_ != "VERB" or A.agent(h.tok) is not None:
        return False
    return subj.pos_ == "PROPN" or (subj.lower_ in ("who", "whom") and h.tok.dep_ == "relcl" and h.tok.head.pos_ == "PROPN")


def _quote_at(tok: Token, quotes: list[Quote]) -> Quote | None:
    return next((q for q in quotes if q.start <= tok.idx < q.end), None)


def _depth(tok: Token) -> int:
    n = 0
    while tok.head.i != tok.i and n < 8:
        tok = tok.head
        n += 1
    return n


def _pairs(sources: list[str], targets: list[str], symmetric: bool, between: bool) -> list[tuple[str | None, str | None]]:
    sources = list(dict.fromkeys(sources))
    targets = [t for t in dict.fromkeys(targets) if t not in sources]
    if (between or (symmetric and not targets)) and len(sources) >= 2:
        return [(a, b) for a in sources for b in sources if a != b]
    if between and len(sources) >= 2:
        return [(sources[0], sources[1])]
    return [(s, t) for s in (sources or [None]) for t in (targets or [None])]


def code_hits(doc: Doc, ctx: EventContext, hits: list[Hit], mod: Modality, lex: Lexicon,
              origin: dict[int, int] | None = None) -> list[Event]:
    """The events of ``hits``; ``origin`` (when given) receives id(event) -> its trigger token's index."""
    onto = ontology()
    events: list[Event] = []
    triggers = frozenset(i for h in hits for i in (h.tok.i, h.anchor.i))
    for h in hits:
        trig, tok = h.trig, h.tok
        reporter = A.reporter_clause(h.anchor, mod.reporting_verbs)
        reporter_id = None
        if reporter is not None:
            reporter_id, _ = A.reporter_actor(ctx, reporter)
        arg_rule = None
        if tok.pos_ == "NOUN":
            sources, targets, between = noun_args(h, ctx, lex)
            if sources and not targets and not between:  # "Russia escalates its military campaign"
                targets, arg_rule = ongoing_target(trig.type, tok.pos_, sources, events,
                                                   lambda a, b: same_side(ctx, a, b), tok)
            elif targets and not sources and not between and not trig.needs_source:  # "the invasion of Ukraine"
                sources, arg_rule = ongoing_source(trig.type, tok.pos_, targets, events,
                                                   lambda a, b: same_side(ctx, a, b), lambda a, b: _same_country(ctx, a, b), tok)
            if trig.needs_light and h.anchor.i == tok.i and not between and not any(
                    c.dep_ == "poss" for c in tok.children):
                continue
        else:
            quote = _quote_at(tok, ctx.quotes)
            speakers = [x for x in (quote.speaker if quote else None, reporter_id) if x]
            sources, targets, between = verb_args(h, ctx, speakers)
            targets, arg_rule = disjoint_targets(ctx, tok, sources, targets)  # "police fired at them"
            if not set(targets) - set(sources) and not between:  # "NATO condemned these comments": whose comments
                # ("criticised his remarks": "his" may have resolved to the speaker himself)
                found, arg_rule = antecedent(ctx, tok, trig.type, sources, events)
                targets = found or targets
            if sources and not targets and not between and not trig.symmetric:
                targets, arg_rule = ongoing_target(trig.type, tok.pos_, sources, events,
                                                   lambda a, b: same_side(ctx, a, b))
            elif targets and not sources and not between and tok.tag_ == "VBN" and A.agent(tok) is None \
                    and not trig.needs_source:
                # "other firms were also sanctioned": by whoever sanctioned that country's firms before
                sources, arg_rule = ongoing_source(trig.type, tok.pos_, targets, events,
                                                   lambda a, b: same_side(ctx, a, b), lambda a, b: _same_country(ctx, a, b), tok)
        if trig.needs_between and not between:
            continue
        if (moved := arg_rules().moved.get(trig.type)) is not None:  # "withdraws its troops" (args.moved.*)
            sources, targets = moved_forces(ctx, sources, targets, moved)
        unresolved = False
        if not sources and not targets:
            # A verb trigger whose subject is a named or counted group we could not resolve
            # ("thousands of students staged demonstrations") is still an event, with no actor
            # and a low confidence, and so is one whose entry names its subject ("as each bomb exploded");
            # anything else without actors is dropped.
            if not (_unresolved_subject(h, lex.group_nouns) or trig.subject_any):
                continue
            unresolved = True
        pairs = _pairs(sources, targets, trig.symmetric, between)
        if trig.needs_target and all(t is None for _, t in pairs):
            continue
        if trig.needs_source and all(s is None for s, _ in pairs):
            continue
        status, cue = status_of(h.anchor, tok, mod, reporter)
        if trig.from_speaker and status != "negated":
            status, cue = "asserted", None  # the speaker's own act ("the door is open", Macron said)
        if status == "reported" and cue == "status.reported" and trig.type in OWN_SPEECH_ACTS and reporter_id in sources:
            status, cue = "asserted", None  # "Biden said he was considering sanctions": his threat, made by saying it
        quote = _quote_at(tok, ctx.quotes)
        said_by = quote.speaker if quote else reporter_id
        if quote is not None and status == "asserted" and quote.speaker not in sources:
            status, cue = "reported", "status.reported.quote"
        if status in ("requested", "announced", "reported") and presupposed(h.anchor, tok, mod):
            status, cue, said_by = "asserted", None, None
        code = trig.cameo
        quad, goldstein = onto.scores(code)
        sent = tok.sent
        evidence = Span(start=sent.start_char, end=sent.end_char, text=sent.text)
        date, granularity, own_date = event_date([tok, h.anchor], ctx.times, ctx.published, triggers,
                                                 reported=status in ("asserted", "reported"))
        past = historical(date, granularity, ctx.published, own_date, shows_past(tok, h.anchor))
        ids = {a for pair in pairs for a in pair if a}
        taken = [(m.start, m.end) for a in ids if (actor := ctx.actors.by_id(a)) for m in actor.mentions]
        place = event_place(h.anchor if h.anchor.i != tok.i else tok, doc, ctx.places, taken)
        for a in sorted(ids):  # in a fixed order: filling one person's country can inform the next
            ctx.actors.fill_person_country(a, evidence, doc, ids - {a}, place, ctx.places)
        pairs, arg_rule = located_targets(ctx, tok, trig.type, pairs, arg_rule)  # "civilians" of Ukraine
        if tok.pos_ == "VERB" and all(s is None for s, _ in pairs):  # "71 people were arrested" (args.agentless.*)
            pairs = [(A.agentless_state(ctx, tok, t, place), t) for _, t in pairs]
            arg_rule = arg_rule or ("args.agentless.state" if any(s for s, _ in pairs) else None)
        if tok.pos_ == "VERB" and not trig.symmetric and any(t is None for _, t in pairs) and trig.type not in TALK:
            where = place_target(ctx, tok, place, set(sources))
            if where is not None:
                pairs = [(s, t or where) for s, t in pairs]
        base = (0.9 if tok.pos_ == "VERB" else 0.8) - 0.04 * min(_depth(h.anchor), 5)
        if h.anchor.dep_ in ("advcl", "acl", "relcl"):
            base -= 0.15  # a purpose or modifying clause ("... to demand X") is not the sentence's main event
        for s, t in pairs:
            e_date, e_gran, e_past, known = date, granularity, past, None
            known = None if own_date else known_date(tok, trig.type, s, t, _actor_facts(ctx), ctx.published)
            if known is not None and historical(known.start, "day", ctx.published, True, False):
                e_date, e_gran, e_past = known.start, "day", True  # "the invasion": its start (events/known.py)
            else:
                known = None  # in the weeks after its start the known event is the ongoing news itself
            if unresolved:  # an unidentified group did it: never above 0.5
                conf = min(base, 0.5) - (0.05 if t is None else 0.0)
            else:
                defaulted = arg_rule == "args.agentless.state"  # a convention, not read off the sentence
                conf = base - (0.25 if s is None or defaulted else 0.0) - (0.05 if t is None else 0.0)
            events.append(Event(
                id=f"e{len(events) + 1}", type=trig.type, mode=trig.mode, context=list(trig.context),
                cameo=code, quad_class=quad, goldstein=goldstein, source=s, target=t, status=status,
                date=e_date, date_granularity=e_gran, historical=e_past, place=place, said_by=said_by if said_by != s or status == "reported" else said_by,
                quote=quote.id if quote else None, evidence=evidence,
                rule=trig.id + (f"+{cue}" if cue else "") + (f"+{arg_rule}" if arg_rule else "") + (f"+{known.id}" if known else ""), confidence=round(max(0.05, min(1.0, conf)), 3)))
            if origin is not None:
                origin[id(events[-1])] = tok.i
    return _dedupe(events)


def _same_country(ctx: EventContext, a: str, b: str) -> bool:
    """Whether two actors are of one country (or are one actor): "Ukraine" and Ukrainian civilians."""
    x, y = ctx.actors.by_id(a), ctx.actors.by_id(b)
    return a == b or bool(x and y and (x.country or x.code) and (x.country or x.code) == (y.country or y.code))


def _actor_facts(ctx: EventContext):
    """(country, kind) of an actor id, for known_date."""
    def facts(a: str) -> tuple[str | None, str | None]:
        actor = ctx.actors.by_id(a)
        return (actor.country, actor.kind) if actor is not None else (None, None)
    return facts


def moved_forces(ctx: EventContext, sources: list[str], targets: list[str],
                 moved: frozenset[str]) -> tuple[list[str], list[str]]:
    """(sources, targets) of an act that moves forces once the forces moved are no target (args.moved.*):
    a force of ``moved`` sectors with no country, or of a source's country ("Russia withdrew Russian
    troops"), is what moves; with no source, a force of a country is the mover ("plans to remove
    American troops": the US withdraws)."""
    countries = {a.country for s in sources if (a := ctx.actors.by_id(s)) is not None and a.country}
    forces = [t for t in targets if (a := ctx.actors.by_id(t)) is not None and a.sector in moved
              and (not a.country or a.country in countries or not sources)]
    if not sources:
        sources = [t for t in forces if (a := ctx.actors.by_id(t)) is not None and a.country][:1]
    return sources, [t for t in targets if t not in forces]


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (sentence, type, source, target, status); an event with no source is dropped
    when the same sentence has a sourced event of that type and target ("placed soldiers on alert
    to reinforce NATO" is one mobilisation, not two)."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.evidence.start, e.type, e.source, e.target, e.status)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    kept = list(best.values())
    out = []
    for e in kept:
        if e.source is None and any(o is not e and o.source is not None and o.type == e.type
                                    and o.evidence.start == e.evidence.start and o.target in (e.target, None)
                                    for o in kept):
            continue
        out.append(e)
    out.sort(key=lambda e: events.index(e))
    for i, e in enumerate(out, 1):
        e.id = f"e{i}"
    return out


@register("event_coder", "barometer.event_coder.v1", requires=("article", "actors", "times", "places", "quotes"),
          assigns="events")
def code_events(doc: Doc, ctx: EventContext) -> list[Event]:
    """The events of one article (the v1 stage: ``ctx`` is the pipeline's ``Layers``)."""
    lex, mod = lexicon(), modality()
    hits = yielding_hits(doc, ctx, find_hits(doc, lex, ctx))
    fired = {h.tok.i: h.trig for h in hits}
    origin: dict[int, int] = {}
    coded = derive(doc, code_hits(doc, ctx, hits, mod, lex, origin), speaks_for=_speaks_for(ctx))
    return calibrate(merge_facts(speech_events(doc, ctx, coded, fired, origin), ctx.actors.by_id), ctx.actors.by_id)


def _speaks_for(ctx: EventContext) -> Callable[[str, str], bool]:
    """Whether actor ``a`` (a person) is an official of state ``b``: same country, ``b`` a state."""
    def check(a: str, b: str) -> bool:
        person, state = ctx.actors.by_id(a), ctx.actors.by_id(b)
        return bool(person and state and person.kind == "person" and state.kind == "state" and person.country
                    and person.country == state.country)
    return check


def primary_event(events: list[Event]) -> Event | None:
    """The event a one-label-per-sentence coding would keep: what the sentence says happened
    (asserted or reported) before what was announced, requested, feared or denied, and of those a verbal
    act it states in its own voice (the speaker's act: "the US claimed that ISIL had attacked Iraq" is the ACCUSE,
    docs/annotation.md section 3) before what it only has from a speaker; then the most confident (the
    coder's raw score when ranking within a sentence: eval/events.py), then the first."""
    if any(_own_act(e) for e in events):
        events = [e for e in events if e.status != "reported"]
    return max(events, key=lambda e: (e.status in ("asserted", "reported"), e.confidence), default=None)


#: Verbal acts: what a speaker does by speaking (docs/annotation.md section 3).
VERBAL_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE"})


def _own_act(e: Event) -> bool:
    """A verbal act the sentence states in its own voice (not an intent derived from another event)."""
    return e.status == "asserted" and e.type in VERBAL_TYPES and not e.rule.startswith("derived.")

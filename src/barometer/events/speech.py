"""Statements as their speakers' acts: every attributed statement is a candidate verbal event.

Why: in real news most events are statements. "The minister claimed that the neighbour was preparing
a strike" is an accusation by the minister, not a strike; "the Kremlin said it was ready to continue"
a threat; "Zelensky said the West must send weapons" a request. The quotation stage already finds
who said what (and resolves "he" to the speaker); this module reads each attribution's cue and
content and codes the speaker's act (``data/events/speech_acts.yaml``, every entry with an id):

1. the cue decides when it is itself an act ("accused", "urged", "praised", "denied");
2. "warned" is a THREATEN when its content names consequences;
3. a neutral cue ("said", "told", "added") leaves it to the content: "must" is a REQUEST, "will not
   accept" a REJECT, "war crimes" an ACCUSE, "ready to" an AGREE, ...; a plain description codes
   nothing.

The source is the resolved speaker, the target the actor the cue addresses ("urged Moscow") or, for
content-decided acts, the actor the content is about. The act is asserted (reported when the
article has it from a third party, negated when the cue is). Embedded events stay what the event
coder made of them (status ``reported`` with ``said_by``). A speech act the coder already coded in
that sentence for that speaker is not coded twice; its missing parties are filled in instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from spacy.tokens import Doc, Span, Token

from barometer.errors import KnowledgeBaseError
from barometer.events.dates import event_date
from barometer.events.ontology import ontology
from barometer.layers import EventContext
from barometer.model import Event, Quote
from barometer.model import Span as TextSpan

DATA = "events/speech_acts.yaml"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    type: str
    mode: str | None = None
    cameo: str


class CueAct(_Entry):
    lemmas: tuple[str, ...] = Field(min_length=1)
    particle: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()


class ContentAct(_Entry):
    phrases: tuple[str, ...] = Field(min_length=1)


class SpeechActs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    cues: tuple[CueAct, ...]
    warn_content: ContentAct
    content: tuple[ContentAct, ...]

    @model_validator(mode="after")
    def _unique(self) -> SpeechActs:
        onto = ontology()
        seen: set[str] = set()
        lemmas: dict[str, str] = {}
        for e in (*self.cues, self.warn_content, *self.content):
            if e.id in seen:
                raise ValueError(f"duplicate id {e.id!r}")
            seen.add(e.id)
            if e.cameo not in onto.cameo or onto.plover_for(e.cameo) != e.type:
                raise ValueError(f"{e.id}: CAMEO {e.cameo} is not a {e.type} code")
            for lem in getattr(e, "lemmas", ()):
                if lem in lemmas:
                    raise ValueError(f"{e.id}: lemma {lem!r} already listed under {lemmas[lem]}")
                lemmas[lem] = e.id
        return self

    def cue_act(self, lemma: str) -> CueAct | None:
        return next((c for c in self.cues if lemma in c.lemmas), None)


@lru_cache(maxsize=1)
def speech_acts() -> SpeechActs:
    raw = yaml.safe_load(resources.files("barometer.data").joinpath(DATA).read_text("utf-8"))
    try:
        return SpeechActs.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise KnowledgeBaseError(f"{DATA}: {where}: {err['msg']}") from None


def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern:
    parts = []
    for p in phrases:
        words = [re.escape(w).replace(r"\*", r"\w*") if w != "*" else r"\w+" for w in p.lower().split()]
        parts.append(r"\b" + r"\s+".join(words) + (r"\b" if not p.endswith("*") else ""))
    return re.compile("|".join(f"(?:{x})" for x in parts))


@lru_cache(maxsize=64)
def _compiled(entry_id: str) -> re.Pattern:
    acts = speech_acts()
    entry = next(e for e in (acts.warn_content, *acts.content) if e.id == entry_id)
    return _phrase_re(entry.phrases)


def _cue_head(doc: Doc, q: Quote) -> Token | None:
    """The word of the cue that carries it: its verb, else a speech noun or stance adjective."""
    if q.cue_start is None or q.cue_end is None:
        return None
    span = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for pos in ("VERB", "NOUN", "ADJ"):
        toks = [t for t in span if t.pos_ == pos]
        if toks:
            return next((t for t in toks if not (t.head.i in {x.i for x in span} and t.head.i != t.i)), toks[0])
    return span.root


def _content(doc: Doc, q: Quote) -> Span | None:
    return doc.char_span(q.start, q.end, alignment_mode="expand")


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "neg" for c in tok.head.children if tok.dep_ in ("xcomp",) and tok.head.i != tok.i)


def _addressee(ctx: EventContext, cue: Token, speaker: str, lemma_entry: CueAct | None) -> str | None:
    """Whom the cue addresses: its object ("urged Moscow", "accused Kyiv of"), a called-on party."""
    from barometer.events import arguments as A

    for o in A.children(cue, ("dobj", "dative")):
        for a in A.actors_of(ctx, o):
            if a != speaker:
                return a
    preps = ("on", "upon", "to", "against", "at", "with", "for", "of")
    for p in A.pobjs(cue, preps):
        for a in A.actors_of(ctx, p):
            if a != speaker:
                return a
    return None


def _about(ctx: EventContext, content: Span, speaker: str) -> str | None:
    """The actor the reported words are about: the subject of their main verb, else the first actor
    named in them (not the speaker)."""
    from barometer.events import arguments as A

    root = content.root
    subj, _ = A.subject(root)
    for a in A.actors_of(ctx, subj):
        if a != speaker:
            return a
    start, end = content.start_char, content.end_char
    for m in sorted(ctx.actors.mentions, key=lambda m: m.start):
        if start <= m.start and m.end <= end and m.actor_id != speaker:
            return m.actor_id
    return None


def _classify(doc: Doc, ctx: EventContext, q: Quote, cue: Token | None, content: Span | None
              ) -> tuple[_Entry, bool] | None:
    """The act and whether its target is the cue's addressee (else what the content is about)."""
    acts = speech_acts()
    text = content.text.lower() if content is not None else ""
    if cue is not None:
        lemma = cue.lemma_.lower()
        entry = acts.cue_act(lemma)
        if entry is not None and (entry.particle or entry.prep):
            kids = {c.lower_ for c in cue.children if c.dep_ in ("prt", "prep")}
            cue_text = (q.cue or "").lower()
            if not (kids & set(entry.particle + entry.prep) or any(f" {w}" in cue_text for w in entry.prep)):
                entry = None
        if entry is not None:
            return entry, True
        if lemma == "warn":
            return (acts.warn_content, True) if _compiled(acts.warn_content.id).search(text) else None
    if not text:
        return None
    for entry in acts.content:
        if _compiled(entry.id).search(text):
            return entry, False
    return None


def speech_events(doc: Doc, ctx: EventContext, coded: list[Event]) -> list[Event]:
    """``coded`` plus the speech acts of attributed statements; fills parties the coder left out."""
    onto = ontology()
    added: list[Event] = []
    by_sentence: dict[int, list[Event]] = {}
    for e in coded:
        by_sentence.setdefault(e.evidence.start, []).append(e)
    for q in ctx.quotes:
        speaker = q.speaker
        if speaker is None:
            continue
        actor = ctx.actors.by_id(speaker)
        if actor is None or not (actor.code or actor.country):
            continue
        cue = _cue_head(doc, q)
        content = _content(doc, q)
        found = _classify(doc, ctx, q, cue, content)
        if found is None:
            continue
        entry, addressed = found
        anchor = cue if cue is not None else (content.root if content is not None else None)
        if anchor is None:
            continue
        target = _addressee(ctx, cue, speaker, None) if (addressed and cue is not None) else None
        if target is None and content is not None:
            target = _about(ctx, content, speaker)
        sent = anchor.sent
        same = [e for e in by_sentence.get(sent.start_char, []) + added
                if e.type == entry.type and e.evidence.start == sent.start_char]
        if any(e.source == speaker for e in same):
            for e in same:
                if e.source == speaker and e.target is None and target is not None:
                    e.target = target
            continue
        unsourced = [e for e in same if e.source is None]
        if unsourced:
            unsourced[0].source = speaker
            if unsourced[0].target is None:
                unsourced[0].target = target
            continue
        status = "asserted"
        said_by = None
        if q.reported_by:
            status, said_by = "reported", q.reported_by
        if cue is not None and _negated(cue):
            status = "negated"
        quad, goldstein = onto.scores(entry.cameo)
        mode = entry.mode if entry.mode in onto.types[entry.type].modes else None
        added.append(Event(
            id="", type=entry.type, mode=mode, context=list(onto.cameo[entry.cameo].context), cameo=entry.cameo,
            quad_class=quad, goldstein=goldstein, source=speaker, target=target if target != speaker else None,
            status=status, date=event_date([anchor], ctx.times, ctx.published), place=None, said_by=said_by,
            quote=q.id, evidence=TextSpan(start=sent.start_char, end=sent.end_char, text=sent.text),
            rule=entry.id, confidence=0.7 if addressed else 0.6))
    out = coded + added
    for i, ev in enumerate(out, 1):
        ev.id = f"e{i}"
    return out

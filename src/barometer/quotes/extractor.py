"""Quotations attributed to resolved speakers: the ``barometer.quote_extractor.v1`` stage.

``attribution`` finds content/cue/source spans; this module turns the source span into an actor id
of the ``ActorLayer``. Resolution order for a source: an actor mention on the head word (and its
compound name), then any mention inside the source phrase ("a press release from Kiev" -> Kiev's
government, "a Downing Street spokeswoman" -> the UK government); a pronoun with no mention of its own
takes the speaker of the previous attribution (speaker continuity). A person the actor stage did not
resolve stays ``speaker=None`` with its ``speaker_text``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from barometer.layers import ActorLayer
from barometer.model import Quote
from barometer.nlp import doc_text
from barometer.quotes.attribution import find_attributions
from barometer.quotes.lexicon import cue_lexicon
from barometer.registry import register


def resolve_source(doc: Doc, actors: ActorLayer, head_i: int | None, span: tuple[int, int] | None) -> str | None:
    """The actor id a source phrase refers to, or None."""
    if span is None:
        return None
    if head_i is not None:
        head = doc[head_i]
        name = [t for t in head.children if t.dep_ in ("compound", "flat") and t.i < head.i] + [head]
        start, end = min(t.idx for t in name), head.idx + len(head.text)
        m = actors.mention_at(start, end)
        if m is not None and m.start <= head.idx < m.end:
            return m.actor_id
        if head.pos_ in ("PRON", "PROPN"):
            return None  # a pronoun or a name the actor stage did not resolve: no guessing
    inside = [m for m in actors.mentions if span[0] <= m.start and m.end <= span[1]]
    documentary = head_i is not None and doc[head_i].lemma_.lower() in cue_lexicon().documents
    if not documentary:  # "a Downing Street spokeswoman": an institution may stand in, a country may not
        by_id = {a.id: a for a in actors.actors}
        inside = [m for m in inside if (a := by_id.get(m.actor_id)) is not None
                  and (a.sector or a.kind in ("organization", "group"))]
    if not inside:
        return None
    # prefer people, then the mention nearest the head word
    pivot = doc[head_i].idx if head_i is not None else span[0]
    kinds = {a.id: a.kind for a in actors.actors}
    inside.sort(key=lambda m: (kinds.get(m.actor_id) != "person", abs(m.start - pivot)))
    return inside[0].actor_id


FIRST_PERSON = {"i", "we", "me", "us"}


def _is_pronoun(doc: Doc, head_i: int | None) -> bool:
    return head_i is not None and doc[head_i].pos_ == "PRON"


@register("quote_extractor", "barometer.quote_extractor.v1")
def extract_quotes(doc: Doc, actors: ActorLayer) -> list[Quote]:
    atts = find_attributions(doc)
    text = doc_text(doc)
    speakers: list[tuple[str | None, str | None]] = []
    quotes: list[Quote] = []
    last: tuple[str | None, str | None] = (None, None)
    for att in atts:
        speaker_text = text[att.source[0]:att.source[1]] if att.source else None
        speaker = resolve_source(doc, actors, att.source_head, att.source)
        pronoun = _is_pronoun(doc, att.source_head)
        if att.source is None and att.continued_from is not None:
            speaker, speaker_text = speakers[att.continued_from]
        elif speaker is None and pronoun and doc[att.source_head].lower_ not in FIRST_PERSON:
            # speaker continuity: the pronoun refers to the last named source (resolved or not)
            kinds = {a.id: a.kind for a in actors.actors}
            personal = doc[att.source_head].lower_ in ("he", "she")
            if last[0] is not None and not (personal and kinds.get(last[0]) not in ("person", None)):
                speaker = last[0]
        if att.source is not None and not pronoun:
            last = (speaker, speaker_text)
        speakers.append((speaker, speaker_text))
        reported_text = text[att.reported_by[0]:att.reported_by[1]] if att.reported_by else None
        reported = resolve_source(doc, actors, att.reported_by_head, att.reported_by)
        start, end = att.content
        kind = att.kind(text)
        if kind == "direct" and len(att.marks) == 1:
            start, end = att.marks[0].inner_start, att.marks[0].inner_end
            while end > start and text[end - 1] in " ,":
                end -= 1
        cue = text[att.cue[0]:att.cue[1]] if att.cue else None
        quotes.append(Quote(id=f"q{len(quotes) + 1}", text=text[start:end], kind=kind, speaker=speaker,
                            speaker_text=speaker_text, cue=cue, cue_start=att.cue[0] if att.cue else None,
                            cue_end=att.cue[1] if att.cue else None, start=start, end=end, reported_by=reported,
                            reported_by_text=reported_text, rule=att.rule))
    return quotes

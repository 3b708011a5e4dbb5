"""What the quotation stage publishes: the attributions that are quotations in the news guide's sense
(docs/annotation.md section 7), with their published extent. The event stage reads every attribution;
``publish_quotes`` runs after it (pipeline.py)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from barometer.model import Event, Quote
from barometer.nlp import doc_text
from barometer.quotes.lexicon import cue_lexicon


def _clausal(doc: Doc, start: int, end: int) -> bool:
    """The content holds a clause with a subject of its own ("that troops were massing") or an ``as``
    predicate ("dismissed the claim as groundless", "referred to the vote as a hoax"), not only a noun
    phrase or a subjectless infinitive ("the attack", "to name Moscow's activities")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    of = span.root.head
    if span.root.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in cue_lexicon().nouns \
            and of.head.dep_ == "nsubjpass":
        return True  # "the declaration of X's reluctance was expressed by Y": a speech noun's content
    for t in span:
        if t.lower_ == "as" and t.dep_ == "prep" and any(True for _ in t.children):
            return True
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and start <= c.idx < end
                                             for c in t.children) and not _in_noun_clause(t, span):
            return True
    return False


def _in_noun_clause(t, span) -> bool:  # noqa: ANN001 - spaCy Token and Span
    """``t`` heads a clause that belongs to a noun of the span ("the memoranda in which Turkey and Libya
    agreed …", "suggestions that Russia was trying …"): the content is still that noun phrase."""
    while span.start <= t.i < span.end and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        t = t.head
    return False


def news_quotation(doc: Doc, rule: str, start: int, end: int) -> bool:
    """Whether an attribution is a quotation in the news guide's sense (docs/annotation.md section 7):
    not a state of mind or an act (``quote.filter.mental``, ``quote.filter.acts``), and a stance verb
    only with a clause of its own (``quote.filter.stance``; quote marks around a noun phrase do not
    make it one: "thanked “the police …”", "denounced the US' “peak hysteria”" — letting them in cost
    content F1 on train and dev)."""
    lex = cue_lexicon()
    if rule in lex.not_quotation or _no_words(doc, start, end, lex.act_objects.get(rule, frozenset())):
        return False
    return rule not in lex.clause_only or _clausal(doc, start, end)


def _no_words(doc: Doc, start: int, end: int, acts: frozenset[str]) -> bool:
    """The content is no words said: a lone relative pronoun ("which", "who": the parser's object of a
    cue in a relative clause), a date or time ("called Wednesday"), or a noun phrase headed by one of
    the cue's act objects ("claimed responsibility", "declared victory")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not (t.is_punct or t.is_space or t.pos_ == "DET")] if span is not None else []
    if not words:
        return False
    if all(t.tag_ in ("WDT", "WP") or t.ent_type_ in ("DATE", "TIME") for t in words):
        return True
    if not acts or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    roots = [t for t in words if not (start <= t.head.idx < end) or t.head.i == t.i]
    return len(roots) == 1 and roots[0].lemma_.lower() in acts


def _agentless_passive(doc: Doc, q: Quote) -> bool:
    """The cue is a passive with no agent ("The attacker is reported to have jumped", "It was emphasized
    that …"): nobody is said to have said it (its subject is what was said, not who said it)."""
    if q.cue_start is None or q.cue_end is None:
        return False
    span = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
    verbs = [t for t in span if t.pos_ == "VERB"] if span is not None else []
    return bool(verbs) and all(any(c.dep_ == "auxpass" for c in v.children)
                               and not any(c.dep_ == "agent" for c in v.children) for v in verbs)


def publish_quotes(doc: Doc, quotes: list[Quote], events: list[Event]) -> tuple[list[Quote], list[Event]]:
    """The quotations an analysis publishes: the quote layer without the attributions that are no
    quotation in the news guide's sense (``news_quotation``). The event stage reads them all (a stance
    verb with a noun-phrase object is no quotation, but "condemned anti-semitism" is still its speaker's
    accusation); published quotes are numbered anew and events stated in a left-out one keep their
    ``said_by`` but no ``quote``."""
    kept = [q for q in quotes if q.rule is None or (news_quotation(doc, q.rule, q.start, q.end)
                                                     and not _agentless_passive(doc, q))]
    text = doc_text(doc)
    for k, q in enumerate(kept):
        start, end = _predicate(doc, q)
        end = _without_aside(doc, start, end)
        start = _without_complementizer(doc, start, end)
        if (start, end) != (q.start, q.end) and end > start:
            kept[k] = q.model_copy(update={"start": start, "end": end, "text": text[start:end]})
    if len(kept) == len(quotes):
        return kept, events
    ids = {q.id: f"q{k}" for k, q in enumerate(kept, 1)}
    kept = [q.model_copy(update={"id": ids[q.id]}) for q in kept]
    events = [e.model_copy(update={"quote": ids.get(e.quote)}) if e.quote is not None else e for e in events]
    return kept, events


def _without_complementizer(doc: Doc, start: int, end: int) -> int:
    """The start of a content without the "that" opening its clause ("said that troops were massing" ->
    "troops were massing"): the complementizer joins the clause to the cue, it is not what was said
    (docs/annotation.md section 7: the words reported)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return start
    first = span[0]
    if first.lower_ != "that" or first.dep_ != "mark" or not span.start < first.head.i < span.end:
        return start
    nxt = doc[first.i + 1]
    return max(start, nxt.idx)


def _predicate(doc: Doc, q: Quote) -> tuple[int, int]:
    """The published extent of a "described X as Y" or "blamed X for Y" content: Y (``quote.filter.predicate``)."""
    preps = cue_lexicon().predicate.get(q.rule or "")
    span = doc.char_span(q.start, q.end, alignment_mode="expand") if preps else None
    if span is None:
        return q.start, q.end
    for t in span:
        objs = [c for c in t.children if c.dep_ in ("pobj", "pcomp")]
        if t.dep_ == "prep" and t.lower_ in preps and objs and t.i > span.start:
            sub = [x for x in objs[0].subtree if span.start <= x.i < span.end]
            s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            s, e = max(s, q.start), min(max(e, q.end if doc[sub[-1].i].is_quote else e), q.end)
            return s, e
    return q.start, q.end


DASH_ASIDE = re.compile(r"\s[—–]\s")


def _without_aside(doc: Doc, start: int, end: int) -> int:
    """The end of a content without a trailing participle of the writer's after a dash ("… “demilitarisation
    in action” — using the same term used by Russia …"): a present participle with no subject is how the
    article describes the saying, not what was said."""
    text = doc_text(doc)
    for at in [m.end() for m in DASH_ASIDE.finditer(text, start, end)]:
        span = doc.char_span(at, end, alignment_mode="expand")
        words = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
        if words and words[0].tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in words[0].children):
            cut = at
            while cut > start and text[cut - 1] in " ,—–":
                cut -= 1
            return cut
    return end

"""Syntactic queries over the parse that more than one stage asks: the clause a token belongs to,
and which dated time expression or place governs it.

Why here: the event coder dates and places events with the time and place layers, whichever stage
made them; these answers depend only on the parse and on character offsets (``TimeRef``/``Place``),
not on how the expressions were found, so the layers answer them (``TimeLayer.governing``,
``PlaceLayer.for_span``) with the functions below instead of the event coder importing the v1
time and place stages.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from barometer.model import Place, TimeRef


def clause_head(token: Token) -> Token:
    """The verb whose clause holds ``token`` (the token itself when it is a verb)."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head != t:
        t = t.head
    return t


# ---------------------------------------------------------------------------------------------
# Which time governs an event trigger
# ---------------------------------------------------------------------------------------------

#: Clause links through which a time still governs the linked verb ("agreed to meet on Monday").
_CLIMB = ("xcomp", "conj", "advcl")


def governing_time(times: Iterable[TimeRef], token: Token) -> TimeRef | None:
    """The dated time expression that governs the clause of ``token``, or None.

    A time governs a trigger when it hangs on the trigger itself ("the attack on Monday") or on the
    trigger's clause verb ("rejected these requests on Wednesday"); failing that, on a verb the
    clause is an xcomp/conj/advcl of. Reported clauses (ccomp) do not inherit the date of the
    reporting verb: in "said on Tuesday their forces had withdrawn", Tuesday dates the saying.
    Durations and reference years ("the 1997 borders") never date events.
    """
    doc = token.doc
    sent = token.sent
    dated = []
    for t in times:
        if t.role in ("duration", "reference") or t.value is None:
            continue
        if t.end <= sent.start_char or t.start >= sent.end_char:
            continue  # outside the sentence's characters: no need to find its tokens
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        # Outside the sentence's tokens it cannot be in the sentence (a cheap test before .sent).
        if span is not None and span.end > sent.start and span.start < sent.end and span.sent == sent:
            dated.append((t, span))
    if not dated:
        return None

    def heads(span: Span) -> list[Token]:
        chain, t = [], span.root.head
        while True:
            chain.append(t)
            if t.pos_ in ("VERB", "AUX") or t.head == t:
                return chain
            t = t.head

    verb = clause_head(token)
    targets = [token]
    v = verb
    while True:
        targets.append(v)
        if v.dep_ not in _CLIMB or v.head == v:
            break
        v = clause_head(v.head)
    for target in targets:
        hits = [(t, s) for t, s in dated if target in heads(s) and not (s.start <= target.i < s.end)]
        if hits:
            return min(hits, key=lambda p: abs(p[1].root.i - token.i))[0]
    return None


# ---------------------------------------------------------------------------------------------
# Which place governs an event trigger
# ---------------------------------------------------------------------------------------------

#: Prepositions that put what they govern at a location ("in Kyiv", "near the town of Samarra").
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout",
                            "within", "into", "on", "off", "along", "over", "to", "from"})
_PRECISION = {"facility": 6, "city": 5, "admin1": 4, "region": 3, "place": 3, "country": 2, "continent": 1}


def _locative(tok: Token, verb: Token) -> bool:
    """Whether the path from a place token up to ``verb`` passes a locative preposition."""
    t = tok
    while t != verb and t.head != t:
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in LOCATIVE_PREPS:
            return True
        if t.dep_ in ("npadvmod",):
            return True
        t = t.head
    return False


def governing_place(places: Iterable[Place], start: int, end: int, doc: Doc) -> str | None:
    """The place name that the clause of the trigger at [start, end) puts the event in, or None.

    A place counts when its head chain reaches the trigger's clause verb through a locative
    preposition ("attacked in Kyiv", "a rally in Lagos", "the town of Samarra") or as a direct
    object that is not a metonym ("shut down Kathmandu"). The most precise place wins (facility >
    city > admin1 > region > country), then the nearest to the trigger.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not places:
        return None
    verb = clause_head(span.root)
    sent = span.sent
    best: tuple[int, int, str] | None = None
    for p in places:
        if p.end <= sent.start_char or p.start >= sent.end_char:
            continue  # outside the sentence's characters: no need to find its tokens
        pspan = doc.char_span(p.start, p.end, alignment_mode="expand")
        # A place whose tokens all lie outside the trigger's sentence cannot share it: skipping it
        # first spares a sentence lookup per place and trigger (the same result, found faster).
        if pspan is None or pspan.end <= sent.start or pspan.start >= sent.end or pspan.sent != sent:
            continue
        root = pspan.root
        if clause_head(root) != verb and clause_head(root.head) != verb:
            continue
        if not (_locative(root, verb) or root.dep_ in ("dobj", "appos") or root.head.lower_ == "of"):
            continue
        key = (_PRECISION.get(p.feature or "place", 0), -abs(root.i - span.root.i))
        if best is None or key > best[:2]:
            best = (key[0], key[1], p.name or p.text)
    return best[2] if best else None

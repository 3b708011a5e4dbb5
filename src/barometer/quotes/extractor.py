"""Quotations attributed to resolved speakers: the ``barometer.quote_extractor.v1`` stage.

``attribution`` finds content/cue/source spans; this module turns the source span into an actor id
of the ``ActorLayer``. Resolution order for a source: an actor mention on the head word (and its
compound name), then any mention inside the source phrase ("a press release from Kiev" -> Kiev's
government, "a Downing Street spokeswoman" -> the UK government); a pronoun with no mention of its own
takes the speaker of the previous attribution (speaker continuity). A person the actor stage did not
resolve stays ``speaker=None`` with its ``speaker_text``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from barometer.layers import ActorLayer, Layers
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
        named = _appositive_person(doc, actors, head)
        if named is not None:
            return named
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


def _appositive_person(doc: Doc, actors: ActorLayer, head) -> str | None:  # noqa: ANN001 - spaCy Token
    """"the Minister of Foreign Affairs of this country Sergei Lavrov": the person named in apposition
    to the title (or to a noun of its "of" chain, where the parser may hang the name), not a guess from
    the bodies inside the phrase."""
    kinds = {a.id: a.kind for a in actors.actors}
    chain = [head]
    while True:
        ofs = [c for c in chain[-1].children if c.dep_ == "prep" and c.lower_ == "of"]
        objs = [o for p in ofs[-1:] for o in p.children if o.dep_ == "pobj"]
        if not objs or len(chain) > 4:
            break
        chain.append(objs[0])
    for t in chain:
        for c in t.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i:
                m = actors.mention_at(c.idx, c.idx + len(c.text))
                if m is not None and m.start <= c.idx < m.end and kinds.get(m.actor_id) == "person":
                    return m.actor_id
    return None


FIRST_PERSON = {"i", "we", "me", "us"}
#: A sentence end with no space after it ("… offered NATO.He added that …", "Lukashenko said.The
#: president …"): text pasted without its line breaks; the tagger reads one sentence across it.
GLUED_END = re.compile(r"(?<=[A-Za-z][A-Za-z)\]])\.(?=[A-Z][a-z]|[“\"][A-Z])")


def _within_sentence(text: str, start: int, end: int, cue: tuple[int, int] | None
                     ) -> tuple[int, int, tuple[int, int] | None]:
    """A content (and cue) cut at a glued sentence end: the part on the cue's side (the first part of a
    content after its cue, the last part of one before it)."""
    if cue is not None:
        m = GLUED_END.search(text, cue[0], cue[1])
        if m is not None:
            cue = (cue[0], m.start() + 1)
    before = cue is not None and end <= cue[0]
    hits = list(GLUED_END.finditer(text, start, end))
    if hits:
        if before:
            start = hits[-1].end()
        else:
            end = hits[0].start() + 1
        while start < end and text[start] in " \t\n\"“":
            start += 1
        while end > start and text[end - 1] in " \t\n,;":
            end -= 1
    return start, end, cue
PERSONAL = {"he", "she", "him", "her", "his"}


PLURAL = {"they", "them"}
#: Pronouns naming part of a group ("Some said", "Others argued"): never the one person who spoke last.
SOME = {"some", "others", "many", "several", "few", "most", "both", "all"}
#: How far back (characters) "he" looks for the person it names when nobody has spoken yet.
PERSON_WINDOW = 600


def _last_person_named(actors: ActorLayer, kinds: dict[str, str], at: int, contents: list[tuple[int, int]],
                       after: int = -1) -> str | None:
    """"He told …" with no speaker before it: the last person the article named before the pronoun
    (not inside reported words), within ``PERSON_WINDOW`` characters, and after ``after`` (where the last
    named speaker stood: "… said the Ukrainian ambassador. … What can stop Putin? … - he added" is the
    ambassador still, not Putin)."""
    named = [m for m in actors.mentions if kinds.get(m.actor_id) == "person" and at - PERSON_WINDOW <= m.start
             and m.end <= at and m.start > after and m.end - m.start > 3
             and not any(s <= m.start and m.end <= e for s, e in contents)]
    return max(named, key=lambda m: m.start).actor_id if named else None


def _named_since(actors: ActorLayer, person: str, since: int, at: int, contents: list[tuple[int, int]]) -> bool:
    """Whether ``person`` is named (outside reported words) between the last named source and the pronoun:
    else "he added" goes on with the last person who spoke, not with a person the parser's coreference
    reached further back."""
    return any(m.actor_id == person and since < m.start and m.end <= at
               and not any(s <= m.start and m.end <= e for s, e in contents) for m in actors.mentions)


def _body_of(actors: ActorLayer, person: str | None) -> str | None:
    """The state or organisation of the article that has a person's code (Sameh Shoukry -> EGYGOV)."""
    p = actors.by_id(person)
    code = p.code if p is not None else None
    return next((a.id for a in actors.actors if code and a.kind != "person" and a.code == code), None)


#: Prepositions that name the author of a document ("a statement from the king", "a letter by X").
AUTHOR_PREPS = frozenset({"from", "by"})


def _document_author(doc: Doc, actors: ActorLayer, content: tuple[int, int]) -> tuple[str, str] | None:
    """"The palace issued the following statement from the king": a cue whose object is a document
    with a "from/by X" author names X as the one who speaks, not the body that published it; the
    quotation the colon introduces follows it by speaker continuity."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or span.root.lemma_.lower() not in cue_lexicon().documents:
        return None
    for prep in span.root.children:
        if prep.dep_ != "prep" or prep.lower_ not in AUTHOR_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            sub = list(obj.subtree)
            src = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
            who = resolve_source(doc, actors, obj.i, src)
            if who is not None:
                return who, doc_text(doc)[src[0]:src[1]]
    return None


#: How far back (characters) "the commissioner" looks for the named person it stands for.
ROLE_WINDOW = 1500


def _named_role(doc: Doc, actors: ActorLayer, head_i: int | None, contents: list[tuple[int, int]]) -> str | None:
    """"AU trade commissioner Albert Muchanga announced … The commissioner said": a definite common
    noun ("the commissioner", "the party") that resolved to no one stands for the last actor named with
    that noun in its own name or title (a word of the mention, or an apposition to it), outside reported
    words and within ``ROLE_WINDOW`` characters."""
    if head_i is None:
        return None
    head = doc[head_i]
    if head.tag_ not in ("NN", "NNS") or head.ent_type_ or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
        return None
    lemma, at = head.lemma_.lower(), head.idx
    nouns = cue_lexicon().bodies.get(lemma, frozenset((lemma,)))
    for t in reversed(doc[max(0, head.sent.start - 400):head.sent.start]):
        if t.idx < at - ROLE_WINDOW:
            break
        if t.lemma_.lower() not in nouns or any(s <= t.idx < e for s, e in contents):
            continue
        for u in (t, t.head, *[c for c in t.children if c.dep_ == "appos"]):
            if u.i != t.i and not (u.dep_ == "appos" or t.dep_ in ("appos", "compound")):
                continue
            m = actors.mention_at(u.idx, u.idx + len(u.text))
            if m is not None and m.start <= u.idx < m.end and m.end <= at:
                return m.actor_id
    return None


def _document_of(doc: Doc, head_i: int | None, by_cue: dict[str, str]) -> str | None:
    """"The Reuters news agency reported that … The report added that …": a definite document noun
    ("the report", "the statement") that resolved to no one is the document of the last speaker whose
    cue verb has its lemma."""
    if head_i is None:
        return None
    head = doc[head_i]
    if head.tag_ != "NN" or head.ent_type_ or head.lemma_.lower() not in cue_lexicon().documents or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
        return None
    return by_cue.get(head.lemma_.lower())


def _same_sentence(doc: Doc, before, att) -> bool:  # noqa: ANN001 - two Attributions
    """A subjectless cue in the sentence of the attribution before it, which has a cue of its own."""
    if before.cue is None or att.cue is None or before.source is None:
        return False
    a, b = doc.char_span(*before.cue, alignment_mode="expand"), doc.char_span(*att.cue, alignment_mode="expand")
    return a is not None and b is not None and a[0].sent.start == b[0].sent.start


def _is_pronoun(doc: Doc, head_i: int | None) -> bool:
    return head_i is not None and doc[head_i].pos_ == "PRON"


def bare_actor(doc: Doc, actors: ActorLayer, start: int, end: int) -> bool:
    """The content is nothing but the name of an actor ("responded to Russia", "citing American
    officials"): whom the cue is about or whom it cites, not words anyone said."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not (t.is_punct or t.is_space or t.pos_ == "DET")] if span is not None else []
    if not words:
        return False
    m = actors.mention_at(words[0].idx, words[-1].idx + len(words[-1].text))
    return m is not None and m.start <= words[0].idx and words[-1].idx + len(words[-1].text) <= m.end


def _antecedent_quoted(actors: ActorLayer, actor_id: str, pronoun_at: int, contents: list[tuple[int, int]]) -> bool:
    """The last mention of ``actor_id`` before a pronoun lies inside reported words (earlier ones, or
    the pronoun's own quotation before it): "he" then refers to whoever spoke them, not to the person
    they were about ("… it is likely Putin will try an offensive." — "The situation is complicated,"
    he said: he is the speaker, not Putin)."""
    before = [m for m in actors.mentions if m.actor_id == actor_id and m.end <= pronoun_at
              and m.end - m.start > 3]
    if not before:
        return False
    last = max(before, key=lambda m: m.start)
    return any(s <= last.start and last.end <= e for s, e in contents)


def _trails(t, span, lo: int) -> bool:  # noqa: ANN001 - spaCy Token and Span
    """Everything of ``span`` after ``t``'s subtree hangs on ``t`` or outside the span (on the cue verb:
    "… in a letter earlier this week to other members"), none of it on the content before ``t``."""
    sub = {x.i for x in t.subtree}
    for x in span:
        if x.i <= max(sub) or x.is_punct or x.is_space:
            continue
        h = x
        while h.head.i != h.i and h.i not in sub:
            h = h.head
            if not span.start <= h.i < span.end:
                break
            if h.i < lo:
                return False
    return True


def _without_circumstance(doc: Doc, start: int, end: int) -> int:
    """The end of an indirect content without a trailing time phrase or medium ("… on Monday", "… in a
    letter earlier this week"): the circumstances of the saying the parser hung on the content
    (docs/annotation.md section 7: the words reported). Time clauses stay ("… even after he leaves
    office" is often what was said)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 4:
        return end
    words = [t for t in span if not (t.is_punct or t.is_space)]
    documents = cue_lexicon().documents
    for t in words:
        if t.dep_ != "prep" or t.i <= words[0].i + 2:
            continue
        pobj = [c for c in t.children if c.dep_ == "pobj"]
        if not pobj or not (pobj[0].ent_type_ in ("DATE", "TIME") or pobj[0].lemma_.lower() in documents):
            continue
        lo = min(x.i for x in t.subtree)
        if _trails(t, span, lo):
            cut = doc[lo].idx
            while cut > start and doc_text(doc)[cut - 1] in " ,;":
                cut -= 1
            return cut
    return end


@register("quote_extractor", "barometer.quote_extractor.v1", requires=("actors",), assigns="quotes")
def quote_stage(doc: Doc, layers: Layers) -> list[Quote]:
    """The v1 quote stage: attributions, their sources resolved to actors."""
    return extract_quotes(doc, layers.actors)


def extract_quotes(doc: Doc, actors: ActorLayer) -> list[Quote]:
    atts = find_attributions(doc)
    text = doc_text(doc)
    speakers: list[tuple[str | None, str | None]] = []
    quotes: list[Quote] = []
    last: tuple[str | None, str | None] = (None, None)
    last_person: str | None = None
    last_source_at, last_role = -1, None  # where the last named source stood; it, if a one-person role ("the ambassador")
    kinds = {a.id: a.kind for a in actors.actors}
    contents: list[tuple[int, int]] = []
    by_cue: dict[str, str] = {}  # the last speaker of each cue lemma ("reported" -> "the report")
    for att in atts:
        speaker_text = text[att.source[0]:att.source[1]] if att.source else None
        speaker = resolve_source(doc, actors, att.source_head, att.source)
        pronoun = _is_pronoun(doc, att.source_head)
        if speaker is None and att.source is not None and not pronoun:
            speaker = _named_role(doc, actors, att.source_head, contents)
        if speaker is None and att.source is not None and not pronoun:
            speaker = _document_of(doc, att.source_head, by_cue)
        author = _document_author(doc, actors, att.content) if att.source is not None and not pronoun else None
        if author is not None:
            speaker, speaker_text = author
        personal = pronoun and doc[att.source_head].lower_ in PERSONAL
        if personal and speaker is not None and last_person is not None and speaker != last_person and (
                kinds.get(speaker) != "person"
                or _antecedent_quoted(actors, speaker, doc[att.source_head].idx, contents + att.fragments)
                or not _named_since(actors, speaker, last_source_at, doc[att.source_head].idx, contents)):
            speaker = None  # "she said" resolved to a country, or to a person only spoken about: see below
        if att.source is None and att.continued_from is not None:
            speaker, speaker_text = speakers[att.continued_from]
        elif att.source is None and att.cue is not None and speakers and _same_sentence(doc, atts[len(speakers) - 1], att):
            speaker, speaker_text = speakers[-1]  # "X told a call: “…” but added that …": X still
        elif speaker is None and pronoun and doc[att.source_head].lower_ not in FIRST_PERSON:
            # speaker continuity: the pronoun refers to the last named source (resolved or not); "he"
            # and "she" to the last person who spoke
            if personal and last_person is not None:
                speaker = last_person
            elif last[0] is not None and not (personal and kinds.get(last[0]) not in ("person", None)):
                speaker = last[0]
        if speaker is None and personal and att.source is not None:
            speaker = _last_person_named(actors, kinds, doc[att.source_head].idx, contents, last_source_at)
            if speaker is None and last_role is not None:
                speaker = last_role  # "said the Ukrainian ambassador … he added": the one-person role spoke on
        if pronoun and doc[att.source_head].lower_ in SOME and kinds.get(speaker) == "person":
            speaker = _body_of(actors, speaker)  # "Some called for …": some of the body, never its one speaker
        if pronoun and doc[att.source_head].lower_ in PLURAL and kinds.get(speaker) == "person":
            speaker = _body_of(actors, speaker) or speaker  # "They said": the body, not one of its people
        start, end = att.content
        kind = att.kind(text)
        if kind == "indirect" and bare_actor(doc, actors, start, end):
            speakers.append((speaker, speaker_text))  # "does not respond to Russia": no quotation, and no
            continue  # speaker either, so the chain of who spoke goes on past it
        if att.source is not None and not pronoun:
            last = (speaker, speaker_text)
            last_source_at = att.source[0]
            head = doc[att.source_head]
            last_role = speaker if head.tag_ == "NN" and head.ent_type_ == "" else None
        if speaker is not None and kinds.get(speaker) == "person":
            last_person = speaker
        contents.extend(att.fragments)
        speakers.append((speaker, speaker_text))
        if speaker is not None and att.cue_lemma:
            by_cue[att.cue_lemma] = speaker
        reported_text = text[att.reported_by[0]:att.reported_by[1]] if att.reported_by else None
        reported = resolve_source(doc, actors, att.reported_by_head, att.reported_by)
        if kind == "direct" and len(att.marks) == 1:
            start, end = att.marks[0].inner_start, att.marks[0].inner_end
            while end > start and text[end - 1] in " ,":
                end -= 1
        start, end, cue_span = _within_sentence(text, start, end, att.cue)
        if kind == "indirect":
            end = _without_circumstance(doc, start, end)
        if end <= start:
            continue
        cue = text[cue_span[0]:cue_span[1]] if cue_span else None
        for who, who_text in [(speaker, speaker_text), *_co_speakers(doc, actors, att.source_head, speaker)]:
            quotes.append(Quote(id=f"q{len(quotes) + 1}", text=text[start:end], kind=kind, speaker=who,
                                speaker_text=who_text, cue=cue, cue_start=cue_span[0] if cue_span else None,
                                cue_end=cue_span[1] if cue_span else None, start=start, end=end,
                                reported_by=reported, reported_by_text=reported_text, rule=att.rule))
    return quotes


def _co_speakers(doc: Doc, actors: ActorLayer, head_i: int | None, first: str | None) -> list[tuple[str, str]]:
    """The other named parties of a coordinated source ("The UK, Poland and the Baltic states …
    saying", "both Saudi Arabia and the United States have alleged"): one quotation each, as the guide
    codes one statement per party. Unnamed others ("Mr Ramaphosa and others") add none."""
    if head_i is None or first is None:
        return []
    out: list[tuple[str, str]] = []
    seen = {first}
    for c in doc[head_i].conjuncts:
        if c.i < head_i or c.pos_ != "PROPN":
            continue
        name = [t for t in c.children if t.dep_ in ("compound", "flat") and t.i < c.i] + [c]
        m = actors.mention_at(min(t.idx for t in name), c.idx + len(c.text))
        if m is not None and m.start <= c.idx < m.end and m.actor_id not in seen:
            seen.add(m.actor_id)
            out.append((m.actor_id, doc_text(doc)[m.start:m.end]))
    return out

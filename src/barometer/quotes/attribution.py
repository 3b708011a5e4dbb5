"""Attribution relations: content, cue and source spans found from quote marks and the parse.

This module knows nothing about actors: it returns raw spans (the PolNeAR notion of an attribution),
which ``extractor`` then resolves to actor ids. Rules, in order:

1. a cue verb from the lexicon (outside quote marks) with a reported frame — that-clause or quoted
   clause (ccomp/parataxis), infinitive (``urged X to``), object (``denies any plan``) or
   prepositional object (``called for a meeting``) — is a cue; the frame's subtree, widened to any
   quote-mark span it touches, is the content;
2. ``according to X`` is a cue; when its clause already has a cue it is the second, reporting source
   (nested attribution), otherwise the rest of its clause is the content;
3. a quote-mark span that no cue claimed is attributed by a colon lead-in (``he said:``), a dash
   after the quote (``” — Joe Biden``), a cue verb without content in the same sentence, or — for a
   quote that makes up most of its sentence — by speaker continuity (the previous attribution);
   a short quoted fragment with none of these is a scare quote and is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from barometer.nlp import doc_text
from barometer.quotes.lexicon import CueLexicon, CueVerb, cue_lexicon
from barometer.quotes.marks import MarkSpan, find_mark_spans

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
POSTPOSED_DEPS = {"dobj", "attr", "nsubj", "npadvmod", "oprd"}
INHERIT_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl", "acomp"}
CONTRAST_MARKS = {"while", "whereas", "although", "though"}
AUX_IN_CUE = True
TRIM = set(" \t\n,.;:!?—―–-")
OBJECT_PREDICATE_PREPS = {"as", "for"}
WORDLIKE = re.compile(r"[^\W\d_]+")  # content needs one word: not only numbers, dates or @handles
# a line opening with a short name and a colon: a transcript turn or a headline's speaker
SPEAKER_LINE = re.compile(r"[ \t]*((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*)[ \t]*:[ \t]+(\S)")
SPEAKER_PREFIX = re.compile(r"[ \t]*((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*)[ \t]*:[ \t]*")
TITLE_SHARE = 0.8  # share of capitalised words that makes a line a title-case headline
#: Longest line read as a possible headline (characters).
TITLE_MAX_CHARS = 300
STANDALONE_SHARE = 0.6  # share of a sentence a quote must cover to stand without a cue
# embed markup left in the text (<tweet author="…">, a tag at a line's end): it holds no cue and no quotation
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|</?[A-Za-z][\w-]*/?(?=\s*$)", re.M)
# a wire dateline the parser hangs on the first subject: "ORLANDO, Fla. (Reuters) - ", "WASHINGTON (AP) — "
# (a hyphen joined to the next word is a compound, not a dateline: "AFL-CIO", "EB-5")
DATELINE = re.compile(r"[A-Z][A-Za-z .,'’]*?(?:\([A-Za-z .]+\)[ \t]*[-—–]+|[A-Z]{2,}[ \t]*(?:[—–]+|-+(?!\w)))[ \t]*")


@dataclass
class Attribution:
    """One who-said-what relation as character spans into ``doc.text``."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    rule: str
    source_head: int | None = None  # token index of the source's head word
    cue_lemma: str | None = None
    reported_by: tuple[int, int] | None = None
    reported_by_head: int | None = None
    reported_cue: tuple[int, int] | None = None
    continued_from: int | None = None  # index of the attribution whose speaker this one inherits
    marks: list[MarkSpan] = field(default_factory=list)
    # discontinuous content ("“A,” she said, “B.”", "The museum, he said, celebrated ..."): the pieces
    # of ``content`` without the interrupting cue clause; empty when the content is one piece
    pieces: list[tuple[int, int]] = field(default_factory=list)
    # the source with its relative clauses ("X, who attended the session,"): the span PolNeAR marks
    source_full: tuple[int, int] | None = None
    reported_by_full: tuple[int, int] | None = None  # the same for ``reported_by``

    @property
    def fragments(self) -> list[tuple[int, int]]:
        """The content as character fragments (one, unless a cue clause interrupts it)."""
        return list(self.pieces) or [self.content]

    def kind(self, text: str) -> str:
        """direct: nothing but quoted words; partial: quoted fragments in reported speech; else indirect."""
        if not self.marks:
            return "indirect"
        s, e = self.content
        rest = [" "] * (e - s)
        for fs, fe in self.fragments:
            rest[fs - s:fe - s] = text[fs:fe]
        for m in self.marks:
            for i in range(max(m.start, s), min(m.end, e)):
                rest[i - s] = " "
        return "partial" if re.search(r"[^\W\d_]{2,}", "".join(rest)) else "direct"


def _extent(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _trim(text: str, start: int, end: int, keep_marks: list[MarkSpan] | None = None) -> tuple[int, int]:
    """Strip spaces and dangling punctuation at both ends (never a quote mark's closing glyph)."""
    protected = {m.end for m in keep_marks or []}
    while start < end and (text[start] in TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in TRIM or text[end - 1].isspace()) and end not in protected:
        end -= 1
    return start, end


class _Finder:
    def __init__(self, doc: Doc, lex: CueLexicon) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.marks = find_mark_spans(self.text)
        # per token (idx, pos, lower, lemma) as integers, read once: the passes below skip most tokens
        # on these alone, without making a Token of each
        self.attrs: list[list[int]] = doc.to_array([IDX, POS, LOWER, LEMMA]).tolist()
        self.mark_of = [-1] * len(doc)
        mi = 0
        for i, (idx, *_rest) in enumerate(self.attrs):
            while mi < len(self.marks) and self.marks[mi].end <= idx:
                mi += 1
            if mi < len(self.marks) and self.marks[mi].inner_start <= idx < self.marks[mi].inner_end:
                self.mark_of[i] = mi
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", self.text)]
        # embed markup left in the text (<tweet author="..." …>): its words and quoted attribute values
        # are neither cues nor quotations
        self.tags = [(m.start(), m.end()) for m in MARKUP_TAG.finditer(self.text)]
        strings = doc.vocab.strings
        self._ids = (strings["according"], strings["in"], strings["to"])
        # speech nouns and stance adjectives by the hash of their lemma (see ``verb_cues``)
        self.noun_ids = {strings[k]: v for k, v in lex.nouns.items()}
        self.adj_ids = {strings[k]: v for k, v in lex.adjectives.items()}
        self.claimed: set[int] = set()
        self.result: list[Attribution] = []
        self.contentless: dict[int, list[tuple[Token, CueVerb]]] = {}  # sentence start -> cue verbs
        self.shared_subject: dict[int, int] = {}  # coordinated cue verb -> the cue whose subject it shares

    def in_tag(self, pos: int) -> bool:
        i = bisect_right(self.tags, (pos, len(self.text) + 1)) - 1
        return i >= 0 and self.tags[i][0] <= pos < self.tags[i][1]

    def para(self, pos: int) -> int:
        return bisect_right(self.para_starts, pos) - 1

    # --- speakers -------------------------------------------------------------------------------
    def subject_of(self, verb: Token, content_before: bool, depth: int = 0) -> Token | None:
        for c in verb.children:  # passive: "was criticised by X" -> X
            if c.dep_ == "agent":
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs and self.mark_of[objs[0].i] < 0:
                    return objs[0]
        for c in verb.children:
            if c.dep_ in SUBJECT_DEPS and self.mark_of[c.i] < 0 and c.pos_ != "SCONJ":
                if c.tag_ in ("WP", "WDT", "WP$") and verb.dep_ == "relcl":
                    return verb.head
                return self._in_paragraph(c, verb)
        if content_before:
            for c in verb.children:
                if c.dep_ in POSTPOSED_DEPS and c.i > verb.i and self.mark_of[c.i] < 0:
                    return c
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and depth < 3:
            # "began by saying", "ridiculed X for criticizing": the gerund's subject is its host's
            host = verb.head.head
            if host.pos_ in ("VERB", "AUX") and host.i != verb.head.i:
                return self.subject_of(host, False, depth + 1)
            return None
        if verb.dep_ == "relcl" and depth == 0:
            return verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") \
                and self.mark_of[verb.head.i] < 0:
            if verb.head.lemma_.lower() in self.lex.documents:  # "issued a statement saying …": who issued it
                return self._noun_source(verb.head) if depth == 0 else None
            if verb.head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or verb.head.pos_ == "PRON":
                return verb.head  # "the PAC backing Bush", "Democrats calling for …": the named agent
            return None
        if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i and depth < 3:
            return self.subject_of(verb.head, False, depth + 1)
        return None

    def _in_paragraph(self, subj: Token, verb: Token) -> Token:
        """A subject the parser took from the line above ("9:30 p.m.\n\nThe senator says"): the
        phrase under it in the verb's own paragraph."""
        here = self.para(verb.idx)
        if self.para(subj.idx) == here:
            return subj
        inside = [t for t in subj.subtree if self.para(t.idx) == here and not t.is_space and not t.is_punct]
        tops = [t for t in inside if t.head.i == subj.i or self.para(t.head.idx) != here]
        return tops[0] if tops else subj

    def _past_dateline(self, subj: Token | None) -> Token | None:
        """The parser makes a wire dateline's city the subject ("ORLANDO, Fla. (Reuters) - President
        Barack Obama said"): the speaker is the apposition after the dateline."""
        if subj is None:
            return None
        hit = DATELINE.match(self.text, subj.sent.start_char, subj.sent.end_char)
        if hit is None or subj.idx >= hit.end():
            return subj
        after = [c for c in subj.children if c.dep_ == "appos" and c.idx >= hit.end()]
        return after[-1] if after else subj

    def _relative_subject(self, verb: Token) -> Token | None:
        """The relative pronoun subject of a cue in a relative clause ("who said"), if any."""
        if verb.dep_ != "relcl":
            return None
        return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT")), None)

    def source_span(self, head: Token, avoid: tuple[int, int] | None, full: bool = False,
                    skip: set[int] | None = None) -> tuple[int, int]:
        """The source phrase around ``head``; ``full`` keeps relative clauses (the PolNeAR source span:
        "Erin Murphy, a former aide who accompanied her,"), otherwise they are cut (the speaker as
        named: "Erin Murphy, a former aide"). Time phrases and focus adverbs ("even", "only") are never
        part of it."""
        here = self.para(head.idx)
        keep: list[Token] = []
        for t in head.subtree:
            if self.mark_of[t.i] >= 0 or self.para(t.idx) != here or (not full and self._under_relcl(t, head)):
                continue
            if full and (self._under_cue_clause(t, head) or self._under_aside(t, head)):
                continue
            if t.head.i == head.i and t.i < head.i and t.pos_ == "ADV" and t.dep_ in ("advmod", "preconj", "cc"):
                continue  # "even some allies", "only one delegate": a focus adverb is not part of who
            if full and t.i > head.i and self._under_time(t, head):
                continue  # "the report on Wednesday": when, not who
            if (t.i in skip) if skip is not None else (avoid and avoid[0] <= t.idx < avoid[1]):
                continue
            keep.append(t)
        # keep the contiguous run around the head
        run = [head]
        idxs = {t.i for t in keep}
        i = head.i - 1
        while i in idxs:
            run.insert(0, self.doc[i])
            i -= 1
        i = head.i + 1
        while i in idxs:
            run.append(self.doc[i])
            i += 1
        start, end = _trim(self.text, *_extent(run))
        dateline = DATELINE.match(self.text, start, end)
        if dateline and dateline.end() < end:
            start = dateline.end()
        return start, end

    @staticmethod
    def _under_time(t: Token, head: Token) -> bool:
        """Inside a preposition on the head that names a time ("at the time", "on Wednesday")."""
        while t.i != head.i and t.head.i != t.i:
            if t.dep_ == "prep" and t.head.i == head.i and any(c.ent_type_ in ("DATE", "TIME") for c in t.children):
                return True
            t = t.head
        return False

    def _under_cue_clause(self, t: Token, head: Token) -> bool:
        """Inside a relative clause that reports speech itself ("X, who also said that ..."): that is
        another attribution, not part of this source."""
        while t.i != head.i and t.head.i != t.i:
            if t.dep_ in ("relcl", "acl") and self.lex.entries(t.lemma_.lower(), t.lower_):
                return True
            t = t.head
        return False

    def _under_aside(self, t: Token, head: Token) -> bool:
        """Inside a participial or adjectival aside set off by a comma ("Mary Smith, clad in red,",
        "the senator, eager to respond,"): a description of the speaker, not part of the name."""
        while t.i != head.i and t.head.i != t.i:
            if t.head.i == head.i and t.dep_ in ("acl", "amod") and t.i > head.i \
                    and self.doc[t.left_edge.i - 1].text == ",":
                return True
            t = t.head
        return False

    @staticmethod
    def _under_relcl(t: Token, head: Token) -> bool:
        """Inside a relative clause or a time phrase hanging off the source: not part of who spoke."""
        while t.i != head.i and t.head.i != t.i:  # spaCy makes a new Token per access: compare .i
            if t.dep_ in ("relcl", "acl"):
                return True
            if t.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in t.children):
                return True  # "a spokeswoman on Friday evening": when, not who
            t = t.head
        return False

    # --- content --------------------------------------------------------------------------------
    def widen(self, start: int, end: int) -> tuple[tuple[int, int], list[MarkSpan]]:
        """Widen a content extent to every quote-mark span it touches."""
        touched = [(i, m) for i, m in enumerate(self.marks) if m.start < end + 2 and m.end > start - 2
                   and (m.inner_start < end and m.inner_end > start)]
        lo, hi = self.para(start), self.para(max(start, end - 1))
        for _, m in touched:
            # a mark span reaching into another paragraph is widened only as far as the content's own
            # paragraphs: a stray straight quote must not pull a neighbouring paragraph in
            ms = m.start if self.para(m.start) >= lo else self.para_starts[lo]
            me = m.end if self.para(m.end - 1) <= hi else self._para_end(hi)
            start, end = min(start, ms), max(end, me)
        return (start, end), [m for _, m in touched]

    def _para_end(self, p: int) -> int:
        end = self.para_starts[p + 1] if p + 1 < len(self.para_starts) else len(self.text)
        return len(self.text[:end].rstrip())

    def content_of(self, verb: Token, entry: CueVerb) -> tuple[list[Token], Token | None] | None:
        """Tokens of the reported content and the preposition that joins the cue, if any."""
        ccomps = [c for c in verb.children if c.dep_ == "ccomp"] if entry.clause else []
        if not ccomps and entry.object:  # "questioned whether ...", "would not discuss whether ..."
            ccomps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and (
                any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
                or any(w.tag_ in ("WDT", "WP", "WRB") and w.i < c.i for w in c.children))]
        if not ccomps and entry.infinitive:  # "wants voters to know …": an infinitive clause with its own subject
            ccomps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and any(
                x.dep_ in ("aux", "auxpass") and x.lower_ == "to" for x in c.children)
                and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]
        if "for" in entry.preps:  # "called for the United States to step up …": the parser's "for"-clause
            for c in verb.children:
                fors = [x for x in c.children if x.dep_ == "mark" and x.lower_ == "for"]
                if c.dep_ == "advcl" and c.i > verb.i and fors and any(x.dep_ == "aux" and x.lower_ == "to"
                                                                        for x in c.children):
                    return [t for t in c.subtree if t.i != fors[0].i], fors[0]
        if entry.object and any(c.dep_ == "agent" for c in verb.children):
            # "Assad, opposed by the rebels" / "the plan was criticised by X": what was opposed
            pas = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if pas:
                return list(pas[0].subtree), None
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return [t for t in verb.head.subtree if t.i not in {x.i for x in verb.subtree}], None
        if verb.dep_ == "relcl" and (entry.object or entry.clause) and not any(
                c.dep_ in ("ccomp", "xcomp") for c in verb.children):
            rel = [c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i and c.tag_ in ("WDT", "WP")]
            if rel:  # "which he has denied": the relative pronoun stands for what was denied; "what he
                # called “the prior model”": with the object predicate
                pred = [t for o in verb.children if o.i > verb.i and o.dep_ == "oprd" for t in o.subtree]
                return sorted([rel[0], *pred], key=lambda t: t.i), None
        if ccomps:
            # "“A”, but “B” last year, said X": two clausal complements on one side are one content
            side = ccomps[0].i < verb.i
            if side and any(c.i > verb.i for c in ccomps) and not any(self.mark_of[t.i] >= 0 for c in ccomps
                                                                      if c.i < verb.i for t in c.subtree):
                side = False  # "On the day that …, Trump told aides that …": the clause after the cue
            toks = [t for c in ccomps if (c.i < verb.i) == side for t in c.subtree]
            if not side:  # "said they had misgivings, but could not bear ...": a clause the parser hung
                last = max(c.i for c in ccomps)  # on the cue instead of the content continues it
                for c in verb.children:
                    # "said that A, and that B": a second that-clause is the same content
                    second_that = c.dep_ == "conj" and any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children)
                    if c.i > last and c.dep_ in ("advcl", "conj") and not self.lex.entries(c.lemma_.lower(), c.lower_) \
                            and (second_that or not any(x.dep_ in SUBJECT_DEPS for x in c.children
                                                        if x.i < c.i and c.dep_ == "conj")):
                        toks.extend(t for t in c.subtree)
                        toks.extend(x for x in verb.children if x.dep_ == "cc" and last < x.i < c.i)
            return sorted(toks, key=lambda t: t.i), None
        for c in verb.children:
            # "supports squeezing out …", "said legalizing it would …": a gerund the parser read as an open
            # complement is the object, or (the parse of) a clause
            if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i and (entry.object or entry.clause) \
                    and not any(x.dep_ == "aux" for x in c.children):
                return list(c.subtree), None
        for c in verb.children:
            if c.dep_ == "xcomp" and entry.infinitive:
                return list(c.subtree), None
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in entry.preps:
                objs = [t for t in c.children if t.dep_ in ("pobj", "pcomp")]
                if objs:
                    toks = [t for o in objs for t in o.subtree]
                    # "accused the agency of hiding ...": the object before the preposition is part of it
                    toks.extend(t for o in verb.children if o.dep_ == "dobj" and verb.i < o.i < c.i and entry.object
                                for t in o.subtree)
                    # "called on X to Y": the infinitive is part of the content; so is "as Y" in
                    # "referred to X as Y"
                    for x in verb.children:
                        if x.dep_ == "xcomp" or (x.dep_ == "prep" and x.i > c.i and x.lower_ in OBJECT_PREDICATE_PREPS
                                                 and x.lower_ not in entry.preps):
                            toks.extend(x.subtree)
                    return sorted(toks, key=lambda t: t.i), c
        for c in verb.children:
            if c.dep_ == "dobj" and entry.object and c.i > verb.i:
                # "called Clinton a liar": the object predicate belongs to the content
                # "described Clinton as a politician", "blasted Oversight for failing": so do "as"/"for"
                extra = [t for o in verb.children if o.i > c.i and (o.dep_ in ("oprd", "ccomp") or (
                    o.dep_ == "prep" and o.lower_ in OBJECT_PREDICATE_PREPS) or self._object_tail(o)) for t in o.subtree]
                return sorted([*c.subtree, *extra], key=lambda t: t.i), None
        if entry.clause and verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
                and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
            # "As Clinton noted, the bill failed": the clause the "as" cue hangs on is the content
            own = {t.i for t in verb.subtree}
            toks = [t for t in verb.head.subtree if t.i not in own]
            return (toks, None) if toks else None
        if entry.clause and not entry.object and not entry.preps and not entry.infinitive:
            objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]
            if objs:  # "says the movement sweeping the country appeals to …": a clause the parser misread
                toks = [t for t in verb.subtree if t.i >= objs[0].left_edge.i]
                return toks, None
        if entry.clause and verb.dep_ == "parataxis" and (
                verb.head.i < verb.i or verb.head.left_edge.i < verb.left_edge.i):
            own = {t.i for t in verb.subtree}
            # "The museum, he said, celebrated ...": the host clause on both sides of the cue
            toks = [t for t in verb.head.subtree if t.i not in own]
            return (toks, None) if toks else None
        return None

    def _object_tail(self, o: Token) -> bool:
        """A modifier after the object that the parser hung on the verb but PolNeAR reads as part of the
        object phrase ("his actions to tighten gun sales", "a concert in support of Sanders", "offered
        Kasich the second spot"): a preposition not set off by a comma and not naming a time, an
        infinitive without a subject of its own, a second object."""
        if o.dep_ == "prep":
            return o.lower_ != "according" and self.doc[o.i - 1].text != "," \
                and not any(x.ent_type_ in ("DATE", "TIME") for x in o.subtree)
        if o.dep_ == "advcl":
            return any(x.dep_ == "aux" and x.lower_ == "to" for x in o.children) \
                and not any(x.dep_ in SUBJECT_DEPS for x in o.children)
        return o.dep_ == "dobj"

    def continuation(self, pos: int, marks: list[MarkSpan]) -> MarkSpan | None:
        """A quote-mark span starting right after ``pos`` (only commas/spaces between), same paragraph."""
        if not marks or not any(m.end <= pos for m in marks):
            return None
        for mi, m in enumerate(self.marks):
            if m.start >= pos:
                gap = self.text[pos:m.start]
                if mi in self.claimed or m in marks or not re.fullmatch(r"[ ,:;.]*", gap):
                    return None
                if self.para(m.start) != self.para(pos) or self._has_own_cue(m, pos):
                    return None
                return m
        return None

    def _has_own_cue(self, m: MarkSpan, pos: int) -> bool:
        """A quote with a cue verb of its own in its sentence (“B,” Y added) does not continue another."""
        span = self.doc.char_span(m.inner_start, m.inner_end, alignment_mode="expand")
        if span is None:
            return False
        end = max(t.sent.end for t in (span[0], span[-1]))
        return any(t.idx >= pos and self.mark_of[t.i] < 0 and t.pos_ in ("VERB", "AUX")
                   and self.lex.entries(t.lemma_.lower(), t.lower_) for t in self.doc[span[0].sent.start:end])

    def _aux_start(self, verb: Token) -> int:
        """Start of the verb group: "has said", "is stressing", "will not deny"."""
        i = verb.i
        while i > 0 and self.doc[i - 1].head.i == verb.i and self.doc[i - 1].dep_ in ("aux", "auxpass", "neg"):
            i -= 1
        return self.doc[i].idx

    def _after_comma(self, t: Token) -> bool:
        """A comma before ``t``, closing quote marks aside (“expanded the party,” claiming ...)."""
        i = t.i - 1
        while i > 0 and self.doc[i].is_quote:
            i -= 1
        return i >= 0 and self.doc[i].text == ","

    def _without_nested(self, toks: list[Token], cue: Token) -> list[Token]:
        """Drop trailing adverbial clauses with their own subject ("..., while Putin agreed on ...") from
        content; a fronted one ("that, while the tax may ..., workers won't") belongs to it."""
        drop: set[int] = set()
        for t in toks:
            # "said X would win, claiming that ...": a participial cue clause trailing the content
            # is a second attribution of the same speaker
            if t.dep_ == "advcl" and t.tag_ == "VBG" and t.head.dep_ == "ccomp" and t.head.head.i == cue.i \
                    and t.i > t.head.i and self._after_comma(t) and self.lex.entries(t.lemma_.lower(), t.lower_) \
                    and not any(c.dep_ in SUBJECT_DEPS for c in t.children):
                drop.update(x.i for x in t.subtree)
                self.shared_subject[t.i] = cue.i
            if t.dep_ == "advcl" and t.head.i != cue.i and t.i > t.head.i and any(c.dep_ in SUBJECT_DEPS for c in t.children):
                marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
                if marks & CONTRAST_MARKS:
                    drop.update(x.i for x in t.subtree)
            # "said that she didn't want to ... and predicted that ...": a coordinated speech verb with a
            # clause of its own is a second attribution of the same speaker, not part of this content
            if t.dep_ == "conj" and t.head.i != cue.i and t.pos_ == "VERB" and self.mark_of[t.i] < 0 \
                    and any(e.clause for e in self.lex.entries(t.lemma_.lower(), t.lower_)) \
                    and not any(c.dep_ in SUBJECT_DEPS for c in t.children) \
                    and any(c.dep_ == "ccomp" for c in t.children):
                drop.update(x.i for x in t.subtree)
                drop.update(x.i for x in t.head.children if x.dep_ == "cc" and x.i < t.i)
                self.shared_subject[t.i] = cue.i
        if not drop:
            return toks
        kept = [t for t in toks if t.i not in drop]
        # a clause cut off in the middle leaves a dangling comma or conjunction: keep the first run only
        first_drop = min(drop)
        return [t for t in kept if t.i < first_drop] or kept

    def _without_trailing_relative(self, toks: list[Token]) -> list[Token]:
        """A non-restrictive relative clause closing the content ("…, which is controversial because …",
        "…, who was nominated in 2012") is the writer's aside, not part of what was said."""
        if not toks:
            return toks
        ids = {t.i for t in toks}
        last = max(ids)
        for t in toks:
            if t.dep_ != "relcl" or t.head.i not in ids or self.mark_of[t.i] >= 0:
                continue
            sub = list(t.subtree)
            lo = sub[0].i
            if sub[-1].i < last - 1 or lo == 0 or self.doc[lo - 1].text not in (",", "—", "–", "-", "--"):
                continue
            if any(self.mark_of[x.i] >= 0 for x in sub):
                continue
            return [x for x in toks if x.i < lo - 1]
        return toks

    def _frame_entries(self, tok: Token) -> list[CueVerb]:
        """A verb outside the lexicon is a cue by its frame: a main-clause verb followed by a that-clause
        with a subject of its own ("she forecast that turnout would fall")."""
        if self.lex.that_clause_id is None or tok.dep_ != "ROOT" or tok.pos_ != "VERB" or not tok.is_alpha:
            return []
        for c in tok.children:
            if c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) \
                    and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                return [CueVerb(id=self.lex.that_clause_id, lemma=tok.lemma_.lower())]
        return []

    @staticmethod
    def _embedded_stance(tok: Token, entries: list[CueVerb]) -> bool:
        """A stance verb as an infinitive hanging off a noun or adjective ("chances to challenge X",
        "likely to support her") names a possibility, not a position taken."""
        if any(e.clause for e in entries) or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False
        return tok.dep_ in ("acl", "xcomp", "advcl", "relcl") and tok.head.pos_ in ("NOUN", "ADJ", "PROPN", "PRON")

    # --- passes ---------------------------------------------------------------------------------
    def verb_cues(self, sent: Span) -> None:
        # integer attributes (hashes, part-of-speech ids) spare a string per token of the document
        according, in_, to = self._ids
        attrs, doc = self.attrs, self.doc
        for i in range(sent.start, sent.end):
            if self.mark_of[i] >= 0:
                continue
            idx, pos, lower, lemma = attrs[i]
            if lower == according and i + 1 < len(doc) and attrs[i + 1][2] == to:
                self.according_to(doc[i])
                continue
            if pos == NOUN or pos == ADJ:
                entry = (self.noun_ids if pos == NOUN else self.adj_ids).get(lemma)
                if entry is not None and (pos == NOUN or doc[i].dep_ == "acomp") and not self.in_tag(idx):
                    self.noun_cue(doc[i], entry)
                continue
            if lower == in_:
                tok = doc[i]
                if tok.dep_ == "prep" and self.lex.in_source_id:
                    self.in_source(tok)
                continue
            if (pos != VERB and pos != AUX) or self.in_tag(idx):
                continue
            tok = doc[i]
            entries = [e for e in self.lex.entries(tok.lemma_.lower(), tok.lower_)
                       if not e.particles or any(c.dep_ == "prt" and c.lower_ in e.particles for c in tok.children)]
            if not entries:
                entries = self._frame_entries(tok)
            if not entries:
                continue
            if self._embedded_stance(tok, entries):
                continue
            entry, found = entries[0], None
            for e in entries:
                found = self.content_of(tok, e)
                if found is not None:
                    entry = e
                    break
            if found is None:
                self.contentless.setdefault(sent.start, []).append((tok, entry))
                continue
            toks, prep = found
            toks = self._without_nested(toks, tok)
            toks = self._without_trailing_relative(toks)
            here = self.para(tok.idx)
            toks = [t for t in toks if not t.is_space and (self.para(t.idx) == here or self.mark_of[t.i] >= 0)]
            if not toks:
                continue
            start, end = _extent(toks)
            (start, end), marks = self.widen(start, end)
            start, end = _trim(self.text, start, end, marks)
            if end <= start:
                continue
            content_before = end <= tok.idx
            subj = self._past_dateline(self.subject_of(self.doc[self.shared_subject.get(tok.i, tok.i)], content_before))
            cue_end = (prep.idx + len(prep.text)) if prep is not None and prep.i == tok.i + 1 else tok.idx + len(tok)
            cue_start = self._aux_start(tok) if AUX_IN_CUE else tok.idx
            for c in tok.children:  # phrasal particle: "pointed out"
                if c.dep_ == "prt" and c.i == tok.i + 1:
                    cue_end = c.idx + len(c.text)
            # the content's own tokens, not its extent: an interrupting cue clause ("the tax, the advisory
            # panel concluded, must rise") lies inside the extent with its whole source
            skip = {t.i for t in toks}
            source = self.source_span(subj, (start, end), skip=skip) if subj is not None else None
            pieces: list[tuple[int, int]] = []
            hole = (min(cue_start, source[0]) if source else cue_start, max(cue_end, source[1]) if source else cue_end)
            if start < hole[0] and hole[1] < end:  # the cue clause interrupts the content
                pieces = [p for p in (_trim(self.text, start, hole[0], marks), _trim(self.text, hole[1], end, marks))
                          if p[1] > p[0]]
            elif source and source[0] < end and source[1] > start:
                source = None
                subj = None
            full = self.source_span(subj, (start, end), full=True, skip=skip) if source and subj is not None else None
            rel = self._relative_subject(tok)
            if rel is not None and source:  # "Mr. Leenders, who estimated ...": PolNeAR marks "who"
                full = (rel.idx, rel.idx + len(rel.text))
            if full and (cue_start < full[1] <= cue_end or any(ps < full[1] and full[0] < pe for ps, pe in pieces)
                         or (start < full[1] and full[0] < end and not pieces)):
                full = None
            if end <= tok.idx:  # "“A,” she said, “B.”" / "“A,” she said. “B.”": the quote goes on
                # the rest of the cue clause ("Obama told reporters. “B”") lies between the two quotes
                rest = [t.idx + len(t.text) for t in tok.subtree
                        if t.idx >= cue_end and self.mark_of[t.i] < 0
                        and not t.is_space and not t.is_punct]
                nxt = self.continuation(max([hole[1], cue_end, full[1] if full else 0, *rest]), marks)
                if nxt is not None:
                    pieces = [*(pieces or [(start, end)]), (nxt.start, nxt.end)]
                    marks = [*marks, nxt]
                    end = nxt.end
            self.add(Attribution(content=(start, end), cue=(cue_start, cue_end), source=source,
                                 source_head=subj.i if subj is not None else None, rule=entry.id,
                                 cue_lemma=entry.lemma, marks=marks, pieces=pieces, source_full=full))

    def _noun_content(self, noun: Token, entry: CueVerb) -> tuple[list[Token], Token | None] | None:
        """The frame of a speech noun after it: a that-clause with its own subject, an infinitive, or the
        object of a listed preposition (returned with the preposition)."""
        for c in noun.children:
            if c.i < noun.i:
                continue
            if entry.clause and c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                   for m in c.children) \
                    and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) and not self._gapped(c):
                return list(c.subtree), None
            if entry.infinitive and c.dep_ in ("acl", "xcomp") and any(m.dep_ == "aux" and m.lower_ == "to"
                                                                       for m in c.children):
                return list(c.subtree), None
            if c.dep_ == "prep" and c.lower_ in entry.preps:
                objs = [t for t in c.children if t.dep_ in ("pobj", "pcomp")]
                if objs:
                    return [t for o in objs for t in o.subtree], c
        return None

    @staticmethod
    def _gapped(clause: Token) -> bool:
        """A relative clause the parser read as a that-clause ("the claim that he made"): nothing follows
        its verb, which is neither passive nor a copula."""
        return not any(c.i > clause.i and not c.is_punct for c in clause.children) \
            and clause.lemma_ != "be" and not any(c.dep_ == "auxpass" for c in clause.children)

    def _noun_source(self, noun: Token) -> Token | None:
        """Who holds the claim: the possessor ("Trump's claim"), a "by" phrase ("claims by the agency"),
        or the subject of the verb the noun is the object of ("he made the suggestion that", "said in a
        statement that")."""
        for c in noun.children:
            if c.dep_ == "poss" and self.mark_of[c.i] < 0:
                return c
        for c in noun.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.i > noun.i:
                objs = [t for t in c.children if t.dep_ == "pobj" and self.mark_of[t.i] < 0]
                if objs:
                    return objs[0]
        host = noun.head
        if noun.dep_ == "pobj" and host.dep_ == "prep":
            host = host.head
        elif noun.dep_ != "dobj":
            return None
        if host.i == noun.i or host.pos_ != "VERB":
            return None
        return self.subject_of(host, False)

    def noun_cue(self, noun: Token, entry: CueVerb) -> None:
        """A speech noun or stance adjective whose own frame holds the content ("his suggestion that the
        vote was rigged", "she is critical of the plan")."""
        found = self._noun_content(noun, entry)
        if found is None and noun.pos_ == "ADJ" and noun.head.i < noun.i:
            # "are adamant that …": the parser hangs the clause on the copula, after the adjective
            found = self._noun_content(noun.head, CueVerb(id=entry.id, lemma=entry.lemma, clause=entry.clause,
                                                          infinitive=entry.infinitive))
            if found is not None and min(t.i for t in found[0]) < noun.i:
                found = None
        if found is None:
            return
        toks, prep = found
        toks = self._without_trailing_relative(toks)
        here = self.para(noun.idx)
        toks = [t for t in toks if not t.is_space and (self.para(t.idx) == here or self.mark_of[t.i] >= 0)]
        if not toks:
            return
        (start, end), marks = self.widen(*_extent(toks))
        start, end = _trim(self.text, start, end, marks)
        if end <= start:
            return
        cue_end = prep.idx + len(prep.text) if prep is not None and prep.i == noun.i + 1 else noun.idx + len(noun.text)
        cue_start = noun.idx
        if noun.pos_ == "ADJ":  # "is critical of": the copula's subject holds the stance
            subj = self.subject_of(noun.head, False) if noun.head.i != noun.i else None
            cue_start = min(self._aux_start(noun.head), noun.idx)
        else:
            subj = self._noun_source(noun)
        source = self.source_span(subj, (start, end), skip={t.i for t in toks}) if subj is not None else None
        if source and source[0] < end and source[1] > start:
            source, subj = None, None
        self.add(Attribution(content=(start, end), cue=(cue_start, cue_end), source=source,
                             source_head=subj.i if subj is not None else None, rule=entry.id,
                             cue_lemma=entry.lemma, marks=marks))

    def according_to(self, tok: Token) -> None:
        to = self.doc[tok.i + 1]
        objs = [t for t in to.children if t.dep_ == "pobj"] or [t for t in tok.children if t.dep_ == "pobj"]
        if not objs:
            return
        head = objs[0]
        source = self.source_span(head, None)
        phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
        anchor = tok.head if tok.head.i != tok.i else tok
        self.pending_according.append((tok, to, head, source, phrase, anchor, self.lex.according_to_id))

    def in_source(self, tok: Token) -> None:
        """"In a CNN poll, Clinton leads": the poll reports the clause the phrase opens."""
        objs = [t for t in tok.children if t.dep_ == "pobj" and t.lemma_.lower() in self.lex.in_sources]
        if not objs or tok.head.pos_ not in ("VERB", "AUX") or self.mark_of[objs[0].i] >= 0 or tok.i > tok.head.i:
            return
        head = objs[0]
        source = self.source_span(head, None, full=True)
        phrase = {t.i for t in tok.subtree}
        self.pending_according.append((tok, tok, head, source, phrase, tok.head, self.lex.in_source_id))

    def _cut_out(self, att: Attribution, lo: int, hi: int) -> None:
        """Remove a phrase at either end of a content ("…, according to X" inside the that-clause)."""
        s, e = att.content
        if not (s < hi and lo < e):
            return
        if lo > s:
            e = min(e, lo)
        elif hi < e:
            s = max(s, hi)
        else:
            return
        s, e = _trim(self.text, s, e, att.marks)
        if e <= s:
            return
        att.content = (s, e)
        att.pieces = [(max(ps, s), min(pe, e)) for ps, pe in att.pieces if min(pe, e) > max(ps, s)]
        if len(att.pieces) == 1:
            att.pieces = []

    def resolve_according(self) -> None:
        for tok, to, head, source, phrase, anchor, rule in self.pending_according:
            cue = (tok.idx, to.idx + len(to.text))
            # the host is the cue of the clause "according to" hangs on, or of its sentence's main
            # clause ("X said ..., according to Y"); a cue deeper in the sentence ("mailings that oppose
            # Bush, according to FEC filings") is inside what Y reports
            root = tok.sent.root
            host = next((a for a in self.result if a.cue and a.rule != self.lex.according_to_id
                         and a.reported_by is None and any(a.cue[0] <= t.idx < a.cue[1] for t in (anchor, root))),
                        None)
            if host is not None and rule != self.lex.according_to_id:
                continue  # "said in a statement": the verb's own circumstance
            if host is not None:
                host.reported_by, host.reported_by_head, host.reported_cue = source, head.i, cue
                full = self.source_span(head, None, full=True)
                host.reported_by_full = full if full != source else None
                self._cut_out(host, min(self.doc[i].idx for i in phrase),
                              max(self.doc[i].idx + len(self.doc[i].text) for i in phrase))
                continue
            if anchor.i != tok.i and anchor.dep_ in ("conj", "advcl", "ccomp", "parataxis") \
                    and anchor.i < tok.i and tok.sent.root.i < tok.i:
                # "A, and B, according to X": what X reports is the whole sentence, not its last clause
                anchor = tok.sent.root
            clause = [t for t in anchor.subtree if t.i not in phrase] if anchor.i != tok.i else []
            if not clause:
                clause = [t for t in tok.sent if t.i not in phrase]
            clause = [t for t in clause if not t.is_space]
            if not clause:
                continue
            # keep the contiguous side of the clause that holds its root
            before = [t for t in clause if t.i < tok.i]
            after = [t for t in clause if t.i > to.i]
            side = before if (anchor.i < tok.i or not after) else after
            if not side:
                continue
            start, end = _extent(side)
            (start, end), marks = self.widen(start, end)
            start, end = _trim(self.text, start, end, marks)
            if end > start:
                full = self.source_span(head, None, full=True)  # the span PolNeAR marks
                self.add(Attribution(content=(start, end), cue=cue, source=source, source_head=head.i,
                                     rule=rule, cue_lemma=self.text[cue[0]:cue[1]].lower(), marks=marks,
                                     source_full=full if full != source else None))

    def wordless(self, att: Attribution) -> bool:
        """"672139201337532417", "@cspan": embed markup or a handle, not something said."""
        return not any(WORDLIKE.fullmatch(w) for w in re.findall(r"[@#]?\w+", self.text[att.content[0]:att.content[1]]))

    def add(self, att: Attribution) -> None:
        if self.wordless(att):
            return
        for m in att.marks:
            self.claimed.add(self.marks.index(m))
        self.result.append(att)

    def orphan_marks(self) -> None:
        """Quote-mark spans no cue claimed: colon lead-ins, dashes, contentless cues, continuity."""
        for mi, m in enumerate(self.marks):
            if mi in self.claimed or self.in_tag(m.start):
                continue
            span = self.doc.char_span(m.inner_start, m.inner_end, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            sents = list({t.sent.start: t.sent for t in span}.values())
            att = self.speaker_line_quote(m) or self.dash_attribution(m) or self.cue_in_sentence(m, sents) or self.cue_in_sentence(
                m, self._speaker_sentence(m)) or self.colon_lead_in(m, sents[0])
            if att is None and self._standalone(m, sents):
                prev = self._previous(m.start)
                att = Attribution(content=(m.start, m.end), cue=None, source=None, rule="quote.continuity",
                                  marks=[m], continued_from=prev)
            if att is not None and not self.wordless(att):
                self.claimed.add(mi)
                self.result.append(att)

    def _standalone(self, m: MarkSpan, sents: list[Span]) -> bool:
        lo = self.para_starts[self.para(m.start)]
        hi_i = self.para(m.end - 1) + 1
        hi = self.para_starts[hi_i] if hi_i < len(self.para_starts) else len(self.text)
        sent_chars = sum(len(self.text[max(lo, s.start_char):min(hi, s.end_char)].strip()) for s in sents)
        return (m.end - m.start) >= STANDALONE_SHARE * sent_chars and len(self.text[m.inner_start:m.inner_end].split()) >= 4

    def _previous(self, pos: int) -> int | None:
        best = None
        for i, a in enumerate(self.result):
            if a.content[0] < pos and (a.source is not None or a.continued_from is not None):
                if best is None or a.content[0] > self.result[best].content[0]:
                    best = i
        return best

    def speaker_line_quote(self, m: MarkSpan) -> Attribution | None:
        """A line opening with a name and a colon before the quote: ``John Bolton: ‘Hillary's …’``."""
        line_start = self.text.rfind("\n", 0, m.start) + 1
        hit = SPEAKER_PREFIX.fullmatch(self.text, line_start, m.start)
        if hit is None:
            return None
        src = (hit.start(1), hit.end(1))
        span = self.doc.char_span(*src, alignment_mode="expand")
        colon = self.text.index(":", hit.end(1))
        return Attribution(content=(m.start, m.end), cue=(colon, colon + 1), source=src,
                           source_head=span.root.i if span is not None else None, rule="quote.speaker_line", marks=[m])

    def dash_attribution(self, m: MarkSpan) -> Attribution | None:
        tail = self.text[m.end:m.end + 120]
        dashes = "|".join(re.escape(d) for d in self.lex.dashes)
        hit = re.match(rf"[ \t,.]*({dashes})[ \t]*([A-Z][^\n]*?)[ \t]*(?:\n|$)", tail)
        if not hit:
            return None
        s, e = m.end + hit.start(2), m.end + hit.end(2)
        s, e = _trim(self.text, s, e)
        span = self.doc.char_span(s, e, alignment_mode="expand")
        head = span.root.i if span is not None else None
        return Attribution(content=(m.start, m.end), cue=(m.end + hit.start(1), m.end + hit.end(1)), source=(s, e),
                           source_head=head, rule="quote.dash", marks=[m])

    def _speaker_sentence(self, m: MarkSpan) -> list[Span]:
        """The sentence right after a quote ending in "!" or "?" (“... Trump!” Sessions said as ...):
        the sentence splitter cut the speaker off the quote."""
        nxt = re.match(r"[ \t]*(?=\S)", self.text[m.end:])
        pos = m.end + (nxt.end() if nxt else 0)
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand") if pos < len(self.text) else None
        if not span or span[0].sent.start_char != span[0].idx or self.para(pos) != self.para(m.start):
            return []
        return [span[0].sent]

    def cue_in_sentence(self, m: MarkSpan, sents: list[Span]) -> Attribution | None:
        cands = [c for s in sents for c in self.contentless.get(s.start, [])]
        if not cands:
            return None
        verb, entry = min(cands, key=lambda ce: min(abs(ce[0].idx - m.start), abs(ce[0].idx - m.end)))
        if not entry.clause:
            return None
        subj = self.subject_of(verb, verb.idx > m.start)
        source = self.source_span(subj, (m.start, m.end)) if subj is not None else None
        return Attribution(content=(m.start, m.end), cue=(verb.idx, verb.idx + len(verb)), source=source,
                           source_head=subj.i if subj is not None else None, rule=entry.id,
                           cue_lemma=entry.lemma, marks=[m])

    def colon_lines(self) -> None:
        """Unquoted speech after a colon: a transcript or headline line (``PENCE: Well, ...``,
        ``Poll: Clinton ahead``) and a cue verb ending in a colon (``he added: It's typical ...``)."""
        covered = [a.content for a in self.result]
        free = lambda s, e: not any(cs < e and s < ce for cs, ce in covered)  # noqa: E731
        for line in re.finditer(r"[^\n]+", self.text):
            hit = SPEAKER_LINE.match(line.group())
            if not hit:
                continue
            s, e = line.start() + hit.start(2), line.end()
            s, e = _trim(self.text, s, e)
            if e - s < 12 or not free(s, e):
                continue
            src = (line.start() + hit.start(1), line.start() + hit.end(1))
            span = self.doc.char_span(*src, alignment_mode="expand")
            colon = line.start() + hit.end(1) + hit.group()[hit.end(1):].index(":")
            (s, e), marks = self.widen(s, e)
            self.add(Attribution(content=(s, e), cue=(colon, colon + 1), source=src,
                                 source_head=span.root.i if span is not None else None, rule="quote.speaker_line",
                                 marks=marks))
        for cands in self.contentless.values():
            for verb, entry in cands:
                if not entry.clause:
                    continue
                sent = verb.sent
                after = self.text[verb.idx + len(verb.text):sent.end_char]
                if not re.fullmatch(r"[ \t]*(?:\w+[ \t]*){0,2}:\s*", after) and not (
                        re.fullmatch(r"[ \t]*:[ \t]*\S.*", after, re.S) and verb.i + 1 < len(self.doc)):
                    continue
                colon = verb.idx + len(verb.text) + after.index(":")
                rest = re.match(r"\s*([^\n]+)", self.text[colon + 1:])
                if rest is None:
                    continue
                s, e = _trim(self.text, colon + 1 + rest.start(1), colon + 1 + rest.end(1))
                if e <= s or not free(s, e):
                    continue
                (s, e), marks = self.widen(s, e)
                subj = self.subject_of(verb, False)
                source = self.source_span(subj, (s, e)) if subj is not None else None
                self.add(Attribution(content=(s, e), cue=(self._aux_start(verb), colon + 1), source=source,
                                     source_head=subj.i if subj is not None else None, rule=entry.id,
                                     cue_lemma=entry.lemma, marks=marks))
                covered.append((s, e))

    def _title_cue(self, word: str) -> CueVerb | None:
        """The cue entry of a capitalised third-person verb form in a headline ("Says", "Urges", "Denies")."""
        w = word.lower()
        if not w.endswith("s") or len(w) < 4:
            return None
        stems = [w[:-1], w[:-2], w[:-3] + "y"] if w.endswith("es") else [w[:-1]]
        for stem in stems:
            entries = self.lex.entries(stem, w)
            if entries:
                return entries[0]
        return None

    def title_lines(self) -> None:
        """Headlines in title case ("Senator Says Deal Is Dead", "Deal Is Dead, Senator Says"): the
        tagger reads the capitalised verb as a proper noun, so the cue is found by its form."""
        covered = [a.content for a in self.result] + [a.cue for a in self.result if a.cue]
        for line in re.finditer(r"[^\n]+", self.text):
            if len(line.group()) > TITLE_MAX_CHARS:  # a paragraph, not a headline: spare the word scan
                continue
            words = list(re.finditer(r"[^\W\d_][\w’'-]*", line.group()))
            if len(words) < 4 or sum(w.group()[0].isupper() for w in words) < TITLE_SHARE * len(words):
                continue
            if any(cs < line.end() and line.start() < ce for cs, ce in covered):
                continue
            for w in words[1:]:
                entry = self._title_cue(w.group())
                pos = line.start() + w.start()
                if entry is None or self.mark_of_pos(pos):
                    continue
                cue = (pos, pos + len(w.group()))
                before = _trim(self.text, line.start(), pos)
                after = _trim(self.text, cue[1], line.end())
                comma = self.text.rfind(",", before[0], before[1])
                if after[1] - after[0] < 3 and comma > before[0]:  # "Deal Is Dead, Senator Says."
                    content, source = _trim(self.text, before[0], comma), _trim(self.text, comma + 1, before[1])
                else:
                    content, source = after, before
                if content[1] <= content[0] or source[1] <= source[0]:
                    break
                dateline = re.match(r"[\d:. apm]+[-—–]+\s*", self.text[source[0]:source[1]])
                if dateline:
                    source = (source[0] + dateline.end(), source[1])
                (cs, ce), marks = self.widen(*content)
                span = self.doc.char_span(*source, alignment_mode="expand")
                self.add(Attribution(content=_trim(self.text, cs, ce, marks), cue=cue, source=source,
                                     source_head=span.root.i if span is not None else None, rule=entry.id,
                                     cue_lemma=entry.lemma, marks=marks))
                break

    def mark_of_pos(self, pos: int) -> bool:
        return any(m.inner_start <= pos < m.inner_end for m in self.marks)

    def colon_lead_in(self, m: MarkSpan, sent: Span) -> Attribution | None:
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        if not self.text[prev.start_char:m.start].rstrip().endswith(":"):
            return None
        return self.cue_in_sentence(m, [prev])

    def run(self) -> list[Attribution]:
        self.pending_according: list = []
        for sent in self.doc.sents:
            self.verb_cues(sent)
        self.resolve_according()
        self.orphan_marks()
        self.title_lines()
        self.colon_lines()
        self.result = self._outermost(self.result)
        self.result.sort(key=lambda a: a.content[0])
        # continuity indices were computed before sorting: recompute by position
        for a in self.result:
            if a.rule == "quote.continuity":
                a.continued_from = self._previous_sorted(a.content[0])
        return self.result

    @staticmethod
    def _outermost(atts: list[Attribution]) -> list[Attribution]:
        """Drop an attribution whose cue lies inside another's content: PolNeAR is univocal (a token has
        one role in one attribution), so "said that he had told her to ..." is one attribution whose
        content holds the nested report."""
        out = []
        for a in atts:
            if a.cue and any(b is not a and any(fs <= a.cue[0] and a.cue[1] <= fe for fs, fe in b.fragments)
                             for b in atts):
                continue
            out.append(a)
        return out

    def _previous_sorted(self, pos: int) -> int | None:
        best = None
        for i, a in enumerate(self.result):
            if a.content[0] >= pos:
                break
            if a.source is not None or a.continued_from is not None:
                best = i
        return best


def find_attributions(doc: Doc, lexicon: CueLexicon | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, ordered by content start."""
    return _Finder(doc, lexicon or cue_lexicon()).run()

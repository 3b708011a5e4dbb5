"""What every cue family of the attribution finder shares: the ``Attribution`` record, the text
helpers and the per-document state (``FinderBase``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from barometer.nlp import doc_text
from barometer.quotes.lexicon import CueLexicon, CueVerb
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


def extent(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def trim(text: str, start: int, end: int, keep_marks: list[MarkSpan] | None = None) -> tuple[int, int]:
    """Strip spaces and dangling punctuation at both ends (never a quote mark's closing glyph)."""
    protected = {m.end for m in keep_marks or []}
    while start < end and (text[start] in TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in TRIM or text[end - 1].isspace()) and end not in protected:
        end -= 1
    return start, end


class FinderBase:
    """The state every cue family reads: the Doc's text, its quote-mark spans and token attributes,
    paragraphs, embed markup, and the attributions found so far."""

    #: PolNeAR's reading (one role per token): nested reports stay inside the content that holds them
    univocal: bool = False

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

    def mark_of_pos(self, pos: int) -> bool:
        return any(m.inner_start <= pos < m.inner_end for m in self.marks)

    def wordless(self, att: Attribution) -> bool:
        """"672139201337532417", "@cspan": embed markup or a handle, not something said."""
        return not any(WORDLIKE.fullmatch(w) for w in re.findall(r"[@#]?\w+", self.text[att.content[0]:att.content[1]]))

    def add(self, att: Attribution) -> None:
        if self.wordless(att):
            return
        for m in att.marks:
            self.claimed.add(self.marks.index(m))
        self.result.append(att)

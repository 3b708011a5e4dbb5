"""The attribution finder: the cue families in the order they run over one document."""

from __future__ import annotations

from spacy.tokens import Doc

from barometer.quotes.attribution.according import AccordingTo
from barometer.quotes.attribution.base import (
    Attribution,
    trim,
)
from barometer.quotes.attribution.content import Content
from barometer.quotes.attribution.lines import LineCues
from barometer.quotes.attribution.nouns import NounCues
from barometer.quotes.attribution.orphans import OrphanQuotes
from barometer.quotes.attribution.speakers import Speakers
from barometer.quotes.attribution.verbs import VerbCues
from barometer.quotes.lexicon import CueLexicon


class Finder(VerbCues, NounCues, AccordingTo, OrphanQuotes, LineCues, Content, Speakers):
    """All cue families over one Doc; ``run()`` returns the attributions ordered by content start."""

    def __init__(self, doc: Doc, lex: CueLexicon, univocal: bool = False) -> None:
        super().__init__(doc, lex)
        self.univocal = univocal

    def run(self) -> list[Attribution]:
        self.pending_according: list = []
        for sent in self.doc.sents:
            self.verb_cues(sent)
        self.resolve_according()
        self.orphan_marks()
        self.title_lines()
        self.colon_lines()
        self.result = self._outermost(self.result)
        if not self.univocal:
            self.result = self._innermost_of_same(self.result)
        self.result.sort(key=lambda a: a.content[0])
        # continuity indices were computed before sorting: recompute by position
        for a in self.result:
            if a.rule == "quote.continuity":
                a.continued_from = self._previous_sorted(a.content[0])
        return self.result

    def _outermost(self, atts: list[Attribution]) -> list[Attribution]:
        """Drop an attribution whose cue lies inside another's content: PolNeAR is univocal (a token has
        one role in one attribution), so "said that he had told her to ..." is one attribution whose
        content holds the nested report."""
        out = []
        for a in atts:
            if a.cue and not self.univocal and self._relative_aside(a):
                self._cut_before(a, atts)
                out.append(a)
                continue
            if a.cue and any(b is not a and any(fs <= a.cue[0] and a.cue[1] <= fe for fs, fe in b.fragments)
                             for b in atts):
                continue
            out.append(a)
        return out

    @staticmethod
    def _innermost_of_same(atts: list[Attribution]) -> list[Attribution]:
        """"The minister told media the meeting was “useful”, our correspondent reports": of two cues of
        one content, the one after it is the writer's report of the other's words; the news guide
        takes the innermost speaker (docs/annotation.md section 7), the other is its ``reported_by``."""
        out = []
        for a in atts:
            inner = next((b for b in atts if b is not a and b.content == a.content and a.cue and b.cue
                          and b.source and b.cue[1] <= a.content[0] and a.cue[0] >= a.content[1]), None)
            if inner is None:
                out.append(a)
            elif inner.reported_by is None:
                inner.reported_by, inner.reported_by_head, inner.reported_cue = a.source, a.source_head, a.cue
        return out

    def _relative_aside(self, a: Attribution) -> bool:
        """A cue in a relative clause ("a move the Kremlin described as a response to …"): the writer's
        aside on a noun of the outer content, giving someone else's words about it."""
        span = self.doc.char_span(*a.cue, alignment_mode="expand")
        verbs = [t for t in span if t.pos_ == "VERB"] if span is not None else []
        if not verbs or a.source is None:
            return False
        v = verbs[0]  # "fears that the adviser described as …": a that-clause on a noun reads as one too
        if v.dep_ == "relcl" or (v.dep_ == "acl" and any(c.dep_ == "nsubj" for c in v.children)):
            return True  # "the plan the mayor described as …": a relative clause the parser read as acl
        return v.head.pos_ == "NOUN" and any(c.dep_ == "mark" and c.lower_ == "that" for c in v.children)

    def _cut_before(self, aside: Attribution, atts: list[Attribution]) -> None:
        """An outer content that ends with a relative aside kept as its own attribution ends before it
        ("said Biden requested the call on invasion fears that the adviser described as …")."""
        span = self.doc.char_span(*aside.cue, alignment_mode="expand")
        verb = next(t for t in span if t.pos_ == "VERB")
        sub = list(verb.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        for b in atts:
            s, e = b.content
            if b is aside or b.pieces or not (s < lo and aside.cue[1] <= e <= hi + 3):
                continue
            if self.mark_of_pos(lo) or any(m.start < lo < m.end for m in b.marks):
                continue
            s, e = trim(self.text, s, lo, b.marks)
            if e > s:
                b.content = (s, e)
                b.marks = [m for m in b.marks if m.end <= e]

    def _previous_sorted(self, pos: int) -> int | None:
        best = None
        for i, a in enumerate(self.result):
            if a.content[0] >= pos:
                break
            if a.source is not None or a.continued_from is not None:
                best = i
        return best

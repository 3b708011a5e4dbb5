"""The attribution finder: the cue families in the order they run over one document."""

from __future__ import annotations

from barometer.quotes.attribution.according import AccordingTo
from barometer.quotes.attribution.base import (
    Attribution,
)
from barometer.quotes.attribution.content import Content
from barometer.quotes.attribution.lines import LineCues
from barometer.quotes.attribution.nouns import NounCues
from barometer.quotes.attribution.orphans import OrphanQuotes
from barometer.quotes.attribution.speakers import Speakers
from barometer.quotes.attribution.verbs import VerbCues


class Finder(VerbCues, NounCues, AccordingTo, OrphanQuotes, LineCues, Content, Speakers):
    """All cue families over one Doc; ``run()`` returns the attributions ordered by content start."""

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

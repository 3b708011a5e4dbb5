"""Cue family 4: quote-mark spans no cue claimed, attributed by a speaker line ("Bolton: ‘…’"), a
dash after the quote, a cue verb without content in the same sentence, a colon lead-in, or speaker
continuity; a short fragment with none of these is a scare quote and is left alone."""

from __future__ import annotations

import re

from spacy.tokens import Span

from barometer.quotes.attribution.base import (
    SPEAKER_PREFIX,
    STANDALONE_SHARE,
    Attribution,
    FinderBase,
    trim,
)
from barometer.quotes.marks import MarkSpan


class OrphanQuotes(FinderBase):
    """Attribution of quotations no verb, noun or phrase claimed."""

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
        s, e = trim(self.text, s, e)
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

    def colon_lead_in(self, m: MarkSpan, sent: Span) -> Attribution | None:
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        if not self.text[prev.start_char:m.start].rstrip().endswith(":"):
            return None
        return self.cue_in_sentence(m, [prev])

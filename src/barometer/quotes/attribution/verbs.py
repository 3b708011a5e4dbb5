"""Cue family 1: speech and stance verbs (lexicon entries, or a that-clause frame), the main pass
over each sentence, which also dispatches the noun, adjective, "according to" and "in a poll" cues."""

from __future__ import annotations

from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Span, Token

from barometer.quotes.attribution.base import (
    AUX_IN_CUE,
    Attribution,
    FinderBase,
    extent,
    trim,
)
from barometer.quotes.lexicon import CueVerb


class VerbCues(FinderBase):
    """Verb cues with a reported frame."""

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

    @staticmethod
    def _agentless_passive(tok: Token) -> bool:
        """"Were mentioned the pipeline …": a passive cue with no agent and no subject names no one who
        said anything (annotation.md section 7: agentless "it was said" is no quotation)."""
        kids = [c.dep_ for c in tok.children]
        return "auxpass" in kids and "agent" not in kids and "nsubjpass" not in kids

    def _as_aside(self, tok: Token) -> bool:
        """"Erdogan said — as reported by the paper — “…”": an "as" clause on another cue verb tells
        where the words were reported; the words are that verb's."""
        return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
            and bool(self.lex.entries(tok.head.lemma_.lower(), tok.head.lower_))

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
            if self._embedded_stance(tok, entries) or self._agentless_passive(tok) or self._as_aside(tok):
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
            start, end = extent(toks)
            (start, end), marks = self.widen(start, end)
            start, end = trim(self.text, start, end, marks)
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
                pieces = [p for p in (trim(self.text, start, hole[0], marks), trim(self.text, hole[1], end, marks))
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
                nxt = self.continuation(max([hole[1], cue_end, full[1] if full else 0, *rest]), marks, since=cue_end)
                if nxt is not None:
                    pieces = [*(pieces or [(start, end)]), (nxt.start, nxt.end)]
                    marks = [*marks, nxt]
                    end = nxt.end
            self.add(Attribution(content=(start, end), cue=(cue_start, cue_end), source=source,
                                 source_head=subj.i if subj is not None else None, rule=entry.id,
                                 cue_lemma=entry.lemma, marks=marks, pieces=pieces, source_full=full))

"""Cue family 3: "according to X" and "in a CNN poll": a source phrase that either reports a whole
clause or is the second, reporting source of another cue (nested attribution)."""

from __future__ import annotations

from spacy.tokens import Token

from barometer.quotes.attribution.base import (
    Attribution,
    FinderBase,
    extent,
    trim,
)


class AccordingTo(FinderBase):
    """Phrasal source cues, resolved after the verb pass."""

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
        objs = [t for t in tok.children if t.dep_ == "pobj" and (t.lemma_.lower() in self.lex.in_sources
                                                                 or t.lower_ in self.lex.in_sources)]
        if not objs or tok.head.pos_ not in ("VERB", "AUX") or self.mark_of[objs[0].i] >= 0 or tok.i > tok.head.i:
            return
        head = objs[0]
        source = self.source_span(head, None, full=True)
        # "In his opinion", "in the view of the minister": whose opinion it is speaks, not the opinion
        owner = [c for c in head.children if c.dep_ == "poss"] + [
            o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        if owner and head.lemma_.lower() not in self.lex.documents:
            head = owner[0]
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
        s, e = trim(self.text, s, e, att.marks)
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
            start, end = extent(side)
            (start, end), marks = self.widen(start, end)
            start, end = trim(self.text, start, end, marks)
            if end > start:
                full = self.source_span(head, None, full=True)  # the span PolNeAR marks
                self.add(Attribution(content=(start, end), cue=cue, source=source, source_head=head.i,
                                     rule=rule, cue_lemma=self.text[cue[0]:cue[1]].lower(), marks=marks,
                                     source_full=full if full != source else None))

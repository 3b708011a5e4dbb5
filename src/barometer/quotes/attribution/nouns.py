"""Cue family 2: speech nouns and stance adjectives whose own frame holds the content ("his claim
that …", "critical of the plan")."""

from __future__ import annotations

from spacy.tokens import Token

from barometer.quotes.attribution.base import (
    Attribution,
    FinderBase,
    extent,
    trim,
)
from barometer.quotes.lexicon import CueVerb


class NounCues(FinderBase):
    """Noun and adjective cues."""

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
            # "declarations regarding …": a participle preposition the parser reads as a clause on the noun
            if c.lower_ in entry.preps and (c.dep_ == "prep" or (c.dep_ == "acl" and c.tag_ == "VBG")):
                objs = [t for t in c.children if t.dep_ in ("pobj", "pcomp") or (t.dep_ == "dobj" and c.dep_ == "acl")]
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
        the agent of the passive the noun is the subject of ("claims … were made by the agency"), or the subject of the verb the noun is the object of ("he made the suggestion that", "said in a
        statement that")."""
        for c in noun.children:
            if c.dep_ == "poss" and self.mark_of[c.i] < 0:
                return c
        for c in noun.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.i > noun.i:
                objs = [t for t in c.children if t.dep_ == "pobj" and self.mark_of[t.i] < 0]
                if objs:
                    return objs[0]
        if noun.dep_ == "nsubjpass":  # "similar declarations … were made by the minister": the agent
            for c in noun.head.children:
                objs = [t for t in c.children if t.dep_ == "pobj" and self.mark_of[t.i] < 0] if c.dep_ == "agent" else []
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
        (start, end), marks = self.widen(*extent(toks))
        start, end = trim(self.text, start, end, marks)
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

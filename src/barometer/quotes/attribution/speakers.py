"""Who is speaking: the subject of a cue (through passives, relative clauses, gerunds, datelines)
and the extent of the source phrase around it."""

from __future__ import annotations

from spacy.tokens import Token

from barometer.quotes.attribution.base import (
    DATELINE,
    INHERIT_DEPS,
    POSTPOSED_DEPS,
    SUBJECT_DEPS,
    FinderBase,
    extent,
    trim,
)


class Speakers(FinderBase):
    """Speaker and source-span rules shared by every cue family."""

    def subject_of(self, verb: Token, content_before: bool, depth: int = 0) -> Token | None:
        for c in verb.children:  # passive: "was criticised by X" -> X
            if c.dep_ == "agent":
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs and self.mark_of[objs[0].i] < 0:
                    return objs[0]
        for c in verb.children:
            if c.dep_ in SUBJECT_DEPS and self.mark_of[c.i] < 0 and c.pos_ not in ("SCONJ", "VERB"):
                # (a gerund the parser made the subject, "not only implying approval would be required",
                # is a clause, never who speaks: the verb's host is asked below)
                if c.tag_ in ("WP", "WDT", "WP$") and verb.dep_ == "relcl":
                    if depth == 0 and verb.head.lemma_.lower() in self.lex.documents:
                        # "released a statement which said …": who released it, not the paper
                        return self._noun_source(verb.head) or verb.head
                    return verb.head
                return self._in_paragraph(c, verb)
        if content_before:
            for c in verb.children:
                if c.dep_ in POSTPOSED_DEPS and c.i > verb.i and self.mark_of[c.i] < 0:
                    return c
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and depth < 3:
            # "began by saying", "ridiculed X for criticizing": the gerund's subject is its host's
            host = verb.head.head
            if host.pos_ == "ADJ" and host.dep_ in ("acomp", "advmod") and host.head.pos_ in ("VERB", "AUX"):
                host = host.head  # "was more forceful in blaming Iran": the copula's subject
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
            found = self.subject_of(verb.head, False, depth + 1)
            if found is not None and found.lemma_.lower() in self.lex.events and found.ent_type_ == "":
                # "X described how the attack unfolded, stating …": a happening never speaks; the
                # clause about it belongs to X (the noun a relative reading hangs it on), else to no one
                host = verb.head.head if verb.head.dep_ in ("relcl", "ccomp") else None
                found = host if host is not None and host.pos_ in ("NOUN", "PROPN") and self.mark_of[host.i] < 0 \
                    and host.lemma_.lower() not in self.lex.events else None
            if found is not None or depth > 0:
                return found
        return self._name_before(verb) if depth == 0 else None

    def _name_before(self, verb: Token) -> Token | None:
        """"…, the Kremlin's adviser Yury Ushakov told a call: …" parsed with the name as a conjunct of an
        earlier phrase: a cue left without a subject takes the proper name just before its verb group."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ in ("acl", "relcl", "amod"):
            return None  # "individual Russians accused of war crimes": the participle's noun is its patient
        i = verb.i - 1
        while i >= 0 and self.doc[i].head.i == verb.i and self.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
            i -= 1
        if i < 0:
            return None
        t = self.doc[i]
        if t.pos_ != "PROPN" or t.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") or self.mark_of[t.i] >= 0 \
                or t.dep_ in ("compound", "poss") or t.sent.start != verb.sent.start:
            return None
        return t

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
        start, end = trim(self.text, *extent(run))
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

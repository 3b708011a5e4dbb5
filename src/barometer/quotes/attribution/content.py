"""What was said: the reported content a cue verb's frame holds, and how far it reaches."""

from __future__ import annotations

import re

from spacy.tokens import Token

from barometer.quotes.attribution.base import (
    CONTRAST_MARKS,
    OBJECT_PREDICATE_PREPS,
    SUBJECT_DEPS,
    FinderBase,
)
from barometer.quotes.lexicon import CueVerb, cue_lexicon
from barometer.quotes.marks import MarkSpan

#: Words that open a relative clause: as the object of its cue they stand for the noun, not for words said.
RELATIVE_WORDS = frozenset({"which", "that", "who", "whom", "what"})
#: Tokens of a content and the preposition that joins the cue ("called for"), if any.
Found = tuple[list[Token], Token | None]
#: What a frame gives when it applies but holds nothing: the cue then has no content at all.
NO_CONTENT = object()


#: Cue verbs that only convey a speech noun ("the view was expressed by X", "the call was echoed by Y"):
#: what was said is the noun's "of" complement, not the noun.
CONVEYING = frozenset({"express", "voice", "echo", "reiterate", "repeat", "share"})


def _conveyed_of(verb: Token, noun: Token) -> Token | None:
    """"The declaration of Ruritania's lack of interest in war was also expressed by X": the object of
    the speech noun's "of", when the verb only conveys the noun (docs/quotes.md)."""
    if verb.lemma_.lower() not in CONVEYING or noun.lemma_.lower() not in cue_lexicon().nouns:
        return None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > noun.i:
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
            if objs:
                return objs[0]
    return None


class Content(FinderBase):
    """Content rules: the frame of a cue verb, nested clauses cut off, quotes that go on after the cue."""

    def content_of(self, verb: Token, entry: CueVerb) -> Found | None:
        """Tokens of the reported content and the preposition that joins the cue, if any.

        The frames of ``entry`` are tried in this order; the first that applies decides. A frame that
        applies but holds nothing (``NO_CONTENT``) ends the search: the cue has no content.
        """
        ccomps = self._clausal_complements(verb, entry)
        for frame in (self._for_clause, self._passive_content, self._relative_content):
            found = frame(verb, entry)
            if found is not None:
                return found
        if ccomps:
            toks, prep = self._complement_content(verb, ccomps)
            if verb.dep_ == "relcl":  # "accusations, which officials acknowledged was a possibility":
                # the relative pronoun stands for the noun the clause hangs on, not for words said
                toks = [t for t in toks if not (t.i < verb.i and t.tag_ in ("WDT", "WP") and t.head.dep_ == "ccomp")]
            return toks, prep
        for frame in (self._gerund_object, self._infinitive, self._prep_object, self._direct_object,
                      self._as_predicate, self._as_clause, self._misread_clause, self._parataxis_host):
            found = frame(verb, entry)
            if found is not None:
                return None if found is NO_CONTENT else found
        return None

    @staticmethod
    def _clausal_complements(verb: Token, entry: CueVerb) -> list[Token]:
        """The clauses a cue verb reports: that-clauses (``clause``), embedded questions (``object``:
        "questioned whether ..."), infinitive clauses with their own subject (``infinitive``: "wants
        voters to know …")."""
        ccomps = [c for c in verb.children if c.dep_ == "ccomp"] if entry.clause else []
        if not ccomps and entry.object:  # "questioned whether ...", "would not discuss whether ..."
            ccomps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and (
                any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
                or any(w.tag_ in ("WDT", "WP", "WRB") and w.i < c.i for w in c.children))]
        if not ccomps and entry.infinitive:  # "wants voters to know …": an infinitive clause with its own subject
            ccomps = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and any(
                x.dep_ in ("aux", "auxpass") and x.lower_ == "to" for x in c.children)
                and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]
        return ccomps

    @staticmethod
    def _for_clause(verb: Token, entry: CueVerb) -> Found | None:
        """"called for the United States to step up …": the parser's "for"-clause."""
        if "for" not in entry.preps:
            return None
        for c in verb.children:
            fors = [x for x in c.children if x.dep_ == "mark" and x.lower_ == "for"]
            if c.dep_ == "advcl" and c.i > verb.i and fors and any(x.dep_ == "aux" and x.lower_ == "to"
                                                                    for x in c.children):
                return [t for t in c.subtree if t.i != fors[0].i], fors[0]
        return None

    @staticmethod
    def _passive_content(verb: Token, entry: CueVerb) -> Found | None:
        """"Assad, opposed by the rebels" / "the plan was criticised by X": what was opposed."""
        if not (entry.object and any(c.dep_ == "agent" for c in verb.children)):
            return None
        pas = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if pas:
            said = _conveyed_of(verb, pas[0])
            return (list(said.subtree), None) if said is not None else (list(pas[0].subtree), None)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return [t for t in verb.head.subtree if t.i not in {x.i for x in verb.subtree}], None
        return None

    @staticmethod
    def _relative_content(verb: Token, entry: CueVerb) -> Found | None:
        """"which he has denied": the relative pronoun stands for what was denied; "what he called “the
        prior model”": with the object predicate."""
        if not (verb.dep_ == "relcl" and (entry.object or entry.clause) and not any(
                c.dep_ in ("ccomp", "xcomp") for c in verb.children)):
            return None
        rel = [c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i and c.tag_ in ("WDT", "WP")]
        if rel:
            pred = [t for o in verb.children if o.i > verb.i and o.dep_ == "oprd" for t in o.subtree]
            return sorted([rel[0], *pred], key=lambda t: t.i), None
        return None

    def _complement_content(self, verb: Token, ccomps: list[Token]) -> Found:
        """The clausal complements on one side of the cue, with the clauses that continue them."""
        # "“A”, but “B” last year, said X": two clausal complements on one side are one content
        side = ccomps[0].i < verb.i
        if side and any(c.i > verb.i for c in ccomps) and not any(self.mark_of[t.i] >= 0 for c in ccomps
                                                                  if c.i < verb.i for t in c.subtree):
            side = False  # "On the day that …, Trump told aides that …": the clause after the cue
        ccomps = [x for c in ccomps for x in self._without_trailing_report(verb, c, ccomps)]
        toks = [t for c in ccomps if (c.i < verb.i) == side for t in c.subtree]
        for c in ccomps:  # "told agencies the chat was “balanced”": the parser's second object is the
            if c.i > verb.i and not any(x.dep_ in SUBJECT_DEPS or x.dep_ == "expl" for x in c.children):  # subject
                objs = [o for o in verb.children if o.dep_ == "dobj" and o.i < c.i]
                if len(objs) >= 2 and objs[-1].right_edge.i + 1 == c.left_edge.i:
                    toks.extend(objs[-1].subtree)
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

    def _without_trailing_report(self, verb: Token, c: Token, ccomps: list[Token]) -> list[Token]:
        """"told agencies the chat was “balanced”, our Moscow correspondent reports": a cue verb with a
        subject of its own closing the sentence after a comma is the writer's attribution of the report,
        not a clause of it: the clause before it (the parser's other complement of the cue, or of the
        closing verb) is the content. (PolNeAR, univocal, reads the closing cue as the attribution.)"""
        subj = [x for x in c.children if x.dep_ == "nsubj" and x.i < c.i]
        if self.univocal or not (c.i > verb.i and c.right_edge.i >= c.sent.end - 2 and subj and self._after_comma(subj[0].left_edge)
                and self.lex.entries(c.lemma_.lower(), c.lower_)):
            return [c]
        inner = [x for x in c.children if x.dep_ == "ccomp" and verb.i < x.i < c.i]
        if inner:
            return inner
        return [] if any(verb.i < o.i < c.i for o in ccomps) else [c]

    @staticmethod
    def _gerund_object(verb: Token, entry: CueVerb) -> Found | None:
        """"supports squeezing out …", "said legalizing it would …": a gerund the parser read as an open
        complement is the object, or (the parse of) a clause."""
        for c in verb.children:
            if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i and (entry.object or entry.clause) \
                    and not any(x.dep_ == "aux" for x in c.children):
                return list(c.subtree), None
        return None

    @staticmethod
    def _infinitive(verb: Token, entry: CueVerb) -> Found | None:
        """"urged them to leave": the open infinitive complement."""
        for c in verb.children:
            if c.dep_ == "xcomp" and entry.infinitive:
                return list(c.subtree), None
        return None

    @staticmethod
    def _prep_object(verb: Token, entry: CueVerb) -> Found | None:
        """"called for a meeting": the object of a listed preposition, returned with the preposition."""
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
                    pred = [t for x in verb.children if x.dep_ == "xcomp" or (
                        x.dep_ == "prep" and x.i > c.i and x.lower_ in OBJECT_PREDICATE_PREPS
                        and x.lower_ not in entry.preps) for t in x.subtree]
                    if pred and all(o.lower_ in RELATIVE_WORDS for o in objs):  # "which Ross referred to as
                        # “a stunt”": the relative pronoun stands for the noun; the predicate was said
                        return pred, c  # (with its "as": the stance filter reads it as a predicate)
                    toks.extend(pred)
                    return sorted(toks, key=lambda t: t.i), c
        return None

    def _direct_object(self, verb: Token, entry: CueVerb) -> Found | None:
        """"denies any plan": the direct object, with its predicate and tail."""
        for c in verb.children:
            if c.dep_ == "dobj" and entry.object and c.i > verb.i:
                # "called Clinton a liar": the object predicate belongs to the content
                # "described Clinton as a politician", "blasted Oversight for failing": so do "as"/"for"
                extra = [t for o in verb.children if o.i > c.i and (o.dep_ in ("oprd", "ccomp") or (
                    o.dep_ == "prep" and o.lower_ in OBJECT_PREDICATE_PREPS) or self._object_tail(o)) for t in o.subtree]
                return sorted([*c.subtree, *extra], key=lambda t: t.i), None
        return None

    @staticmethod
    def _as_predicate(verb: Token, entry: CueVerb) -> Found | None:
        """"a move the Kremlin described as a response to …": an object verb whose object is the gap of a
        relative clause (no object of its own, no passive subject) reports only its "as" predicate."""
        if not entry.object or any(c.dep_ in ("nsubjpass", "ccomp", "xcomp") or (c.dep_ == "dobj" and not (
                c.i < verb.i and c.lower_ in RELATIVE_WORDS)) for c in verb.children):
            return None
        if verb.dep_ not in ("relcl", "ccomp", "acl"):
            return None
        for c in verb.children:
            objs = [x for x in c.children if x.dep_ == "pobj"]
            if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i and objs:
                return list(objs[0].subtree), c
        return None

    @staticmethod
    def _as_clause(verb: Token, entry: CueVerb) -> Found | object | None:
        """"As Clinton noted, the bill failed": the clause the "as" cue hangs on is the content."""
        if not (entry.clause and verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as"
                                                              for c in verb.children)
                and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)):
            return None
        own = {t.i for t in verb.subtree}
        toks = [t for t in verb.head.subtree if t.i not in own]
        return (toks, None) if toks else NO_CONTENT

    @staticmethod
    def _misread_clause(verb: Token, entry: CueVerb) -> Found | None:
        """"says the movement sweeping the country appeals to …": a clause the parser misread as an object."""
        if not (entry.clause and not entry.object and not entry.preps and not entry.infinitive):
            return None
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]
        if objs:
            toks = [t for t in verb.subtree if t.i >= objs[0].left_edge.i]
            return toks, None
        return None

    @staticmethod
    def _parataxis_host(verb: Token, entry: CueVerb) -> Found | object | None:
        """"The museum, he said, celebrated ...": the host clause on both sides of the cue."""
        if not (entry.clause and verb.dep_ == "parataxis" and (
                verb.head.i < verb.i or verb.head.left_edge.i < verb.left_edge.i)):
            return None
        own = {t.i for t in verb.subtree}
        toks = [t for t in verb.head.subtree if t.i not in own]
        return (toks, None) if toks else NO_CONTENT

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
        if o.dep_ == "conj":  # "blame the price of fuel, and the lack of seed": a second object the
            # parser joined to the verb (a noun conjunct of a verb, no clause of its own)
            return o.pos_ in ("NOUN", "PROPN") and not any(x.dep_ in SUBJECT_DEPS or x.dep_ in ("aux", "dobj")
                                                           for x in o.children) \
                and self.doc[o.left_edge.i - 1].dep_ == "cc" and self.doc[o.left_edge.i - 1].head.i == o.head.i
        return o.dep_ == "dobj"

    def continuation(self, pos: int, marks: list[MarkSpan], since: int | None = None) -> MarkSpan | None:
        """A quote-mark span starting right after ``pos`` (only commas/spaces between), same paragraph;
        none when a cue of its own stands in its sentence after ``since`` (default ``pos``: "“A,” noted
        X, adding that they agreed on the “B”" — B is what the adding reports)."""
        if not marks or not any(m.end <= pos for m in marks):
            return None
        for mi, m in enumerate(self.marks):
            if m.start >= pos:
                gap = self.text[pos:m.start]
                if mi in self.claimed or m in marks or not re.fullmatch(r"[ ,:;.]*", gap):
                    return None
                if self.para(m.start) != self.para(pos) or self._has_own_cue(m, pos if since is None else since):
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

    def _without_nested(self, toks: list[Token], cue: Token) -> list[Token]:
        """Drop trailing adverbial clauses with their own subject ("..., while Putin agreed on ...") from
        content; a fronted one ("that, while the tax may ..., workers won't") belongs to it."""
        drop: set[int] = set()
        clauses = [c for c in cue.children if c.dep_ == "ccomp"]
        for t in toks:
            # "He said X is “…”; however, “…”, he added": of two clauses of the cue, one that is a
            # saying with a subject of its own is its own attribution
            if t.dep_ == "ccomp" and t.head.i == cue.i and self.mark_of[t.i] < 0 \
                    and any(t.i < c.i < cue.i and any(self.mark_of[x.i] >= 0 for x in c.subtree) for c in clauses) \
                    and self.lex.entries(t.lemma_.lower(), t.lower_) \
                    and any(c.dep_ in SUBJECT_DEPS and self.mark_of[c.i] < 0 for c in t.children):
                drop.update(x.i for x in t.subtree)
            # "said X would win, claiming that ...": a participial cue clause trailing the content
            # is a second attribution of the same speaker
            # ("“A”, he said, lashing out at …": the same after a cue set inside its content)
            trailing = (t.dep_ == "advcl" and t.head.dep_ == "ccomp" and t.head.head.i == cue.i) or \
                (t.dep_ in ("advcl", "xcomp") and cue.dep_ == "parataxis" and t.head.i == cue.head.i and t.i > cue.i)
            if trailing and t.tag_ == "VBG" and t.i > t.head.i and self._after_comma(t.left_edge) \
                    and self.lex.entries(t.lemma_.lower(), t.lower_) \
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
                    and not any(c.dep_ in SUBJECT_DEPS for c in t.children) \
                    and self._own_frame(t):
                drop.update(x.i for x in t.subtree)
                drop.update(x.i for x in t.head.children if x.dep_ == "cc" and x.i < t.i)
                self.shared_subject[t.i] = cue.i
        if not drop:
            return toks
        kept = [t for t in toks if t.i not in drop]
        # a clause cut off in the middle leaves a dangling comma or conjunction: keep the first run only
        first_drop = min(drop)
        return [t for t in kept if t.i < first_drop] or kept

    def _own_frame(self, verb: Token) -> bool:
        """A coordinated cue verb with a content of its own: a clause ("and predicted that …"), or the
        object, infinitive or preposition its entry names ("and emphasised their willingness to help",
        "and mentioned a possible arbitration route")."""
        entries = self.lex.entries(verb.lemma_.lower(), verb.lower_)
        if any(e.clause for e in entries) and any(c.dep_ == "ccomp" for c in verb.children):
            return True
        deps = {c.dep_ for c in verb.children}
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        return any(e.clause and ((e.object and "dobj" in deps) or (e.infinitive and "xcomp" in deps)
                                 or bool(set(e.preps) & preps)) for e in entries)

    def _own_words(self, sub: list[Token]) -> bool:
        """A clause that says it is still the speaker's ("…, which, in his words, could explode only if …")."""
        return any(t.dep_ == "prep" and t.lower_ == "in" and any(
            o.dep_ == "pobj" and (o.lemma_.lower() in self.lex.in_sources or o.lower_ in self.lex.in_sources)
            and any(p.dep_ == "poss" for p in o.children)
            for o in t.children) for t in sub)

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
            if any(self.mark_of[x.i] >= 0 for x in sub) or self._own_words(sub):
                continue
            return [x for x in toks if x.i < lo - 1]
        return toks

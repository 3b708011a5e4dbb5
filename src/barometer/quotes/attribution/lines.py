"""Cue family 5: whole lines: transcript and headline speaker lines ("PENCE: Well, …", "Poll:
Clinton ahead"), cue verbs ending in a colon, and title-case headlines ("Senator Says Deal Is Dead")."""

from __future__ import annotations

import re

from barometer.quotes.attribution.base import (
    SPEAKER_LINE,
    TITLE_MAX_CHARS,
    TITLE_SHARE,
    Attribution,
    FinderBase,
    trim,
)
from barometer.quotes.lexicon import CueVerb


class LineCues(FinderBase):
    """Line-shaped cues, run after the quote marks are attributed."""

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
            s, e = trim(self.text, s, e)
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
                s, e = trim(self.text, colon + 1 + rest.start(1), colon + 1 + rest.end(1))
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
                before = trim(self.text, line.start(), pos)
                after = trim(self.text, cue[1], line.end())
                comma = self.text.rfind(",", before[0], before[1])
                if after[1] - after[0] < 3 and comma > before[0]:  # "Deal Is Dead, Senator Says."
                    content, source = trim(self.text, before[0], comma), trim(self.text, comma + 1, before[1])
                else:
                    content, source = after, before
                if content[1] <= content[0] or source[1] <= source[0]:
                    break
                dateline = re.match(r"[\d:. apm]+[-—–]+\s*", self.text[source[0]:source[1]])
                if dateline:
                    source = (source[0] + dateline.end(), source[1])
                (cs, ce), marks = self.widen(*content)
                span = self.doc.char_span(*source, alignment_mode="expand")
                self.add(Attribution(content=trim(self.text, cs, ce, marks), cue=cue, source=source,
                                     source_head=span.root.i if span is not None else None, rule=entry.id,
                                     cue_lemma=entry.lemma, marks=marks))
                break

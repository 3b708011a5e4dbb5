"""First quotation extractor: text between quote marks, with the cue verb and speaker nearby.

Never raises on unbalanced marks: an unclosed quote runs to the end of its paragraph.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from barometer.layers import ActorLayer
from barometer.model import Quote
from barometer.registry import register

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}
CUE_LEMMAS = {"say", "add", "announce", "stress", "estimate", "note", "tell", "declare", "warn", "insist",
              "explain", "state", "claim", "write", "argue", "affirm", "assert", "reply", "respond", "agree",
              "call", "urge", "deny", "confirm", "continue", "ask"}


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted content (without the marks); tolerant of unbalanced marks."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        close = OPEN_CLOSE.get(ch)
        if close is None or (ch == "‘" and i > 0 and text[i - 1].isalpha()):
            i += 1
            continue
        para_end = text.find("\n\n", i)
        para_end = n if para_end < 0 else para_end
        j = text.find(close, i + 1, para_end)
        if j < 0:
            end = para_end
            spans.append((i + 1, end))
            i = end
            continue
        if j > i + 1:
            spans.append((i + 1, j))
        i = j + 1
    return spans


def _cue_for(doc: Doc, start: int, end: int) -> Token | None:
    """The reporting verb of the sentence(s) around a quote, outside the quote itself."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sents = {span[0].sent, span[-1].sent}
    best: Token | None = None
    for sent in sents:
        for tok in sent:
            if start <= tok.idx < end or tok.pos_ not in ("VERB", "AUX"):
                continue
            if tok.lemma_ in CUE_LEMMAS:
                if best is None or abs(tok.idx - start) < abs(best.idx - start):
                    best = tok
    return best


def _speaker_for(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    for child in cue.children:  # post-posed subjects parsed as objects: "announced the president"
        if child.dep_ in ("dobj", "attr") and child.i > cue.i:
            return child
    return None


@register("quote_extractor", "barometer.quote_extractor.v1")
def extract_quotes(doc: Doc, actors: ActorLayer) -> list[Quote]:
    quotes: list[Quote] = []
    previous_speaker: tuple[str | None, str | None] = (None, None)
    for start, end in find_quote_spans(doc.text):
        content = doc.text[start:end]
        if not content.strip():
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        sent = span[0].sent if span is not None else None
        whole_sentence = sent is not None and len(content) >= 0.5 * len(sent.text.strip())
        kind = "direct" if whole_sentence or len(content.split()) > 8 else "partial"
        cue = _cue_for(doc, start, end)
        speaker_tok = _speaker_for(cue) if cue is not None else None
        speaker_id = speaker_text = None
        if speaker_tok is not None:
            subtree = list(speaker_tok.subtree)
            s_start, s_end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
            speaker_text = doc.text[s_start:s_end]
            speaker_id = actors.actor_at(s_start, s_end)
            if speaker_id is None and speaker_tok.pos_ == "PRON":
                speaker_id = previous_speaker[0]
        elif cue is None and previous_speaker[0] is not None:
            speaker_id, speaker_text = previous_speaker
        if speaker_id:
            previous_speaker = (speaker_id, speaker_text)
        quotes.append(Quote(id=f"q{len(quotes) + 1}", text=content, kind=kind, speaker=speaker_id,
                            speaker_text=speaker_text, cue=cue.text if cue is not None else None,
                            start=start, end=end))
    return quotes

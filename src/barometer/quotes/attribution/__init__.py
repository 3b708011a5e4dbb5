"""Attribution relations: content, cue and source spans found from quote marks and the parse.

This package knows nothing about actors: it returns raw spans (the PolNeAR notion of an attribution),
which ``extractor`` then resolves to actor ids. Rules, in order:

1. a cue verb from the lexicon (outside quote marks) with a reported frame — that-clause or quoted
   clause (ccomp/parataxis), infinitive (``urged X to``), object (``denies any plan``) or
   prepositional object (``called for a meeting``) — is a cue; the frame's subtree, widened to any
   quote-mark span it touches, is the content;
2. ``according to X`` is a cue; when its clause already has a cue it is the second, reporting source
   (nested attribution), otherwise the rest of its clause is the content;
3. a quote-mark span that no cue claimed is attributed by a colon lead-in (``he said:``), a dash
   after the quote (``” — Joe Biden``), a cue verb without content in the same sentence, or — for a
   quote that makes up most of its sentence — by speaker continuity (the previous attribution);
   a short quoted fragment with none of these is a scare quote and is left alone.

One module per cue family: ``verbs`` (1), ``nouns`` (speech nouns, stance adjectives), ``according``
(2), ``orphans`` (3), ``lines`` (transcript, colon and headline lines); ``speakers`` and ``content``
hold the source and content rules they share, ``base`` the state, ``finder`` the order they run in.
"""

from __future__ import annotations

from spacy.tokens import Doc

from barometer.quotes.attribution.base import Attribution
from barometer.quotes.attribution.finder import Finder
from barometer.quotes.lexicon import CueLexicon, cue_lexicon

__all__ = ["Attribution", "find_attributions"]


def find_attributions(doc: Doc, lexicon: CueLexicon | None = None, univocal: bool = False) -> list[Attribution]:
    """Every attribution in ``doc``, ordered by content start. ``univocal``: PolNeAR's reading, where a
    token has one role in one attribution, so a relative aside inside a content ("… a move the Kremlin
    described as a response") is part of that content, not an attribution of its own."""
    return Finder(doc, lexicon or cue_lexicon(), univocal=univocal).run()

"""The cue lexicon (data/quotes/cues.yaml) as typed records, loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class CueVerb:
    id: str
    lemma: str
    clause: bool = True
    infinitive: bool = False
    object: bool = False
    preps: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # surface forms the tagger lemmatises wrongly ("hoping" -> "hop")


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, CueVerb]  # lemma -> its first entry
    according_to_id: str
    citing_id: str
    dashes: tuple[str, ...] = field(default=())
    documents: frozenset[str] = field(default=frozenset())
    frames: dict[str, tuple[CueVerb, ...]] = field(default_factory=dict)  # lemma or form -> every entry
    that_clause_id: str | None = None  # frame: any main verb + that-clause with its own subject
    nouns: dict[str, CueVerb] = field(default_factory=dict)  # lemma -> speech noun ("claim that ...")
    adjectives: dict[str, CueVerb] = field(default_factory=dict)  # lemma -> stance adjective ("critical of")
    in_source_id: str | None = None  # "In a CNN poll, Clinton leads …": the poll is the source
    in_sources: frozenset[str] = field(default_factory=frozenset)

    def entries(self, lemma: str, form: str) -> tuple[CueVerb, ...]:
        """Every cue entry of a verb token (a lemma may have several: "point out", "point to")."""
        return self.frames.get(lemma) or self.frames.get(form, ())


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    raw = yaml.safe_load(resources.files("barometer.data").joinpath("quotes/cues.yaml").read_text("utf-8"))
    verbs: dict[str, CueVerb] = {}
    frames: dict[str, tuple[CueVerb, ...]] = {}
    for v in raw["verbs"]:
        entry = CueVerb(id=v["id"], lemma=v["lemma"], clause=v.get("clause", True),
                        infinitive=v.get("infinitive", False), object=v.get("object", False),
                        preps=tuple(v.get("preps", ())), particles=tuple(v.get("particles", ())),
                        forms=tuple(v.get("forms", ())))
        verbs.setdefault(entry.lemma, entry)
        for key in (entry.lemma, *entry.forms):
            frames[key] = (*frames.get(key, ()), entry)
    nouns, adjectives = _by_lemma(raw.get("nouns", ())), _by_lemma(raw.get("adjectives", ()))
    phrases = raw["phrases"]
    return CueLexicon(verbs=verbs, according_to_id=phrases["according_to"]["id"],
                      citing_id=phrases["citing"]["id"], dashes=tuple(raw.get("dashes", ())),
                      documents=frozenset(raw.get("documents", ())), frames=frames,
                      that_clause_id=raw.get("frames", {}).get("that_clause", {}).get("id"), nouns=nouns, adjectives=adjectives,
                      in_source_id=phrases.get("in_source", {}).get("id"),
                      in_sources=frozenset(phrases.get("in_source", {}).get("nouns", ())))


def _by_lemma(items: list[dict]) -> dict[str, CueVerb]:
    """Speech nouns or stance adjectives of cues.yaml, by lemma (their frames read like a verb's)."""
    return {n["lemma"]: CueVerb(id=n["id"], lemma=n["lemma"], clause=n.get("clause", True),
                                infinitive=n.get("infinitive", False), preps=tuple(n.get("preps", ())))
            for n in items}

"""People outside the knowledge base who belong to a body their own words name (issue 20).

"BBC's Jonathan Marcus", "Matthew Ingram of The Globe and Mail", "Sharif Hotak, of the provincial
council,", "A member of the Tunisian Parliament, Samir Dilou, said", "the government's lawyer,
Richard Keen": an article-local person with no code yet takes the code of the body named in their
own phrase (the mention keeps the rule that found the name; the actor's ``role`` says "of <body>"):

* a possessor of the name ("BBC's"), or the object of its ``of``/``for``/``at``/``from`` phrase, or a
  modifier before its title ("Houthi military spokesperson X");
* the same read off the noun in apposition to the name, either way round ("X, a representative for
  Y", "the lawyer of Y, X"), or off the subject that stands, comma-separated, right before the name
  as a second subject of the same verb (the small parser's reading of "A member of Y, X said").

A body is a resolved mention of an organisation or group with a sector (``GBRMED``, ``TUNLEG``, the
article's ``GOV``); a state ("X of Ukraine") or a capital ("X, of Kyiv,") says where someone is
from, not what they are, and is left to the passes that give a country. Never a merely nearby
body: only these syntactic links count.
"""

from __future__ import annotations

from spacy.tokens import Token

from barometer.actors.state import Mention, State

#: Prepositions that attach a person (or the noun apposed to them) to the body they belong to.
AFFILIATING = frozenset({"of", "for", "at", "from", "with"})
#: Rules whose mentions are places standing for a government: where someone lives, not their body.
PLACE_RULES = frozenset({"capital_metonym", "alias:capital"})


def _linked_tokens(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s possessor and of its affiliating prepositions' objects (one level)."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "poss":
            out.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in AFFILIATING:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(t for t in p.subtree if t.dep_ not in ("relcl", "acl"))
    return out


def _apposed(st: State, m: Mention) -> list[Token]:
    """Nouns standing in apposition to the person's name, either way round, or as a comma-separated
    co-subject just before it ("A member of Parliament, X said": both ``nsubj`` of "said")."""
    doc = st.doc
    head = doc[m.end - 1] if m.end - m.start > 0 else doc[m.start]
    out = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        out.append(head.head)
    if head.dep_ == "nsubj" and m.start > 1 and doc[m.start - 1].text == ",":
        out += [c for c in head.head.children if c.dep_ == "nsubj" and c.i < m.start - 1 and c.pos_ == "NOUN"
                and all(t.i < m.start for t in c.subtree) and max(t.i for t in c.subtree) == m.start - 2]
    return out


def _body(st: State, toks: list[Token]) -> Mention | None:
    idx = {t.i for t in toks}
    for p in st.mentions:
        if not any(p.start <= i < p.end for i in idx) or p.rule in PLACE_RULES:
            continue
        a = st.infos[p.actor_id].actor
        if a.kind in ("organization", "group") and a.sector and a.code:
            return p
    return None


def affiliations(st: State) -> None:
    """An article-local person with no code takes the code of the body their own phrase names."""
    for m in list(st.mentions):
        info = st.infos[m.actor_id]
        a = info.actor
        if a.kind != "person" or a.kb_id is not None or a.code:
            continue
        head = st.doc[m.end - 1]
        toks = _linked_tokens(head)
        # modifiers before the title: "Houthi military spokesperson X" (the body modifies the title)
        toks += [t for w in st.doc[m.start:m.end] for c in w.children
                 if c.dep_ in ("compound", "nmod", "amod", "poss") and c.i < m.start for t in c.subtree]
        for n in _apposed(st, m):
            toks += _linked_tokens(n)
        body = _body(st, toks)
        if body is None:
            continue
        b = st.infos[body.actor_id].actor
        info.actor = a.model_copy(update={"country": b.country, "sector": b.sector, "code": b.code,
                                          "role": a.role or f"of {b.name}"})

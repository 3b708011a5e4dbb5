"""Build ``src/barometer/data/actors/leaders.yaml`` — heads of state and government of every country,
and the foreign ministers of December 2022 — from Wikidata extracts, with each person's Wikidata id.

    python scripts/build_leaders.py [--data ../shared/data] [--report docs/leaders-disagreements.md]

Inputs (read their SOURCE.md): ``leaders-wikidata-geografia/leaders.csv`` (holders of each country's
head-of-state office, P1906, and head-of-government office, P1313, through P39 "position held" with
P580/P582 qualifiers; September 2025) and ``leaders-epscrapers-foreign-2023/foreign_ministers.csv``
(current foreign ministers, December 2022, no history). What the script does with their caveats:

* rows are merged per (country, role, person QID): duplicate statements and year-only starts
  (``YYYY-01-01`` beside a precise date) become one term, the precise dates winning; a statement
  with no end beside one of the same start (or year) with an end is that term (so a holder back in office
  after a gap, Comoros' Azali Assoumani in 2019, keeps the later term);
* terms that ended before 1990 are left out; so are names that are only a QID, the fictional
  "Quentin Trembley", and Portuguese-only labels of monarchs ("Isabel II do Reino Unido"), which are
  renamed from ``ENGLISH`` below when known and dropped otherwise;
* overlapping holders of one office (acting holders, successions dated loosely) are cut so that the
  earlier term ends when the later one starts, and a term nested inside another is dropped;
* Iran's offices are renamed (``OFFICES``: P1906 is the Supreme Leader, P1313 the President), and a
  few people get the English press's spelling as an alias (``PRESS_ALIASES``: "Rouhani" beside
  Wikidata's "Hassan Rohani");
* a foreign minister holds office from the P580 start to the snapshot day, 2022-12-10 (known to be
  in office then; not after, since the file has no end dates);
* the countries and offices our hand-checked ``people.yaml`` covers are **not** taken: ours win, and
  each disagreement (a holder on a date who is not ours) is written to the report.

Refreshing from Wikidata itself (this machine cannot reach it): run this query at
https://query.wikidata.org/ and save the result as CSV with the columns of ``leaders.csv``
(country_iso3, role, title, name, aliases, start, end, source_id)::

    SELECT ?iso3 ?role ?personLabel ?person ?start ?end WHERE {
      ?country wdt:P298 ?iso3 .
      VALUES (?prop ?role) { (wdt:P1906 "head_of_state") (wdt:P1313 "head_of_government") }
      ?country ?prop ?office .
      ?person p:P39 ?st . ?st ps:P39 ?office ; pq:P580 ?start .
      OPTIONAL { ?st pq:P582 ?end }
      SERVICE wikibase:label { bd:serviceParam wikibase:language "en,pt" . }
    }

and, for foreign ministers (P5769 "foreign minister" office of a country, with its holders and
P580/P582), the same with ``VALUES (?prop ?role) { (wdt:P5769 "foreign_minister") }`` (end dates then
replace the snapshot day).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "barometer" / "data" / "actors" / "leaders.yaml"
HAND = ROOT / "src" / "barometer" / "data" / "actors" / "people.yaml"
SINCE = dt.date(1990, 1, 1)
SNAPSHOT_FM = dt.date(2022, 12, 10)
#: Known junk (SOURCE.md): a fictional president.
DROP_NAMES = {"Quentin Trembley"}
#: English names for QIDs whose label in the extract is Portuguese.
ENGLISH = {"Q9682": "Elizabeth II", "Q43274": "Charles III", "Q3919": "Albert II of Belgium",
           "Q155004": "Philippe of Belgium", "Q57298": "Harald V", "Q102139": "Margrethe II",
           "Q57313": "Carl XVI Gustaf", "Q154946": "Willem-Alexander", "Q29207": "Beatrix of the Netherlands",
           "Q191045": "Felipe VI", "Q29226": "Juan Carlos I", "Q2748": "Simeon Saxe-Coburg-Gotha"}
#: Spellings of the English-language press beside Wikidata's label (the label stays the name).
PRESS_ALIASES = {"Q348144": ["Hassan Rouhani", "Rouhani"], "Q57336": ["Ayatollah Ali Khamenei", "Khamenei"],
                 "Q5947347": ["Ebrahim Raisi", "Raisi"]}
#: Offices Wikidata's P1906/P1313 name otherwise than the press: Iran's head of state is the Supreme
#: Leader and its head of government the President (P1313), not a prime minister.
OFFICES = {("IRN", "head_of_state"): (["head_of_state", "supreme_leader"], "Supreme Leader of Iran"),
           ("IRN", "head_of_government"): (["head_of_government", "president"], "President of Iran")}
_PORTUGUESE = re.compile(r"\b[IVX]+ (?:do|da|de|dos|das)\b|, (?:Duque|Príncipe|Rei|Rainha)\b")
#: Heads of state who are monarchs (the rest are presidents): present-day monarchies (ISO 3166).
MONARCHIES = {"AND", "ARE", "BEL", "BHR", "BRN", "BTN", "DNK", "ESP", "JOR", "JPN", "KHM", "KWT", "LIE", "LSO",
              "LUX", "MAR", "MCO", "MYS", "NLD", "NOR", "OMN", "QAT", "SAU", "SWE", "SWZ", "THA", "TON", "VAT"}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _same_start(start: dt.date, starts: set[dt.date]) -> bool:
    """The start is one of ``starts``, or a year-only start (Jan 1) of the same year as one."""
    return start in starts or (start.month == 1 and start.day == 1 and any(s.year == start.year for s in starts))


def _splits_like_spacy(name: str) -> bool:
    import spacy

    from barometer.actors.matcher import words

    global _TOKENIZER
    if _TOKENIZER is None:
        _TOKENIZER = spacy.blank("en")
    return words(name) == [t.text for t in _TOKENIZER.make_doc(name)]


_TOKENIZER = None


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.lower().replace("ł", "l").replace("ø", "o"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def read_rows(data: Path) -> list[dict]:
    rows = list(csv.DictReader((data / "leaders-wikidata-geografia" / "leaders.csv").open(encoding="utf-8")))
    for r in csv.DictReader((data / "leaders-epscrapers-foreign-2023" / "foreign_ministers.csv").open(encoding="utf-8")):
        if r["country_iso3"] and len(r["country_iso3"]) == 3 and r["country_iso3"] != "EUE":
            r["end"] = SNAPSHOT_FM.isoformat()
            rows.append(r)
    return rows


def merge_terms(rows: list[dict]) -> tuple[dict, dict, list[str]]:
    """(iso3, role) -> [(qid, start, end)], qid -> name, and notes on what was dropped."""
    names: dict[str, str] = {}
    per: dict[tuple[str, str, str], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    notes: list[str] = []
    for r in rows:
        qid, name = r["source_id"], ENGLISH.get(r["source_id"], r["name"].strip().replace("\u2011", "-"))
        if not name or re.fullmatch(r"Q\d+", name) or name in DROP_NAMES or not re.fullmatch(r"Q\d+", qid):
            continue
        start, end = _date(r["start"]), _date(r["end"])
        if start is None or (end is not None and (end < SINCE or end < start)):
            continue
        if _PORTUGUESE.search(name):
            notes.append(f"dropped {qid} {name!r}: Portuguese label, no English name known")
            continue
        if not _splits_like_spacy(name):
            notes.append(f"dropped {qid} {name!r}: the alias matcher would split it unlike spaCy")
            continue
        names[qid] = name
        per[(r["country_iso3"], r["role"], qid)].append((start, end))
    offices: dict[tuple[str, str], list[tuple[str, dt.date, dt.date | None]]] = defaultdict(list)
    for (iso, role, qid), spans in per.items():
        # a statement with no end beside one of the same start with an end is that term, its end
        # missing: the dated one wins (otherwise the open copy swallows a later, resumed term)
        dated = {s for s, e in spans if e is not None}
        spans = sorted({(s, e) for s, e in spans if e is not None or not _same_start(s, dated)},
                       key=lambda t: (t[0], t[1] or dt.date.max))
        merged: list[list] = []
        for s, e in spans:
            # a year-only start (Jan 1) within a year of another start is the same statement
            if merged and (s <= (merged[-1][1] or dt.date.max) or (s.month == 1 and s.day == 1 and
                                                                    (s - merged[-1][0]).days < 366)):
                last = merged[-1]
                if last[0].month == 1 and last[0].day == 1 and s.year == last[0].year:
                    last[0] = s
                last[1] = None if e is None or last[1] is None else max(last[1], e)
            else:
                merged.append([s, e])
        offices[(iso, role)].extend((qid, s, e) for s, e in merged)
    for key, terms in offices.items():
        terms.sort(key=lambda t: (t[1], t[2] or dt.date.max))
        clean: list[tuple[str, dt.date, dt.date | None]] = []
        for qid, s, e in terms:
            if clean and clean[-1][0] == qid:
                pe = clean[-1][2]
                if pe is None or pe >= s:  # a second statement of the same term
                    if pe is not None and (e is None or e > pe):
                        clean[-1] = (qid, clean[-1][1], e)
                    continue
                clean.append((qid, s, e))  # back in office after a gap: a term of its own
                continue
            if clean and (clean[-1][2] is None or clean[-1][2] > s):
                pq, ps, pe = clean[-1]
                if pe is not None and e is not None and e <= pe or s == ps:
                    notes.append(f"{key[0]} {key[1]}: dropped {names[qid]} ({s}–{e}) inside {names[pq]}'s term")
                    continue
                clean[-1] = (pq, ps, s)
            clean.append((qid, s, e))
        offices[key] = clean
    return offices, names, notes


def hand_coverage() -> tuple[dict, dict[str, str], dict[tuple[str, str], list]]:
    """Our people (id -> spec), name -> id, and (country, role) -> holders for the roles we cover."""
    hand = yaml.safe_load(HAND.read_text("utf-8"))
    by_name = {}
    for pid, p in hand["people"].items():
        for n in [p["name"], *p.get("aliases", [])]:
            by_name.setdefault(slug(n), pid)
    cover: dict[tuple[str, str], list] = defaultdict(list)
    for off in hand["offices"]:
        if not off.get("country"):
            continue
        for role in ("head_of_state", "head_of_government", "foreign_minister"):
            if role in off["kinds"]:
                cover[(off["country"], role)].extend(off["holders"])
    return hand["people"], by_name, cover


def kinds_of(iso: str, role: str, presidential: bool) -> tuple[list[str], str]:
    import pycountry

    if (iso, role) in OFFICES:
        kinds, title = OFFICES[(iso, role)]
        return list(kinds), title
    c = pycountry.countries.get(alpha_3=iso)
    country = (getattr(c, "common_name", None) or c.name) if c else iso
    if role == "foreign_minister":
        return ["foreign_minister"], f"Foreign Minister of {country}"
    if role == "head_of_state":
        if iso in MONARCHIES:
            return ["head_of_state", "monarch"], f"Monarch of {country}"
        return ["head_of_state", "president"], f"President of {country}"
    if presidential:
        return ["head_of_government"], f"Head of government of {country}"
    return ["head_of_government", "prime_minister"], f"Prime Minister of {country}"


def build(data: Path) -> tuple[dict, list[str]]:
    import pycountry

    from barometer.eval.newsmatch import names_match

    known = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    offices, names, notes = merge_terms(read_rows(data))
    hand_people, hand_by_name, cover = hand_coverage()
    people: dict[str, dict] = {}
    out_offices = []
    ids: dict[str, str] = {}
    disagreements: list[str] = []

    def pid_of(qid: str) -> str:
        if qid not in ids:
            s = slug(names[qid])
            if s in hand_by_name:
                ids[qid] = hand_by_name[s]
            else:
                pid = s if s not in hand_people and s not in people else f"{s}-{qid.lower()}"
                people[pid] = {"name": names[qid], "wikidata": qid}
                if qid in PRESS_ALIASES:
                    people[pid]["aliases"] = PRESS_ALIASES[qid]
                ids[qid] = pid
        return ids[qid]

    hos = {iso: terms for (iso, role), terms in offices.items() if role == "head_of_state"}
    # a monarch heading several realms (Elizabeth II) is coded by their own country, never by a realm
    realms = defaultdict(set)
    for iso, terms in hos.items():
        for q, _, _ in terms:
            realms[q].add(iso)
    for iso in list(hos):
        kept = [t for t in hos[iso] if len(realms[t[0]]) == 1]
        if len(kept) < len(hos[iso]):
            notes.append(f"{iso} head_of_state: left out {len(hos[iso]) - len(kept)} terms of monarchs of several realms")
        offices[(iso, "head_of_state")] = hos[iso] = kept
    for (iso, role), terms in sorted(offices.items()):
        if iso not in known or not terms:
            continue
        if iso == "AND" and role == "head_of_state":
            continue  # the co-princes are France's president and the Bishop of Urgell
        if (iso, role) in cover:
            first = min((h[1] for h in cover[(iso, role)] if h[1]), default=None)
            before = [(q, s, min(e or first, first)) for q, s, e in terms if first and s < first]
            for qid, s, e in terms:
                mid = s + ((e or dt.date(2025, 9, 1)) - s) / 2
                ours = [h for h in cover[(iso, role)] if (h[1] is None or h[1] <= mid) and (h[2] is None or mid < h[2])]
                same = [h for h in ours if h[0] == hand_by_name.get(slug(names[qid]))
                        or names_match(hand_people[h[0]]["name"], names[qid])]
                if ours and not same and mid >= dt.date(2014, 1, 1):
                    disagreements.append(f"| {iso} | {role} | {mid} | {names[qid]} ({qid}), {s} – {e or 'open'} "
                                         f"| {', '.join(h[0] for h in ours)} |")
            if not before:
                continue
            terms = before  # the history before our hand-checked entries start
        heads = {q for q, _, _ in hos.get(iso, [])}
        presidential = role == "head_of_government" and sum(q in heads for q, _, _ in terms) * 2 > len(terms)
        kinds, title = kinds_of(iso, role, presidential)
        src = ("Wikidata P1906/P1313 holders via leaders-wikidata-geografia (2025-09); person: wikidata id"
               if role != "foreign_minister" else
               "Wikidata foreign-minister holders via leaders-epscrapers-foreign-2023 (snapshot 2022-12-10)")
        out_offices.append({"id": f"{iso}.{role}.wd", "country": iso, "title": title, "kinds": kinds, "source": src,
                            "holders": [[pid_of(q), s.isoformat(), e.isoformat() if e else None]
                                        for q, s, e in terms]})
    doc = {"version": 1, "revised": "2025-09-25",
           "source": "Wikidata (CC0) via leaders-wikidata-geografia and leaders-epscrapers-foreign-2023; "
                     "generated by scripts/build_leaders.py, do not edit by hand",
           "people": people, "offices": out_offices}
    return doc, notes + ["## disagreements", *disagreements]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--report", type=Path, default=None)
    args = ap.parse_args()
    doc, notes = build(args.data)
    header = "# GENERATED by scripts/build_leaders.py from Wikidata extracts (CC0); see docs/actors.md.\n"
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200, default_flow_style=None)
    OUT.write_text(header + body, "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(doc['people'])} people, {len(doc['offices'])} offices")
    if args.report:
        args.report.write_text("\n".join(notes) + "\n", "utf-8")
    else:
        print("\n".join(notes[-60:]))


if __name__ == "__main__":
    main()

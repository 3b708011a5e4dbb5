"""Write src/barometer/data/events/cameo.tsv: one row per CAMEO code with its PLOVER mapping.

Why a script: the facts (CAMEO code names, Goldstein scale values, the CAMEO→PLOVER conversion
table) come from public codebooks; we re-derive our own compact table from them so the mapping
is reproducible and auditable. Run from the repository root with ../shared beside it:

    python scripts/build_cameo_table.py

Sources (see ../shared/data/*/SOURCE.md): CAMEO names and ICEWS Goldstein values
(andybega/icews cameo-codes.csv, MIT), GDELT's Goldstein lookup as fallback, and the PLOVER
CAMEO2PLOVER-2021 table (openeventdata/PLOVER, CC BY-SA 4.0). Roots 01 and 02 are not PLOVER
events ("dropped"); codes absent from the conversion table inherit the PLOVER type of their root
(the PLOVER manual: "everything at the 3- and 4-digit level should simply be reduced to the
2-digit cue category"); root 08 splits into CONCEDE (081-083) and RETREAT (084-087).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "barometer" / "data" / "events" / "cameo.tsv"

ROOT_TO_PLOVER = {"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
                  "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
                  "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
                  "19": "ASSAULT", "20": "ASSAULT"}
ROOT_MODE = {"09": "investigate", "11": "disapprove", "20": "unconventional"}
#: Modes of the 2021 table that the current manual no longer lists, mapped to current ones.
MODE_FIX = {"ease": "", "return": "withdraw", "political": "", "pro_autocracy": "", "cleansing": "",
            "massacre": "", "assassinate": "", "ban": "restrict"}


def quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def plover_for_root(code: str) -> str:
    root = code[:2]
    if root == "08":
        return "CONCEDE" if code[:3] in ("080", "081", "082", "083") or len(code) == 2 else "RETREAT"
    return ROOT_TO_PLOVER.get(root, "")


def main() -> int:
    codes = list(csv.DictReader((SHARED / "cameo-codebook" / "cameo-codes.csv").open(encoding="latin-1")))
    gdelt = {}
    for line in (SHARED / "cameo-codebook" / "CAMEO.goldsteinscale.txt").read_text("latin-1").splitlines()[1:]:
        if "\t" in line:
            c, g = line.split("\t")
            gdelt[c.strip()] = g.strip()
    mapping = {r["cameo_code"]: r for r in csv.DictReader(
        (SHARED / "cameo-plover" / "cameo_to_plover_2021.csv").open(encoding="utf-8"))}
    rows = []
    for r in codes:
        code = r["code"].strip()
        root = code[:2]
        m = mapping.get(code)
        plover = m["plover_event"] if m else plover_for_root(code)
        mode = (m["plover_mode"] if m else ROOT_MODE.get(root, "")) or ROOT_MODE.get(root, "")
        mode = MODE_FIX.get(mode, mode)
        context = (m["plover_context"] if m else "").replace(";", ",")
        gold = r["goldstein"] if r["goldstein"] not in ("", "NA") else gdelt.get(code, "")
        name = r["name"].strip().replace("\t", " ")
        rows.append((code, name, gold, quad(root), plover, mode, context))
    OUT.write_text("code\tname\tgoldstein\tquad_class\tplover\tmode\tcontext\n" + "".join(
        "\t".join(str(x) for x in row) + "\n" for row in rows), "utf-8")
    print(f"wrote {len(rows)} codes to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

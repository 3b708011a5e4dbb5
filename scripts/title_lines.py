"""How many text files' first lines become titles under ``title_line`` auto, against yes (the old rule).

    .venv/bin/python scripts/title_lines.py ../shared/data/ukraine-war-news-2022-2024/articles \
        ../shared/data/wikinews-en-gum/articles

Prints, per directory: files, titles taken with ``yes`` and with ``auto``, files whose title changes,
and *lead lines lost*: first lines taken as the title that end like a sentence (a full stop, colon…),
i.e. a first paragraph that would not be analysed. Counts only: no file's text is printed, so it may
run over a corpus with reserved files (``--show N`` prints the first N changed first lines, and skips
the files a ``splits.json`` beside the directory reserves).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from barometer.clean.article import clean_text  # noqa: E402

_ENDS_LIKE_SENTENCE = re.compile(r"[.…:;,][\"'”’»)\]]*$")


def first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


def measure(folder: Path, show: int = 0) -> dict:
    splits = folder.parent / "splits.json"
    reserved = set(json.loads(splits.read_text("utf-8")).get("reserved", [])) if splits.exists() else set()
    out = {"files": 0, "titles_yes": 0, "titles_auto": 0, "changed": 0, "lead_lines_lost_yes": 0,
           "lead_lines_lost_auto": 0}
    shown = 0
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text("utf-8", errors="replace")
        _, yes, _ = clean_text(raw, title_line="yes")
        _, auto, _ = clean_text(raw, title_line="auto")
        out["files"] += 1
        out["titles_yes"] += yes is not None
        out["titles_auto"] += auto is not None
        out["changed"] += yes != auto
        out["lead_lines_lost_yes"] += bool(yes and _ENDS_LIKE_SENTENCE.search(yes))
        out["lead_lines_lost_auto"] += bool(auto and _ENDS_LIKE_SENTENCE.search(auto))
        if yes != auto and shown < show and path.name not in reserved:
            shown += 1
            print(f"  {path.name}: yes={yes!r:.90} auto={auto!r:.90}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print this many changed titles (non-reserved files)")
    args = ap.parse_args(argv)
    for folder in args.folders:
        print(folder, json.dumps(measure(folder, args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

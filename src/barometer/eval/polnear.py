"""Reader for PolNeAR (brat standoff attribution relations), one gold annotator per article.

PolNeAR has no adjudicated version: an article annotated twice is read from its first annotator
file in sorted order, so every run reads the same gold. Discontinuous spans (``a b;c d``) are kept
as fragment lists; ``Discard``/``Discuss`` flags are ignored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

Frags = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    content: Frags
    cue: Frags
    source: Frags | None


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _frags(raw: str) -> Frags:
    out = []
    for part in raw.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, Frags]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            try:
                kind, rest = cols[1].split(" ", 1)
                spans[cols[0]] = (kind, _frags(rest))
            except ValueError:
                continue  # one malformed line upstream
        elif cols[0].startswith("E"):
            roles = {}
            for arg in cols[1].split():
                if ":" in arg:
                    role, tid = arg.split(":", 1)
                    roles[role] = tid
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        cue = spans.get(roles.get("Cue", ""))
        if content is None or cue is None:
            continue
        source = spans.get(roles.get("Source", ""))
        out.append(GoldAttribution(content=content[1], cue=cue[1], source=source[1] if source else None))
    return out


def split_files(root: Path, split: str) -> list[tuple[str, Path, Path]]:
    """(article name, text path, chosen annotation path) for every article of a split, sorted."""
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    anns = sorted(ann_dir.glob("*.ann"))
    out = []
    for txt in sorted(text_dir.glob("*.txt")):
        mine = [a for a in anns if a.name.rsplit("_", 1)[0] == txt.stem]
        if mine:
            out.append((txt.stem, txt, mine[0]))
    return out


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    files = split_files(root, split)[:limit] if limit else split_files(root, split)
    return [GoldArticle(name, t.read_text("utf-8"), parse_ann(a.read_text("utf-8"))) for name, t, a in files]


def split_hash(root: Path, split: str, limit: int | None = None) -> str:
    """sha256 over the names and bytes of the text and chosen annotation files read for a split."""
    h = hashlib.sha256()
    files = split_files(root, split)[:limit] if limit else split_files(root, split)
    for name, t, a in files:
        h.update(name.encode())
        h.update(t.read_bytes())
        h.update(a.read_bytes())
    return h.hexdigest()

"""Write the news gold set by hand: drafts with text snippets in, validated JSON with offsets out.

Annotators write a YAML draft per article (docs/annotation.md, "The draft format"): every span is
an exact snippet of the article's text, which this script turns into character offsets. Drafts of
referenced (unlicensed) corpora hold text, so they stay outside the project; the JSON they become
holds offsets and digests only.

    python scripts/news_gold.py init  --corpus C --file F --split S --annotator A -o DRAFT.yaml
    python scripts/news_gold.py build DRAFT.yaml [...] --out-dir src/barometer/eval/gold_news
    python scripts/news_gold.py show  GOLD.json          # the spans, read back from the text
    python scripts/news_gold.py agree DIR_A DIR_B        # inter-annotator agreement of two passes
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from barometer.eval.newsgold import (  # noqa: E402
    GOLD_DIR,
    GOLD_SCHEMA,
    REFERENCED,
    SHIPPED,
    GoldError,
    load_article,
    parse_article,
    span_digest,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
_QUOTES = {"'": "['‘’`]", "‘": "['‘’`]", "’": "['‘’`]", '"': "[\"“”]", "“": "[\"“”]", "”": "[\"“”]",
           "-": "[-–—]", "–": "[-–—]", "—": "[-–—]"}
EVENT_KEYS = {"id", "type", "mode", "status", "source", "source_name", "target", "target_name", "said_by",
              "said_by_name", "date", "historical", "evidence", "note"}
QUOTE_KEYS = {"id", "kind", "content", "cue", "speaker", "speaker_name", "speaker_span", "note"}
HEAD_KEYS = {"id", "corpus", "file", "published", "split", "title_line", "annotator", "url", "note", "events",
             "quotes"}


class DraftError(Exception):
    pass


def _flex(snippet: str) -> re.Pattern:
    parts = []
    for ch in snippet.strip():
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(_QUOTES.get(ch, re.escape(ch)))
    return re.compile("".join(parts))


def _finds(text: str, snippet: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    hi = len(text) if hi is None else hi
    out, i = [], text.find(snippet, lo, hi)
    while i >= 0 and snippet:
        out.append((i, i + len(snippet)))
        i = text.find(snippet, i + 1, hi)
    if not out:
        out = [(m.start(), m.end()) for m in _flex(snippet).finditer(text, lo, hi)]
    return out


def locate(text: str, spec, where: str, near: tuple[int, int] | None = None) -> tuple[int, int]:  # noqa: ANN001
    """Offsets of a snippet: a string, or {text, nth, within}. ``near`` picks the closest of several
    occurrences (cues and speakers beside their quote)."""
    if isinstance(spec, str):
        spec = {"text": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("text"), str) or not spec["text"].strip():
        raise DraftError(f"{where}: a span is a snippet string or {{text: ..., nth: N, within: ...}}")
    unknown = set(spec) - {"text", "nth", "within"}
    if unknown:
        raise DraftError(f"{where}: unknown span key(s) {sorted(unknown)}")
    lo, hi = 0, len(text)
    if spec.get("within"):
        outer = _finds(text, spec["within"])
        if len(outer) != 1:
            raise DraftError(f"{where}: 'within' snippet {spec['within'][:50]!r} occurs {len(outer)} times")
        lo, hi = outer[0]
    hits = _finds(text, spec["text"].strip(), lo, hi)
    if not hits:
        raise DraftError(f"{where}: snippet {spec['text'][:60]!r} not found in the text")
    if spec.get("nth"):
        n = int(spec["nth"])
        if not 1 <= n <= len(hits):
            raise DraftError(f"{where}: nth={n} but the snippet occurs {len(hits)} times")
        return hits[n - 1]
    if len(hits) == 1:
        return hits[0]
    if near is not None:
        return min(hits, key=lambda h: min(abs(h[0] - near[1]), abs(near[0] - h[1])))
    raise DraftError(f"{where}: snippet {spec['text'][:60]!r} occurs {len(hits)} times (at "
                     f"{', '.join(str(h[0]) for h in hits[:6])}): use a longer snippet, nth: N or within: ...")


def _span(text: str, se: tuple[int, int], shipped: bool) -> dict:
    piece = text[se[0]:se[1]]
    out = {"start": se[0], "end": se[1]}
    out["text" if shipped else "digest"] = piece if shipped else span_digest(piece)
    return out


def _source_text(corpus: str, file: str) -> tuple[str, str]:
    path = SHARED / corpus / file
    data = path.read_bytes()
    return data.decode("utf-8"), hashlib.sha256(data).hexdigest()


def _meta(corpus: str, file: str) -> dict:
    for line in (SHARED / corpus / "articles.jsonl").read_text("utf-8").splitlines() if corpus in SHIPPED else []:
        r = json.loads(line)
        if r["file"] == file:
            return r
    return {}


def build(draft_path: Path, out_dir: Path) -> Path:
    where = draft_path.name
    try:
        d = yaml.safe_load(draft_path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DraftError(f"{where}: not valid YAML{at}: {getattr(exc, 'problem', None) or exc}") from None
    unknown = set(d) - HEAD_KEYS
    if unknown:
        raise DraftError(f"{where}: unknown key(s) {sorted(unknown)}")
    corpus, file = d["corpus"], d["file"]
    text, sha = _source_text(corpus, file)
    shipped = corpus in SHIPPED
    meta = _meta(corpus, file)
    out: dict = {"schema": GOLD_SCHEMA, "id": d["id"], "corpus": corpus, "file": file, "sha256": sha}
    if shipped:
        out["url"] = meta.get("url") or d.get("url")
        out["attribution"] = f"Text from Wikinews, CC BY 2.5, {out['url']} (converted to plain text; annotations added)"
    out.update({"published": str(d["published"]), "split": d["split"], "title_line": bool(d["title_line"]),
                "annotator": d["annotator"]})
    if shipped:
        out["text"] = text
    if d.get("note"):
        out["note"] = d["note"]
    events = []
    for i, e in enumerate(d.get("events") or [], 1):
        w = f"{where}: event {e.get('id', i)}"
        bad = set(e) - EVENT_KEYS
        if bad:
            raise DraftError(f"{w}: unknown key(s) {sorted(bad)}")
        ev = {k: e[k] for k in ("type", "mode", "status", "source", "source_name", "target", "target_name",
                                "said_by", "said_by_name") if e.get(k) is not None}
        ev = {"id": str(e.get("id") or f"e{i}"), **ev}
        if e.get("date") is not None:
            ev["date"] = e["date"].isoformat() if isinstance(e["date"], dt.date) else str(e["date"])
        ev["historical"] = bool(e.get("historical", False))
        evid = e.get("evidence") or []
        if isinstance(evid, (str, dict)):
            evid = [evid]
        ev["evidence"] = [_span(text, locate(text, s, f"{w} evidence"), shipped) for s in evid]
        if e.get("note"):
            ev["note"] = e["note"]
        events.append(ev)
    quotes = []
    for i, q in enumerate(d.get("quotes") or [], 1):
        w = f"{where}: quote {q.get('id', i)}"
        bad = set(q) - QUOTE_KEYS
        if bad:
            raise DraftError(f"{w}: unknown key(s) {sorted(bad)}")
        content = q.get("content") or []
        if isinstance(content, (str, dict)):
            content = [content]
        pieces = [locate(text, s, f"{w} content") for s in content]
        anchor = (min(p[0] for p in pieces), max(p[1] for p in pieces)) if pieces else None
        qo = {"id": str(q.get("id") or f"q{i}"), "kind": q.get("kind", "indirect"),
              "content": [_span(text, p, shipped) for p in pieces]}
        for name in ("cue", "speaker_span"):
            if q.get(name):
                qo[name] = _span(text, locate(text, q[name], f"{w} {name}", near=anchor), shipped)
        for name in ("speaker", "speaker_name", "note"):
            if q.get(name) is not None:
                qo[name] = q[name]
        quotes.append(qo)
    out["events"], out["quotes"] = events, quotes
    sub = "wikinews" if shipped else "ukraine"
    target = out_dir / sub / f"{d['id']}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    parse_article(raw, target.name)  # validate before writing
    tmp = target.with_suffix(".tmp")
    tmp.write_text(raw, "utf-8")
    load_article(tmp, SHARED)  # offsets against the text
    tmp.replace(target)
    return target


def cmd_init(a: argparse.Namespace) -> int:
    text, _ = _source_text(a.corpus, a.file)
    meta = _meta(a.corpus, a.file)
    name = Path(a.file).stem
    if a.corpus in SHIPPED:
        published, gid, title_line = meta["date"], f"wn-{name}", True
    else:
        m = re.match(r"(\d{4})(\d{2})(\d{2})T", name)
        published, gid, title_line = f"{m[1]}-{m[2]}-{m[3]}", f"uk-{name}", False
    head = {"id": gid[:90], "corpus": a.corpus, "file": a.file, "published": published, "split": a.split,
            "title_line": title_line, "annotator": a.annotator}
    body = yaml.safe_dump(head, sort_keys=False, allow_unicode=True)
    Path(a.output).write_text(body + "events: []\nquotes: []\n", "utf-8")
    print(f"{a.output}: {len(text)} characters")
    return 0


def cmd_build(a: argparse.Namespace) -> int:
    rc = 0
    for p in a.drafts:
        try:
            t = build(Path(p), Path(a.out_dir))
            g = parse_article(t.read_bytes(), t.name)
            print(f"{t}: {len(g.events)} events, {len(g.quotes)} quotes")
        except (DraftError, GoldError, KeyError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            rc = 1
    return rc


def cmd_show(a: argparse.Namespace) -> int:
    for p in a.files:
        art = load_article(Path(p), SHARED)
        t = art.text
        print(f"== {art.gold.id} ({art.gold.split}, {len(art.gold.events)} events, {len(art.gold.quotes)} quotes)")
        for e in art.gold.events:
            ev = " | ".join(t[s.start:s.end] for s in e.evidence)
            print(f"{e.id} {e.type}/{e.mode or '-'} {e.status} {e.source}->{e.target} {e.date} "
                  f"{'HIST ' if e.historical else ''}said_by={e.said_by}: {ev}")
        for q in art.gold.quotes:
            c = " … ".join(t[s.start:s.end] for s in q.content)
            cue = t[q.cue.start:q.cue.end] if q.cue else None
            print(f"{q.id} {q.kind} [{q.speaker} {q.speaker_name}] cue={cue!r}: {c[:160]}")
    return 0


def cmd_agree(a: argparse.Namespace) -> int:
    from barometer.eval.news import agreement

    result = agreement(Path(a.first), Path(a.second), SHARED)
    print(json.dumps(result, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="news_gold.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    i = sub.add_parser("init", help="write an empty draft for one article")
    i.add_argument("--corpus", required=True, choices=sorted(SHIPPED | REFERENCED))
    i.add_argument("--file", required=True)
    i.add_argument("--split", required=True, choices=["train", "dev", "test"])
    i.add_argument("--annotator", required=True)
    i.add_argument("-o", "--output", required=True)
    i.set_defaults(func=cmd_init)
    b = sub.add_parser("build", help="drafts -> validated gold JSON")
    b.add_argument("drafts", nargs="+")
    b.add_argument("--out-dir", default=str(GOLD_DIR))
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("show", help="print a gold file's spans from the text")
    s.add_argument("files", nargs="+")
    s.set_defaults(func=cmd_show)
    g = sub.add_parser("agree", help="agreement of two annotation passes (folders of gold JSON)")
    g.add_argument("first")
    g.add_argument("second")
    g.set_defaults(func=cmd_agree)
    a = p.parse_args(argv)
    return a.func(a)


if __name__ == "__main__":
    sys.exit(main())

"""Small corpora written by tests, a CLI runner in a subprocess, and a store dump for comparisons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

COUNTRIES = ["Russia", "Ukraine", "France", "Germany", "Poland", "Turkey", "China", "Belarus", "Britain", "Japan"]
VERBS = ["deployed troops near", "imposed sanctions on", "rejected the demands of", "met officials from",
         "accused", "threatened", "sent aid to", "criticised", "praised", "warned"]


def article(i: int) -> str:
    """A short, distinct article (title line first) about two countries."""
    a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 3 + 1) % len(COUNTRIES)]
    verb = VERBS[i % len(VERBS)]
    return (f"Report number {i}: {a} and {b}\n\n"
            f"{a} {verb} {b} on Monday, officials said in a statement number {i}. "
            f"The foreign minister of {a} said talks with {b} would continue next week in city {i}.\n\n"
            f"Analysts in {b} said the move number {i} was unexpected and would raise tensions in the region.")


def write_corpus(folder: Path, n: int = 8, *, duplicate_of: int | None = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"2022-02-{i + 1:02d}-a{i:02d}.txt"
        p.write_text(article(i), "utf-8")
        paths.append(p)
    if duplicate_of is not None:  # a syndicated copy: same story, another headline and one more line
        p = folder / f"2022-02-{n + 1:02d}-copy.txt"
        body = article(duplicate_of).split("\n", 1)[1]
        p.write_text(f"Wire copy of report {duplicate_of}\n{body}\n\nRead more on our website about it.", "utf-8")
        paths.append(p)
    (folder / "2022-02-27-empty.txt").write_bytes(b"")
    return paths


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), e.get("PYTHONPATH", "")])
    e.update(extra)
    return e


def cli(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "barometer.cli", *args], capture_output=True, text=True,
                          env=env(**extra_env), timeout=300)


def popen(*args: str, **extra_env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "barometer.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(**extra_env))


#: Columns compared per table (wall-clock timestamps and batch ids are left out: they differ by design).
DUMP = {
    "articles": "id, title, published, outlet, wire, language, url, source, text, analysis, n_events, story_id",
    "actors": "*", "events": "*", "quotes": "*", "amounts": "*", "times": "*", "places": "*",
    "failures": "source, error", "minhash": "*", "batch_items": "source, status, article_id, error",
}


def dump(db: str | Path) -> dict[str, list[tuple]]:
    from barometer.store import open_store

    out = {}
    with open_store(str(db), read_only=True) as s:
        for table, cols in DUMP.items():
            rows = s.query(f"SELECT {cols} FROM {table}")[1]  # noqa: S608 - fixed names
            out[table] = sorted(rows, key=repr)
    return out

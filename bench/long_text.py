"""Time and peak memory of one long document: is the cost per character flat from 25k to 5M characters?

    PYTHONPATH=src python bench/long_text.py [--sizes 25000,100000,1000000,5000000] [--piece-chars N]

Why: one spaCy Doc over a whole text grew faster than the text (985k characters: 98 s, 3.4 GB) and
failed over spaCy's 1,000,000-character limit. Long texts are now analysed in pieces of whole
paragraphs (``barometer/pieces.py``, setting ``piece_chars``). Each size runs in its own process
(so each peak is its own): the pipeline is warmed up first, then one text of that many characters —
the bundled sample articles' paragraphs, repeated with a running number so that no two are the same
— is analysed once. Printed per size: seconds of the analysis (start-up excluded), microseconds per
character, the process's peak resident memory, and its growth over the warmed-up process. Exits 1
when the cost per character at one size is over 1.5 times that at another.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def long_text(chars: int) -> str:
    """A text of about ``chars`` characters of news paragraphs (the bundled samples), each distinct."""
    paragraphs = []
    for path in sorted((ROOT / "src" / "barometer" / "samples").glob("*.txt")):
        body = path.read_text("utf-8").split("\n", 1)[1]
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip()]
    out, size, k = [], 0, 0
    while size < chars:
        p = paragraphs[k % len(paragraphs)]
        p = f"{p} (Update {k // len(paragraphs) + 1}.)"
        out.append(p)
        size += len(p) + 2
        k += 1
    return "\n\n".join(out)[:chars]


def child(chars: int, piece_chars: int | None) -> dict:
    from barometer.pipeline import Pipeline
    from barometer.settings import Settings

    pipeline = Pipeline.from_settings(Settings(**({"piece_chars": piece_chars} if piece_chars else {})))
    pipeline.warm_up()
    pipeline.analyze(long_text(5000), "2022-02-24", title_line="no")  # the rest of the lazy loading
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = long_text(chars)
    t0 = time.perf_counter()
    analysis = pipeline.analyze(text, "2022-02-24", title_line="no")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"chars": len(text), "seconds": round(seconds, 2), "us_per_char": round(1e6 * seconds / len(text), 2),
            "peak_mb": round(peak), "growth_mb": round(peak - base), "events": len(analysis.events)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="25000,100000,1000000,5000000")
    ap.add_argument("--piece-chars", type=int, default=None, help="setting piece_chars (default: its default)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.piece_chars)))
        return 0
    rows = []
    print(f"{'chars':>10} {'seconds':>8} {'µs/char':>8} {'peak MB':>8} {'growth MB':>9} {'events':>7}", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--child", str(size)]
        if args.piece_chars:
            cmd += ["--piece-chars", str(args.piece_chars)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                             env={"PYTHONPATH": str(ROOT / "src"), **__import__("os").environ})
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"{r['chars']:>10,} {r['seconds']:>8.1f} {r['us_per_char']:>8.2f} {r['peak_mb']:>8,} "
              f"{r['growth_mb']:>9,} {r['events']:>7,}", flush=True)
    ratio = max(r["us_per_char"] for r in rows) / min(r["us_per_char"] for r in rows)
    print(f"cost per character, dearest over cheapest size: {ratio:.2f}x (flat within 1.5x: "
          f"{'yes' if ratio <= 1.5 else 'NO'})")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())

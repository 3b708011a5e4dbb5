"""CPU seconds per stage after parsing, and a fingerprint of the analyses, over real articles.

Why: bench/throughput.py gives the overhead of our whole pipeline on top of bare spaCy; this says
which stage it comes from, without a profiler's distortion (cProfile inflates spaCy's per-Token
object creation several times over, and with it the stages that walk tokens). The sha256 of the
analyses' JSON lets a pure speed change prove it left every output the same: run before and after.

    PYTHONPATH=src python bench/stage_cpu.py [--limit 80] [--corpus DIR] [--profile]

With STAGE_CPU_DUMP=FILE it also writes the analyses (one JSON a line) there, to diff two runs. Run
it under two PYTHONHASHSEED values too: the sha256 must not change (an analysis that depends on set
iteration order is a bug; tests/test_pipeline.py checks two real articles that once did).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "ukraine-war-news-2022-2024" / "articles"
STAGES = ("actor_resolver", "time_resolver", "amount_extractor", "place_resolver", "quote_extractor", "event_coder")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=80, help="articles (0 = all)")
    ap.add_argument("--profile", action="store_true", help="also print a cProfile of the stages (cumulative)")
    args = ap.parse_args()

    from barometer.errors import InputError
    from barometer.ingest.raw import read_path
    from barometer.pipeline import Pipeline
    from barometer.settings import Settings

    pipeline = Pipeline.from_settings(Settings.from_env())
    files = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")
    files = files[: args.limit] if args.limit else files
    pipeline.warm_up()
    cleaned = []
    t = time.process_time()
    for f in files:
        m = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", f.name)
        published = dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None
        try:
            cleaned.append(pipeline.clean(read_path(f), published))
        except InputError:
            pass
    clean_s = time.process_time() - t
    t = time.process_time()
    docs = pipeline.parse_many(cleaned, batch_size=16)
    parse_s = time.process_time() - t

    spent = dict.fromkeys(STAGES, 0.0)
    for c, doc in zip(cleaned, docs, strict=True):  # each stage, in pipeline order, on a fresh copy
        if doc is not None:
            pipeline.run_layers(doc.copy(), c.article, timings=spent, clock=time.process_time)
    t = time.process_time()
    out = [pipeline.run(c, d).model_dump_json() for c, d in zip(cleaned, docs, strict=True)]
    stages_s = time.process_time() - t
    print(f"{len(docs)} articles from {args.corpus}")
    print(f"cleaning {clean_s:.2f} CPU-s; parsing (nlp.pipe) {parse_s:.2f} CPU-s; stages {stages_s:.2f} CPU-s "
          f"({stages_s / parse_s:.2f} of parsing)")
    for k, v in spent.items():
        print(f"  {k:<18} {v:6.2f} CPU-s")
    print("analyses sha256:", hashlib.sha256("\n".join(out).encode()).hexdigest())
    if os.environ.get("STAGE_CPU_DUMP"):
        Path(os.environ["STAGE_CPU_DUMP"]).write_text("\n".join(out))
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for c, d in zip(cleaned, docs, strict=True):
            pipeline.run(c, d)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumtime").print_stats(40)


if __name__ == "__main__":
    main()

"""Memory over a long batch: does the resident memory of the writer and of each worker stay flat
over 10,000 articles?

    PYTHONPATH=src python bench/memory_flat.py [--articles 10000] [--workers 2]

Why this benchmark: memory that grows with every article (caches without bounds, a growing spaCy
string store, parser garbage, an index that is never trimmed) does not show in a 400-article run
and kills a long-running ingest. This one runs `ingest_paths` — the code of `barometer ingest
--workers N` — over N articles into a fresh DuckDB store and samples the resident memory (RSS) of
the writer (this process) and of each worker process every second.

Articles: every distinct real article under ../shared/data (Ukraine war news, PolNeAR texts,
IndiaPoliceEvents documents as plain text; NAEB and ScrapingHub pages as HTML: about 3,300 in all,
never copied into the project), then, until N is reached, the same articles with their paragraphs
in another order (pass 2: reversed, pass 3: odd then even paragraphs, ...): distinct texts, so each is
analysed and stored rather than skipped as a re-ingest; their words are not new, so the string
store grows mostly during the first pass, as it would on a real stream that repeats its vocabulary.
They are written to one JSON Lines file in a temporary directory.

Prints RSS at every tenth of the run and the growth from the first quarter to the end ("flat" ≈ 0).
Not a test: it takes 10–20 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def real_articles() -> Iterator[dict]:
    """Distinct real articles as JSON Lines records (text or html)."""
    for f in sorted((DATA / "ukraine-war-news-2022-2024" / "articles").glob("*.txt")):
        yield {"text": f.read_text(encoding="utf-8", errors="replace"), "published": f.name[:10]}
    for f in sorted((DATA / "polnear").glob("*/text/*.txt")):
        yield {"text": f.read_text(encoding="utf-8", errors="replace"), "published": f.name.split("_")[1]}
    meta = DATA / "india-police-events" / "metadata.jsonl"
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            yield {"text": rec["full_text"], "published": rec["date"], "url": rec["url"]}
    for folder in (DATA / "naeb-news-article-extraction" / "html",
                   DATA / "scrapinghub-article-extraction-benchmark" / "html"):
        for f in sorted(folder.glob("*.html.gz")):
            yield {"html": gzip.decompress(f.read_bytes()).decode("utf-8", errors="replace")}


def reordered(rec: dict, k: int) -> dict | None:
    """Pass ``k`` ≥ 1 of a text article: its paragraphs in the k-th order (None for HTML pages)."""
    if "text" not in rec:
        return None
    paras = [p for p in rec["text"].split("\n") if p.strip()]
    if len(paras) < 3:
        return None
    orders = [paras[::-1], paras[1::2] + paras[::2], paras[::2][::-1] + paras[1::2]]
    order = orders[(k - 1) % len(orders)]
    if k > len(orders):  # later passes: rotate as well
        r = k % len(order)
        order = order[r:] + order[:r]
    return {**rec, "text": "\n\n".join(order)}


def write_corpus(path: Path, n: int) -> tuple[int, int]:
    """Write ``n`` records; returns (records written, distinct real articles among them)."""
    base = list(real_articles())
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        k = 0
        while written < n:
            for rec in base:
                out = rec if k == 0 else reordered(rec, k)
                if out is None:
                    continue
                fh.write(json.dumps(out) + "\n")
                written += 1
                if written >= n:
                    break
            k += 1
    return written, min(len(base), n)


class Sampler:
    """RSS of the writer, the fork server and each worker process, every ``every`` seconds."""

    def __init__(self, done: list[int], every: float = 1.0) -> None:
        import psutil

        self.me = psutil.Process()
        self.done = done
        self.every = every
        self.samples: list[tuple[float, int, int, dict[int, int]]] = []  # (t, done, writer RSS, worker pid → RSS)
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self.t0 = time.perf_counter()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            workers: dict[int, int] = {}
            for child in self.me.children(recursive=True):
                try:
                    parent = child.parent()
                    if parent is not None and parent.pid != self.me.pid:  # forked by the fork server
                        workers[child.pid] = child.memory_info().rss
                except psutil.Error:
                    pass
            self.samples.append((time.perf_counter() - self.t0, self.done[0], self.me.memory_info().rss, workers))
            self._stop.wait(self.every)
        self.samples.append((time.perf_counter() - self.t0, self.done[0], self.me.memory_info().rss, {}))

    def __enter__(self) -> Sampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    from barometer.batch import ingest_paths
    from barometer.store import DuckStore

    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n, distinct = write_corpus(corpus, args.articles)
        print(f"{n} articles ({distinct} distinct real articles, the rest reordered), "
              f"{corpus.stat().st_size / mb:.0f} MB of JSON Lines; {args.workers} worker(s), {os.cpu_count()} CPU(s)")
        done = [0]

        def count(status: str, source: str) -> None:  # noqa: ARG001
            done[0] += 1

        with DuckStore(Path(tmp) / "m.duckdb") as store, Sampler(done) as s:
            t = time.perf_counter()
            report = ingest_paths([corpus], store, progress=False, workers=args.workers, on_outcome=count)
            took = time.perf_counter() - t
            counts = store.counts()
        size = (Path(tmp) / "m.duckdb").stat().st_size
    print(f"{took:.0f} s, {n / took:.1f} articles/s; added {report.added}, skipped {report.skipped}, "
          f"failed {len(report.failed)}; store {size / mb:.0f} MB, {counts['events']} events\n")
    print("RSS per tenth of the run (min / median / max of the samples in it; a leak lifts the minimum):")
    print(f"{'articles done':>13} {'elapsed s':>10} {'writer RSS, MB':>18} {'worker RSS, MB (all workers)':>30}")
    tenth = [x for x in s.samples if x[3]]
    mins: list[float] = []
    for k in range(10):
        part = [x for x in tenth if n * k / 10 <= x[1] < n * (k + 1) / 10] or tenth[-1:]
        writer = sorted(x[2] / mb for x in part)
        workers = sorted(v / mb for x in part for v in x[3].values())
        mins.append(workers[0])
        print(f"{part[-1][1]:13d} {part[-1][0]:10.0f} {writer[0]:6.0f} {writer[len(writer) // 2]:5.0f} {writer[-1]:5.0f}"
              f" {workers[0]:10.0f} {workers[len(workers) // 2]:5.0f} {workers[-1]:5.0f}")
    peak = max(v for x in tenth for v in x[3].values()) / mb
    print(f"\npeak worker RSS {peak:.0f} MB (target ≤ 1.5 GB); worker RSS minimum, 2nd tenth → last tenth: "
          f"{mins[1]:.0f} → {mins[-1]:.0f} MB; writer RSS, first → last sample: "
          f"{tenth[0][2] / mb:.0f} → {tenth[-1][2] / mb:.0f} MB")
    reasons = Counter(_reason(err) for _, err in report.failed)
    if reasons:
        print("failed articles, by reason: " + "; ".join(f"{k} ×{v}" for k, v in reasons.most_common(6)))


def _reason(error: str) -> str:
    """An error message without its source key (``corpus.jsonl:123: ...``) and details after a colon."""
    msg = error.split(": ", 1)[1] if ": " in error else error
    return msg.split(":")[0][:70]

if __name__ == "__main__":
    main()

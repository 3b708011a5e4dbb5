"""Throughput, memory and near-duplicate speed of `barometer ingest` on a real corpus.

Why this benchmark: it answers the scaling questions of issue 8 in ONE run on the same texts —
articles/s for a bare spaCy ``nlp.pipe`` (the floor), our pipeline in-process, 1 and N local worker
processes and a Dask ``LocalCluster``; our overhead on top of bare spaCy; the scaling efficiency
from 1 to N workers; the peak resident memory of the largest process; and MinHash signature + LSH
speed. Every run writes a fresh DuckDB store, so storage is included in the figures.

    PYTHONPATH=src python bench/throughput.py [--limit 200] [--workers 2] [--corpus DIR]

The corpus defaults to ../shared/data/ukraine-war-news-2022-2024/articles (never copied here).
Not a test: figures depend on the machine. Start-up (model loading) is timed separately.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "ukraine-war-news-2022-2024" / "articles"


class PeakRSS:
    """Samples the resident memory of this process and its descendants (every 0.1 s)."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak_one = 0
        self.peak_total = 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds last seen
        self.base: dict[int, float] = {}  # pid -> CPU seconds when the run started
        self.trace: list[int] = []  # RSS of the largest process, each sample
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            rss = []
            for p in [self.me, *self.me.children(recursive=True)]:
                try:
                    rss.append(p.memory_info().rss)
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
            self.peak_one = max(self.peak_one, max(rss))
            self.trace.append(max(rss))
            self.peak_total = max(self.peak_total, sum(rss))
            self._stop.wait(0.1)

    @property
    def growth(self) -> int:
        """Largest-process RSS at the end minus at a quarter of the run (after warm-up): flat ≈ 0."""
        if len(self.trace) < 8:
            return 0
        return max(self.trace[-3:]) - max(self.trace[len(self.trace) // 4 - 1: len(self.trace) // 4 + 2])

    @property
    def cpu_seconds(self) -> float:
        """CPU time of the process tree during the run (sampled: exact to ~0.1 s per process)."""
        return sum(c - self.base.get(pid, 0.0) for pid, c in self.cpu.items())

    def __enter__(self) -> PeakRSS:
        for p in [self.me, *self.me.children(recursive=True)]:
            t = p.cpu_times()
            self.base[p.pid] = t.user + t.system
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        t = self.me.cpu_times()
        self.cpu[self.me.pid] = t.user + t.system


def bare_pipe(texts: list[str], batch_size: int) -> float:
    from barometer.nlp import get_nlp

    nlp = get_nlp()
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t


def run_analysis(files: list[Path], batch_size: int) -> float:
    """Our analysis pipeline alone (read, clean, nlp.pipe, every stage), nothing stored."""
    from barometer.ingest.raw import read_path
    from barometer.ingest.sources import date_from_name
    from barometer.pipeline import analyze_many

    t = time.perf_counter()
    raws = []
    for f in files:
        raw = read_path(f)
        raw.published = raw.published or date_from_name(f.name)
        raws.append(raw)
    for _ in analyze_many(raws, batch_size=batch_size):
        pass
    return time.perf_counter() - t


def run_ingest(files: list[Path], *, workers: int = 0, scheduler: object = None, batch_size: int) -> tuple[float, int]:
    from barometer.batch import ingest_paths
    from barometer.store import DuckStore

    with tempfile.TemporaryDirectory() as tmp:
        link = Path(tmp) / "in"
        link.mkdir()
        for f in files:
            os.symlink(f, link / f.name)
        with DuckStore(Path(tmp) / "b.duckdb") as store:
            t = time.perf_counter()
            r = ingest_paths([link], store, date_from_names=True, progress=False, batch_size=batch_size,
                             workers=workers, scheduler=scheduler)
            took = time.perf_counter() - t
    assert not r.failed, r.failed[:3]
    return took, r.added


def dedup_speed(texts: list[str]) -> tuple[float, float, int]:
    from barometer.store.stories import StoryIndex, signature_of

    t = time.perf_counter()
    sigs = [signature_of(x) for x in texts]
    t_sig = time.perf_counter() - t
    idx = StoryIndex()
    copies = 0
    t = time.perf_counter()
    for i, s in enumerate(sigs):
        story = idx.match(s)
        copies += story is not None
        idx.insert(str(i), story or str(i), s)
    return len(texts) / t_sig, len(texts) / (time.perf_counter() - t), copies


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=200, help="articles (0 = all)")
    ap.add_argument("--workers", type=int, default=2, help="N for the N-worker and Dask runs")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()

    from barometer.clean import clean_document
    from barometer.errors import InputError
    from barometer.ingest.raw import read_path
    from barometer.nlp import get_nlp

    files = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")
    files = files[: args.limit] if args.limit else files
    t = time.perf_counter()
    get_nlp()
    load = time.perf_counter() - t
    # Our one-time start-up, like the model load above, is kept out of the in-process row: the
    # stages' data (actor KB, gazetteer, lexicons) and datasketch (which imports scipy). Before,
    # it was counted in that row and made up ~5 of its ~18 extra CPU seconds.
    from barometer.pipeline import warm_up
    from barometer.store.stories import signature_of

    t, c = time.perf_counter(), time.process_time()
    warm_up()
    signature_of("one two three four five six")
    data_load, data_cpu = time.perf_counter() - t, time.process_time() - c
    texts, kept, unusable = [], [], 0
    for f in files:  # files with no article text left would only measure error handling
        try:
            texts.append(clean_document(read_path(f)).article.text)
            kept.append(f)
        except InputError:
            unusable += 1
    files = kept
    words = sum(len(x.split()) for x in texts)
    n = len(texts)
    print(f"corpus: {args.corpus} — {n} articles, {words} words ({unusable} file(s) with no text left out); model load {load:.1f} s; "
          f"stage data load {data_load:.1f} s ({data_cpu:.1f} CPU-s); "
          f"{os.cpu_count()} CPU(s)")

    rows: list[tuple[str, float, float, int, int, int]] = []

    def measure(name: str, fn) -> float:  # noqa: ANN001
        with PeakRSS() as mem:
            took = fn()
        rows.append((name, took, mem.cpu_seconds, mem.peak_one, mem.peak_total, mem.growth))
        return took

    # Worker start-up, measured before the timed rows: the first pool starts the fork server, which
    # loads the model and the stages' data once (scale/preload.py); every later worker process is
    # forked from it ready. A `barometer ingest --workers N` pays the first figure once, whatever N.
    startup = [run_ingest(files[:1], workers=1, batch_size=args.batch_size)[0] for _ in range(3)]

    bare = measure("bare spaCy nlp.pipe", lambda: bare_pipe(texts, args.batch_size))
    analysis = measure("barometer analysis, no store", lambda: run_analysis(files, args.batch_size))
    inproc = measure("barometer, in-process", lambda: run_ingest(files, workers=0, batch_size=args.batch_size)[0])
    one = measure("barometer, 1 worker", lambda: run_ingest(files, workers=1, batch_size=args.batch_size)[0])
    many = measure(f"barometer, {args.workers} workers",
                   lambda: run_ingest(files, workers=args.workers, batch_size=args.batch_size)[0])
    if not args.no_dask:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          host="127.0.0.1") as cluster, Client(cluster) as client:
            client.run(lambda: __import__("barometer.nlp", fromlist=["get_nlp"]).get_nlp() and None)
            measure(f"barometer, Dask LocalCluster ({args.workers} workers)",
                    lambda: run_ingest(files, scheduler=client, batch_size=args.batch_size)[0])

    mb = 1024 * 1024
    print(f"\n{'run':<42} {'wall s':>7} {'articles/s':>11} {'words/s':>8} {'CPU s':>7} {'art/CPU-s':>9} "
          f"{'peak RSS, largest process':>26} {'peak RSS, all':>14} {'RSS growth, ¼→end':>18}")
    for name, took, cpu, one_p, total, growth in rows:
        print(f"{name:<42} {took:7.1f} {n / took:11.2f} {words / took:8.0f} {cpu:7.1f} {n / cpu:9.2f} "
              f"{one_p / mb:23.0f} MB {total / mb:11.0f} MB {growth / mb:+15.0f} MB")
    print(f"\nworker start-up (a 1-worker ingest of 1 article): first pool {startup[0]:.1f} s (the fork server "
          f"loads the model and stage data), later pools {min(startup[1:]):.1f} s (not in the rows above)")
    print(f"\noverhead on top of bare nlp.pipe (in-process / bare): {inproc / bare:.2f}×  (target ≤ 1.3×)")
    print(f"overhead, 1 worker / bare: {one / bare:.2f}×; CPU-time overhead (in-process / bare): "
          f"{rows[2][2] / rows[0][2]:.2f}×")
    print(f"analysis pipeline alone (read, clean, parse, all stages; no store) / bare: wall {analysis / bare:.2f}×, "
          f"CPU {rows[1][2] / rows[0][2]:.2f}×  (target ≤ 1.3×)")
    print(f"speed-up 1 → {args.workers} workers: {one / many:.2f}×  (target ≥ 1.7× for 2 workers on 2 cores); "
          f"scaling efficiency {one / many / args.workers:.0%}")
    sig_rate, lsh_rate, copies = dedup_speed(texts)
    print(f"near-duplicates: MinHash signatures {sig_rate:.0f} articles/s, LSH match+insert {lsh_rate:.0f} "
          f"articles/s; {copies} of {n} articles joined an earlier story")


if __name__ == "__main__":
    main()

"""Load test of the API on loopback: read throughput and latency while a batch ingests.

Why this shape: issue 9 asks for sustained read requests/s and p50/p99 latency for the event list,
the dyad series and ``POST /api/analyze`` over a store of at least 10,000 events, with ingestion
running at the same time, and for proof that reads never fail while a batch ingests. So:

1. a store is filled with synthetic analyses (no NLP: fast) until it holds ``--events`` events;
2. ``barometer serve``'s app runs under uvicorn in this process, in a thread, on 127.0.0.1;
3. a batch (``ingest_paths``, real pipeline) ingests ``--ingest`` generated articles into the
   same store in another thread while
4. an asyncio load generator (httpx) keeps ``--concurrency`` requests in flight against each
   endpoint for ``--seconds``, one endpoint after the other.

Prints a table and writes bench/out/load.json. Exit code 1 when any read failed (non-2xx or a
transport error), so it can gate CI. Run: ``PYTHONPATH=src python bench/load_api.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CODES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "the United States", "FRA": "France", "DEU": "Germany",
         "POL": "Poland", "GBR": "Britain", "CHN": "China", "BLR": "Belarus", "TUR": "Turkey"}
TYPES = [("ACCUSE", 3, -2.0, "accused"), ("THREATEN", 3, -7.0, "threatened"), ("CONSULT", 1, 1.0, "consulted"),
         ("ASSAULT", 4, -10.0, "attacked"), ("AID", 2, 7.0, "sent aid to"), ("REJECT", 3, -4.0, "rejected")]


def synthetic(n_articles: int, events_per_article: int, seed: int = 7) -> list:
    """Analyses with ``events_per_article`` events each between random country pairs, Jan–Mar 2022."""
    from barometer.model import Actor, Analysis, Article, Event, Span

    rng = random.Random(seed)
    codes = list(CODES)
    out = []
    for n in range(n_articles):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(90))
        sentences = [f"Synthetic report {n} of {day.isoformat()}."]
        specs = []
        for _ in range(events_per_article):
            a, b = rng.sample(codes, 2) if rng.random() > 0.3 else ("RUS", "UKR")
            specs.append((a, b, rng.choice(TYPES)))
            sentences.append(f"{CODES[a]} {specs[-1][2][3]} {CODES[b]} on {day.isoformat()}.")
        text = " ".join(sentences)
        actors: dict = {}
        events = []
        pos = len(sentences[0]) + 1
        for k, ((a, b, (typ, quad, gold, _)), sent) in enumerate(zip(specs, sentences[1:], strict=True)):
            for code, off in ((a, pos), (b, pos + sent.index(" " + CODES[b] + " ") + 1)):
                actor = actors.setdefault(code, Actor(id=code, name=CODES[code], kind="state", country=code, code=code))
                actor.mentions.append(Span(start=off, end=off + len(CODES[code]), text=CODES[code]))
            events.append(Event(id=f"e{k + 1}", type=typ, quad_class=quad, goldstein=gold, source=a, target=b,
                                date=day, rule=f"bench.{typ.lower()}", evidence=Span(start=pos, end=pos + len(sent),
                                                                                      text=sent)))
            pos += len(sent) + 1
        article = Article(id=hashlib.sha256(text.encode()).hexdigest(), title=f"Report {n}", published=day, text=text)
        out.append(Analysis(article=article, actors=list(actors.values()), events=events))
    return out


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    names = list(CODES.values())
    for i in range(n):
        a, b = names[i % len(names)], names[(i * 3 + 1) % len(names)]
        (folder / f"2022-02-{i % 28 + 1:02d}-load{i:04d}.txt").write_text(
            f"Load report {i}: {a} and {b}\n\n{a} rejected the demands of {b} on Monday, officials said in "
            f"statement number {i}. The foreign minister of {a} said talks with {b} would continue next week.\n\n"
            f"Analysts said move number {i} would raise tensions, and {b} threatened to impose sanctions.", "utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def hammer(base: str, method: str, path_fn, body, seconds: float, concurrency: int) -> dict:  # noqa: ANN001
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def worker() -> None:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                try:
                    r = await client.request(method, path_fn(), json=body)
                    if r.status_code >= 300:
                        errors.append(f"{r.status_code} {r.text[:120]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - t0)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    return {"requests": len(lat), "errors": len(errors), "first_errors": errors[:3],
            "req_per_s": len(lat) / elapsed, "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": statistics.fmean(lat) * 1000 if lat else float("nan")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000, help="events in the store before the run")
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds of load per endpoint")
    ap.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    ap.add_argument("--ingest", type=int, default=200, help="articles ingested during the run (0: none)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "load.json"))
    args = ap.parse_args(argv)

    import uvicorn

    from barometer.api.app import create_app
    from barometer.batch import ingest_paths
    from barometer.pipeline import Pipeline
    from barometer.settings import Settings
    from barometer.store import DuckStore

    work = Path(tempfile.mkdtemp(prefix="barometer-load-"))
    store = DuckStore(work / "load.duckdb")
    t0 = time.perf_counter()
    per_article = 5
    for a in synthetic(-(-args.events // per_article), per_article):
        store.add(a, source=f"bench:{a.article.title}")
    counts = store.counts()
    print(f"store: {counts['events']:,} events in {counts['articles']:,} articles "
          f"(filled in {time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    pipeline = Pipeline.from_settings(Settings(api_token="bench"))
    pipeline.warm_up()  # load the model and every stage's data before timing anything
    print(f"pipeline warm-up: {time.perf_counter() - t0:.1f} s")

    port = free_port()
    app = create_app(store=store, pipeline=pipeline)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"

    ingest_result: dict = {}
    if args.ingest:
        write_corpus(work / "corpus", args.ingest)

        def ingest() -> None:
            t = time.perf_counter()
            report = ingest_paths([work / "corpus"], store, date_from_names=True, progress=False, workers=0)
            ingest_result.update(added=report.added, failed=len(report.failed),
                                 seconds=time.perf_counter() - t)

        ingester = threading.Thread(target=ingest, daemon=True)
        ingester.start()

    rng = random.Random(1)
    total = counts["events"]
    article = ("Talks\n\nRussia rejected NATO's demands on Wednesday, the Kremlin said. Ukraine said on Thursday "
               "that talks with Russia would continue in Geneva, and France threatened new sanctions.")
    endpoints = [
        ("GET /api/events", "GET", lambda: f"/api/events?limit=50&offset={rng.randrange(max(1, total - 50))}", None),
        ("GET /api/events?actor=RUS", "GET", lambda: "/api/events?actor=RUS&limit=50", None),
        ("GET /api/dyads/RUS/UKR", "GET", lambda: "/api/dyads/RUS/UKR?by=week", None),
        ("POST /api/analyze", "POST", lambda: "/api/analyze", {"text": article, "published": "2022-01-28"}),
    ]
    results = {}
    print(f"{'endpoint':28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}  "
          f"(concurrency {args.concurrency}, {args.seconds:g} s each, ingestion {'on' if args.ingest else 'off'})")
    for name, method, path_fn, body in endpoints:
        during = args.ingest and ingester.is_alive()
        r = asyncio.run(hammer(base, method, path_fn, body, args.seconds, args.concurrency))
        r["during_ingest"] = bool(during and ingester.is_alive())
        results[name] = r
        print(f"{name:28} {r['req_per_s']:8.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p99_ms']:8.1f} "
              f"{r['errors']:7d}  {'(while ingesting)' if r['during_ingest'] else ''}")
        for e in r["first_errors"]:
            print("   error:", e)
    if args.ingest:
        ingester.join()
        print(f"ingestion: {ingest_result.get('added', 0)} added, {ingest_result.get('failed', 0)} failed in "
              f"{ingest_result.get('seconds', 0):.1f} s while serving")
    server.should_exit = True
    time.sleep(0.5)
    final = store.counts()
    store.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"date": dt.datetime.now().isoformat(timespec="seconds"), "store_before": counts,
                               "store_after": final, "args": vars(args), "endpoints": results,
                               "ingest": ingest_result}, indent=2))
    print(f"written {out}")
    failed = sum(r["errors"] for r in results.values()) + ingest_result.get("failed", 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The same pipeline on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Why chunks as tasks: each task is ``analyze_chunk`` over ``batch_size`` documents, so a worker
parses them with one ``nlp.pipe`` call; the pipeline of the batch's settings (plugins, stages, model)
is built once per worker process (``pipeline_for`` is cached per process) and reused by every later task. Results come back to the one writer in input
order. A bounded number of tasks is in flight (``2 × worker threads``), so memory stays flat on
millions of documents. Dask cannot kill a hung task: a chunk that has not finished
``article_timeout × chunk size`` seconds after it was due is recorded as failed and cancelled.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from barometer.ingest.raw import RawDocument
from barometer.scale.work import Outcome, analyze_chunk
from barometer.settings import Settings


def _load_model(settings: Settings) -> str:
    from barometer.pipeline import pipeline_for

    return pipeline_for(settings).nlp.meta.get("name", "?")


def dask_imap(raws: Iterable[RawDocument], client, settings: Settings, *,  # noqa: ANN001 - distributed.Client
              published: dt.date | None = None, batch_size: int = 16, timeout: float = 120.0,
              ) -> Iterator[tuple[RawDocument, Outcome]]:
    """Yield (raw, Outcome) in input order, analysed on the cluster behind ``client`` by the pipeline
    of ``settings`` (sent with every task; each worker builds that pipeline once)."""
    from distributed import TimeoutError as DaskTimeout

    client.run(_load_model, settings)  # each worker builds the pipeline and loads the model, before the first task
    threads = sum(client.nthreads().values()) or 1
    source = iter(raws)
    inflight: deque = deque()

    def submit() -> bool:
        chunk = list(islice(source, batch_size))
        if not chunk:
            return False
        fut = client.submit(analyze_chunk, chunk, published, settings, pure=False)
        inflight.append((chunk, fut, time.monotonic()))
        return True

    more = True
    while more and len(inflight) < 2 * threads:
        more = submit()
    while inflight:
        chunk, fut, _ = inflight.popleft()
        try:
            outcomes = fut.result(timeout=timeout * len(chunk))
        except DaskTimeout:
            fut.cancel()
            outcomes = [Outcome(source=r.source, error=f"{r.source}: timed out on the Dask cluster") for r in chunk]
        except Exception as exc:  # a worker died or the task failed as a whole
            outcomes = [Outcome(source=r.source, error=f"{r.source}: Dask task failed: {type(exc).__name__}: {exc}")
                        for r in chunk]
        if more:
            more = submit()
        yield from zip(chunk, outcomes, strict=True)


def connect(scheduler: str):  # noqa: ANN201 - distributed.Client
    from distributed import Client

    return Client(scheduler, timeout=30)

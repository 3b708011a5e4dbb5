"""Local worker processes with a hard per-article time limit.

Why not ``multiprocessing.Pool``: a pool cannot kill one hung task. Here each worker process loads
the model once, receives chunks of documents (parsed with ``nlp.pipe``), and reports each step as it
starts. A worker silent for longer than the time limit is killed (SIGKILL) and restarted; the
document it was busy with is recorded as failed ("timed out" or "worker died"), the rest of its chunk
is sent again. Outcomes are yielded in input order, so one writer stores them deterministically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection, wait

from barometer.errors import BarometerError
from barometer.ingest.raw import RawDocument
from barometer.scale.work import Outcome, analyze_chunk_messages
from barometer.settings import Settings


def _worker_main(conn: Connection, published: dt.date | None, settings: Settings) -> None:
    from barometer.pipeline import pipeline_for

    pipeline = pipeline_for(settings)  # once per worker: the batch's own settings, plugins and stages
    pipeline.nlp  # noqa: B018 - loads the model before the first chunk
    conn.send(("ready",))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        raws = msg
        for item in analyze_chunk_messages(raws, pipeline, published):
            conn.send(item)
        conn.send(("end",))


#: Tries to start a worker process: a fork server killed (kill -9, the OOM killer) is started again by
#: multiprocessing on the next start, once it has been seen to be dead; the first try may race its death.
START_TRIES = 4


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, published: dt.date | None, settings: Settings) -> None:
        for attempt in range(START_TRIES):
            self.conn, child = ctx.Pipe()
            self.proc = ctx.Process(target=_worker_main, args=(child, published, settings), daemon=True)
            try:
                self.proc.start()
                break
            except (EOFError, OSError) as exc:  # the fork server died: it was the EOFError traceback of ingest
                self.conn.close()
                child.close()
                if attempt == START_TRIES - 1:
                    raise BarometerError(f"cannot start a worker process: the fork server keeps failing "
                                     f"({type(exc).__name__}: {exc})") from None
                time.sleep(0.5 * (attempt + 1))
        child.close()
        self.ready = False
        self.chunk: list[tuple[int, RawDocument]] = []  # (seq, raw) in flight
        self.done: set[int] = set()  # chunk indices finished
        self.current: tuple[int, str] | None = None  # (chunk index, phase)
        self.last_seen = time.monotonic()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        elif self.proc.exitcode == 255 and self.proc.pid:
            # 255: its fork server died, so nobody could tell whether it exited; it may still run, orphaned.
            with contextlib.suppress(OSError):
                os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.join(5)
        self.conn.close()


class LocalPool:
    """``n`` worker processes running the pipeline of ``settings``; ``imap(raws)`` yields (raw, Outcome)
    in input order."""

    def __init__(self, n: int, settings: Settings, *, published: dt.date | None = None, batch_size: int = 16,
                 timeout: float = 120.0, start_timeout: float = 300.0) -> None:
        self.n = max(1, n)
        self.settings = settings
        self.published = published
        self.batch_size = max(1, batch_size)
        self.timeout = timeout
        self.start_timeout = start_timeout
        try:
            self.ctx = mp.get_context("forkserver")
            self.ctx.set_forkserver_preload(["barometer.scale.preload"])
        except ValueError:  # pragma: no cover - platforms without forkserver
            self.ctx = mp.get_context("spawn")
        self.workers: list[_Worker] = []
        self.restarts = 0

    def __enter__(self) -> LocalPool:
        self.workers = [_Worker(self.ctx, self.published, self.settings) for _ in range(self.n)]
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for w in self.workers:
            w.proc.join(2)
            w.kill()
        self.workers = []

    def _replace(self, w: _Worker) -> _Worker:
        w.kill()
        self.restarts += 1
        new = _Worker(self.ctx, self.published, self.settings)
        self.workers[self.workers.index(w)] = new
        return new

    def imap(self, raws: Iterable[RawDocument]) -> Iterator[tuple[RawDocument, Outcome]]:
        if not self.workers:
            self.__enter__()
        source = iter(raws)
        queue: list[list[tuple[int, RawDocument]]] = []  # chunks to (re)send first
        results: dict[int, tuple[RawDocument, Outcome]] = {}
        next_seq = 0  # next sequence number to read
        next_out = 0  # next sequence number to yield
        exhausted = False

        def refill() -> None:
            nonlocal next_seq, exhausted
            while not exhausted and len(queue) < self.n:
                chunk = list(islice(source, self.batch_size))
                if not chunk:
                    exhausted = True
                    break
                queue.append([(next_seq + k, r) for k, r in enumerate(chunk)])
                next_seq += len(chunk)

        def dispatch(w: _Worker) -> None:
            if w.ready and not w.chunk and queue:
                w.chunk = queue.pop(0)
                w.done = set()
                w.current = None
                w.last_seen = time.monotonic()
                w.conn.send([r for _, r in w.chunk])

        retried: set[int] = set()  # sequence numbers already sent again after their worker died

        def fail(seq: int, raw: RawDocument, why: str, died: bool) -> None:
            """Record one article as failed; one whose worker died is first sent again, alone, once
            (a worker killed from outside — the OOM killer, kill -9 — says nothing against it)."""
            if died and seq not in retried:
                retried.add(seq)
                queue.insert(0, [(seq, raw)])
                return
            again = " again, after one retry" if seq in retried else ""
            results[seq] = (raw, Outcome(source=raw.source, error=f"{raw.source}: {why}{again}"))

        def fail_current(w: _Worker, why: str, died: bool = False) -> None:
            """Record the article the worker was busy with as failed; requeue the rest of its chunk."""
            pending = [k for k in range(len(w.chunk)) if k not in w.done]
            culprit = w.current[0] if w.current and w.current[1] != "parse" else None
            if culprit in w.done:
                culprit = None
            if culprit is not None:
                rest = [w.chunk[k] for k in pending if k != culprit]
                if rest:
                    queue.insert(0, rest)
                fail(*w.chunk[culprit], why, died)
            elif len(pending) == 1:
                fail(*w.chunk[pending[0]], why, died)
            else:  # the batch parse hung: retry one by one to find the culprit
                for k in reversed(pending):
                    queue.insert(0, [w.chunk[k]])
            w.chunk = []

        refill()
        while True:
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
            refill()
            for w in self.workers:
                dispatch(w)
            busy = [w for w in self.workers if w.chunk or not w.ready]
            if not busy and not queue and exhausted:
                break
            ready_conns = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=1.0)
            now = time.monotonic()
            for w in list(busy):
                if w.conn in ready_conns or w.proc.sentinel in ready_conns:
                    try:
                        while w.conn.poll():
                            self._handle(w, w.conn.recv(), results)
                    except (EOFError, OSError):
                        pass  # the worker is gone; its last messages were read above
                if not w.proc.is_alive():
                    code = w.proc.exitcode
                    if w.chunk:
                        fail_current(w, f"worker process died while analysing it (exit code {code})", died=True)
                    elif not w.ready:
                        raise RuntimeError(f"a worker process died while starting (exit code {code})")
                    self._replace(w)
                    continue
                limit = self.timeout if w.ready else self.start_timeout
                if (w.chunk or not w.ready) and now - w.last_seen > limit:
                    if w.chunk:
                        fail_current(w, f"timed out after {self.timeout:g} s (article time limit)")
                    self._replace(w)

    def _handle(self, w: _Worker, msg: tuple, results: dict[int, tuple[RawDocument, Outcome]]) -> None:
        w.last_seen = time.monotonic()
        kind = msg[0]
        if kind == "ready":
            w.ready = True
        elif kind == "start":
            w.current = (msg[1], msg[2])
        elif kind == "done":
            seq, raw = w.chunk[msg[1]]
            results[seq] = (raw, msg[2])
            w.done.add(msg[1])
        elif kind == "end":
            w.chunk = []
            w.current = None

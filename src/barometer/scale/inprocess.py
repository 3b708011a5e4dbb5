"""Analyse in the ingesting process itself (``--workers 0``): no extra process, softer time limit.

Why keep it: the demo, tests and small jobs need no worker start-up. The per-article limit uses
SIGALRM (main thread, Unix only), which stops Python code that loops but not a hang inside C code;
use ``--workers 1`` or more for a hard limit.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING

from barometer.ingest.raw import RawDocument
from barometer.scale.work import Outcome, analyze_chunk_messages

if TYPE_CHECKING:
    from barometer.pipeline import Pipeline


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so the pipeline's ``except Exception`` does not swallow it."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    usable = seconds > 0 and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def ring(signum, frame):  # noqa: ANN001, ARG001
        raise _Timeout

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def inprocess_imap(raws: Iterable[RawDocument], pipeline: Pipeline, *, published: dt.date | None = None,
                   batch_size: int = 16, timeout: float = 120.0, skip_article: Callable[[str], bool] | None = None,
                   ) -> Iterator[tuple[RawDocument, Outcome]]:
    source = iter(raws)
    while chunk := list(islice(source, batch_size)):
        yield from _run_chunk(chunk, pipeline, published, timeout, skip_article)


def _run_chunk(chunk: list[RawDocument], pipeline: Pipeline, published: dt.date | None, timeout: float,
               skip_article: Callable[[str], bool] | None = None) -> Iterator[tuple[RawDocument, Outcome]]:
    outcomes: dict[int, Outcome] = {}
    current: tuple[int, str] | None = None
    gen = analyze_chunk_messages(chunk, pipeline, published, skip_article)
    try:
        while True:
            with _alarm(timeout):
                msg = next(gen, None)
            if msg is None:
                break
            if msg[0] == "start":
                current = (msg[1], msg[2])
            else:
                outcomes[msg[1]] = msg[2]
    except _Timeout:
        gen.close()
        pending = [i for i in range(len(chunk)) if i not in outcomes]
        culprit = current[0] if current and current[1] != "parse" and current[0] not in outcomes else None
        if culprit is None and len(pending) == 1:
            culprit = pending[0]
        if culprit is None:  # the batch parse hung: one by one to find the culprit
            for i in pending:
                for _, o in _run_chunk([chunk[i]], pipeline, published, timeout):
                    outcomes[i] = o
        else:
            raw = chunk[culprit]
            outcomes[culprit] = Outcome(source=raw.source,
                                        error=f"{raw.source}: timed out after {timeout:g} s (article time limit)")
            rest = [i for i in pending if i != culprit]
            for i, (_, o) in zip(rest, _run_chunk([chunk[i] for i in rest], pipeline, published, timeout), strict=True):
                outcomes[i] = o
    for i, raw in enumerate(chunk):
        yield raw, outcomes[i]

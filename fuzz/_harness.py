"""Shared plumbing for the atheris fuzz harnesses in this folder.

Why one module: every harness has the same contract — feed bytes to one input parser; an
``InputError`` (our documented refusal) is a pass, any other exception is a crash that atheris
reports with the input that caused it. A new parser (JSONL, feed, WARC reader) is one small file:

    from _harness import fuzz_main, instrumented
    with instrumented():
        from barometer.ingest.jsonl import read_jsonl_bytes   # the parser's entry point
    def one_input(data: bytes) -> None:
        list(read_jsonl_bytes(data))
    if __name__ == "__main__":
        fuzz_main(one_input, "jsonl")

and one word added to ``FUZZ_TARGETS`` in the Makefile. Seeds live in ``fuzz/corpus/<name>/``;
atheris adds what it finds to a scratch copy so the committed seeds stay small.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


@contextmanager
def instrumented(*extra: str) -> Iterator[None]:
    """Import the code under test inside this block so atheris can see its coverage.

    Only ``barometer`` (plus the packages named in ``extra``, e.g. ``"trafilatura"``) is instrumented:
    instrumenting spaCy or pydantic would slow every run for no gain. Without atheris installed
    (a plain test run importing a harness) this is a no-op.
    """
    try:
        import atheris
    except ImportError:
        yield
        return
    with atheris.instrument_imports(include=["barometer", *extra]):
        yield


def guarded(one_input: Callable[[bytes], object]) -> Callable[[bytes], None]:
    """Wrap a target so our documented input errors count as a pass, not a crash."""
    from barometer.errors import InputError

    def run(data: bytes) -> None:
        try:
            one_input(data)
        except InputError:
            pass

    return run


def fuzz_main(one_input: Callable[[bytes], object], name: str) -> None:
    """Run atheris over ``one_input`` with the seeds of ``fuzz/corpus/<name>``.

    Extra command-line arguments go to libFuzzer (e.g. ``-max_total_time=60``, ``-runs=1000``).
    Crash inputs are written to ``fuzz/crashes/<name>/``.
    """
    import atheris

    seeds = HERE / "corpus" / name
    work = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))
    if seeds.is_dir():
        for f in seeds.iterdir():
            shutil.copy(f, work / f.name)
    crashes = HERE / "crashes" / name
    crashes.mkdir(parents=True, exist_ok=True)
    argv = [sys.argv[0], *sys.argv[1:], f"-artifact_prefix={crashes}{os.sep}", "-rss_limit_mb=4096",
            "-timeout=30", str(work)]
    try:
        atheris.Setup(argv, guarded(one_input))
        atheris.Fuzz()
    finally:
        shutil.rmtree(work, ignore_errors=True)

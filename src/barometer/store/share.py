"""Turn-taking on one DuckDB file between processes: many readers, or one writer, at a time.

Why: DuckDB lets one process write a file, or several processes read it, never both. Without turn
taking, ``barometer serve`` (a reader for hours) would lock out every ``ingest`` and ``watch``,
and a running ingest would lock out the dashboard and every CLI read. So each process that opens
the file through a ``FileShare`` says what it is doing, in a folder beside the store
(``barometer.duckdb.share/``):

* ``readers/<pid>`` — a reader is present (``serve``, ``barometer dyad``, …);
* ``writer.lock`` — held (``flock``) by the one writing process for as long as it writes: a second
  writer is told at once which process writes, instead of failing on a DuckDB lock error;
* ``want-write`` — the writer holds the file or is about to take it (its pid inside).

A writer takes the file for a transaction and, when readers are present, hands it back right after
(its connection is closed); readers close theirs when ``want-write`` appears and reopen once it
is gone, which also shows them what was written. So reads wait at most one commit (milliseconds to a
second), never a whole batch, and nothing fails. Markers left by a killed process are recognised
from their dead pid and ignored; ``flock`` is released by the kernel.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from barometer.errors import StoreError

#: Seconds a reader waits for a writer's turn, or a writer for readers to let go, before giving up.
WAIT_SECONDS = 60.0
#: How often a waiting process looks again, and how often a holder's watcher checks for others.
POLL_SECONDS = 0.05


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int:
    try:
        return int(path.read_text("utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def lock_conflict(exc: BaseException) -> bool:
    """A DuckDB error that only says another process (or another configuration here) holds the file."""
    msg = str(exc).lower()
    return "lock" in msg or "different configuration" in msg or "already open" in msg


def who(pid: int) -> str:
    """``pid N (barometer ingest …)`` when the command line can be read."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        args = []
    at = next((i for i, a in enumerate(args) if a.endswith("barometer") or a.endswith("barometer.cli")), None)
    cmd = " ".join(["barometer", *args[at + 1:]]).strip() if at is not None else " ".join(args).strip()
    return f"pid {pid}" + (f" ({cmd[:80]})" if cmd else "")


class FileShare:
    """One process's side of the turn-taking on ``db_path`` (a DuckDB file)."""

    def __init__(self, db_path: str | Path, *, wait: float = WAIT_SECONDS) -> None:
        self.db = Path(db_path)
        self.dir = Path(str(self.db) + ".share")
        self.wait = wait
        self.pid = os.getpid()
        self._writer_fh = None
        self._reader_file: Path | None = None
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()

    # -- markers -----------------------------------------------------------------------------
    def _ensure_dir(self) -> None:
        (self.dir / "readers").mkdir(parents=True, exist_ok=True)

    def register_reader(self) -> None:
        self._ensure_dir()
        self._reader_file = self.dir / "readers" / str(self.pid)
        self._reader_file.write_text(f"{self.pid} {' '.join(sys.argv)[:200]}\n", "utf-8")

    def readers(self) -> list[int]:
        """Live reader processes other than this one (dead ones' markers are removed)."""
        out = []
        try:
            entries = list((self.dir / "readers").iterdir())
        except OSError:
            return []
        for f in entries:
            pid = _read_pid(f)
            if pid == self.pid:
                continue
            if pid_alive(pid):
                out.append(pid)
            else:
                with contextlib.suppress(OSError):
                    f.unlink()
        return out

    def writer_wants(self) -> int:
        """The pid of the live writer holding or taking the file (0 when none)."""
        pid = _read_pid(self.dir / "want-write")
        return pid if pid and pid_alive(pid) else 0

    # -- the writer's side --------------------------------------------------------------------
    def acquire_writer(self) -> None:
        """Become the one writer, or fail at once naming the process that writes."""
        self._ensure_dir()
        fh = open(self.dir / "writer.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            pid = _read_pid(self.dir / "writer.lock")
            fh.close()
            raise StoreError(f"{self.db}: {who(pid) if pid else 'another process'} is writing to this store; "
                             "one writer at a time (reads go on meanwhile): wait for it to finish") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{self.pid}\n")
        fh.flush()
        self._writer_fh = fh

    def release_writer(self) -> None:
        self.hand_back()
        if self._writer_fh is not None:
            with contextlib.suppress(OSError):
                self._writer_fh.truncate(0)
                fcntl.flock(self._writer_fh, fcntl.LOCK_UN)
            self._writer_fh.close()
            self._writer_fh = None

    def take(self) -> None:
        """Say that the writer takes the file (readers close their connections on seeing it)."""
        self._ensure_dir()
        tmp = self.dir / f"want-write.{self.pid}"
        tmp.write_text(f"{self.pid}\n", "utf-8")
        os.replace(tmp, self.dir / "want-write")

    def hand_back(self) -> None:
        if _read_pid(self.dir / "want-write") == self.pid:
            with contextlib.suppress(OSError):
                (self.dir / "want-write").unlink()

    # -- waiting ------------------------------------------------------------------------------
    def wait_for_writer(self) -> None:
        """A reader waits while a live writer holds or takes the file."""
        deadline = time.monotonic() + self.wait
        while pid := self.writer_wants():
            if time.monotonic() > deadline:
                raise StoreError(f"{self.db}: {who(pid)} has held this store for writing for over "
                                 f"{self.wait:.0f} s; try again when it has committed")
            time.sleep(POLL_SECONDS)

    def open_retrying(self, opener: Callable[[], object], errors: type[BaseException], what: str) -> object:
        """``opener()`` until it stops failing on a lock held by another process (at most ``wait`` s)."""
        deadline = time.monotonic() + self.wait
        delay = POLL_SECONDS / 2
        while True:
            try:
                return opener()
            except errors as exc:
                if not lock_conflict(exc) or time.monotonic() > deadline:
                    if lock_conflict(exc):
                        holders = ", ".join(who(p) for p in self.readers()) or "another process"
                        raise StoreError(f"{self.db}: {holders} did not let go of the store within "
                                         f"{self.wait:.0f} s for {what}") from None
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    # -- the watcher: lets go of the file when another process needs it ------------------------
    def watch(self, needs_release: Callable[[], bool], release: Callable[[], None]) -> None:
        """Start a daemon thread that calls ``release()`` whenever ``needs_release()`` is true."""
        def loop() -> None:
            while not self._stop.wait(POLL_SECONDS * 2):
                try:
                    if needs_release():
                        release()
                except Exception:  # noqa: BLE001 - the watcher must outlive one failed check
                    pass

        self._watcher = threading.Thread(target=loop, name=f"barometer-share-{self.db.name}", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        self._stop.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=2)
        self.release_writer()
        if self._reader_file is not None:
            with contextlib.suppress(OSError):
                self._reader_file.unlink()
            self._reader_file = None


class UseLock:
    """The store's re-entrant lock, which calls ``on_release`` when its outermost ``with`` ends: the
    moment a shared store may hand the file to another process (``DuckStore``)."""

    def __init__(self, on_release: Callable[[], None]) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        self.on_release = on_release

    def __enter__(self) -> UseLock:
        self._lock.acquire()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        try:
            if self._depth == 0:
                self.on_release()
        finally:
            self._lock.release()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        return self._lock.acquire(blocking, timeout)

    def release(self) -> None:
        self._lock.release()

"""The cross-process lock that spans a whole read -> modify -> write.

TinyDB has no locking of its own, and a lock inside read/write alone would
still let two writers interleave; so every change holds this lock from its
first read to its last write. It locks a sidecar ``.lock`` file, never the
data file, because the data file is replaced by rename on each write.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..defaults import DEFAULT_LOCK_TIMEOUT
from ..errors import StoreBusy, StoreUnwritable, os_reason
from ..waiting import watcher
from .atomic import new_file_mode

if TYPE_CHECKING:
    from filelock import BaseFileLock

ENV_TIMEOUT = "DUTY_TUI_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = DEFAULT_LOCK_TIMEOUT
POLL = 0.1  # seconds between tries while someone else holds the lock (when a person watches the wait)


def lock_timeout() -> float:
    try:
        return float(os.environ.get(ENV_TIMEOUT, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    from filelock import FileLock, Timeout  # ~15 ms to import: only writers pay it, never a reader

    wait = lock_timeout() if timeout is None else timeout
    lock = FileLock(str(path), timeout=wait, mode=new_file_mode(path.parent),
                    thread_local=False, is_singleton=False)
    hooks = watcher()
    try:
        if hooks is None:
            lock.acquire()
        else:
            _acquire_watched(lock, path, wait, *hooks)
    except Timeout:
        raise StoreBusy("busy", path=str(path), wait=wait) from None
    except PermissionError:
        raise StoreUnwritable("lock-permission", path=str(path)) from None
    except OSError as exc:
        raise StoreUnwritable("lock-failed", path=str(path), reason=os_reason(exc)) from None
    try:
        yield
    finally:
        lock.release()


def _acquire_watched(lock: BaseFileLock, path: Path, wait: float, waited: Callable[[float], None],
                     cancel: Callable[[], bool]) -> None:
    """Try in short steps until the lock is had, the wait is over or the person gives up."""
    from filelock import Timeout

    start = time.monotonic()
    while True:
        if cancel():
            raise StoreBusy("cancelled", path=str(path))
        elapsed = time.monotonic() - start
        try:
            lock.acquire(timeout=min(POLL, max(0.0, wait - elapsed)))
        except Timeout:
            elapsed = time.monotonic() - start
            if elapsed >= wait:
                raise
            waited(elapsed)
            continue
        if cancel():  # given up just as the lock came free: the write must not happen after all
            lock.release()
            raise StoreBusy("cancelled", path=str(path))
        return

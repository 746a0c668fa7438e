"""The cross-process lock that spans a whole read -> modify -> write.

TinyDB has no locking of its own, and a lock inside read/write alone would
still let two writers interleave; so every change holds this lock from its
first read to its last write. It locks a sidecar ``.lock`` file, never the
data file, because the data file is replaced by rename on each write.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..defaults import DEFAULT_LOCK_TIMEOUT
from ..errors import StoreBusy, StoreUnwritable, os_reason
from .atomic import new_file_mode

ENV_TIMEOUT = "DUTY_TUI_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = DEFAULT_LOCK_TIMEOUT


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
    try:
        lock.acquire()
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

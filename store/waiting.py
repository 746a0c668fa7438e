"""A write waiting for another process's lock, made visible and cancellable.

Backend-neutral, so the TUI can ask for it without knowing how a backend
locks: a backend's lock reads ``watcher()`` and, when one is set, tries in
short steps, reports the seconds waited and gives up when asked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Waited = Callable[[float], None]
Cancel = Callable[[], bool]

_local = threading.local()


@contextmanager
def waiting(waited: Waited, cancel: Cancel) -> Iterator[None]:
    """Let a person see the writes made in this thread wait for the lock, and give them up.

    Only this thread: a TUI writes from a worker thread, and another thread's
    writes (the summary kept for logins) must not be cancelled by this one's
    Esc. While the lock is held by someone else, ``waited`` gets the seconds
    waited so far at every try; once ``cancel`` returns true the write stops
    with StoreBusy("cancelled") before it has read or written anything, and
    is never made later.
    """
    before = getattr(_local, "hooks", None)
    _local.hooks = (waited, cancel)
    try:
        yield
    finally:
        _local.hooks = before


def watcher() -> tuple[Waited, Cancel] | None:
    """What this thread's writes report to while they wait, if anything."""
    return getattr(_local, "hooks", None)

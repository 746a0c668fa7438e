"""Runs one duty-tui command with a fault at one step of the atomic-write helper (see test_write_faults.py).

The steps are the helper's own calls: creating the temp file, writing it,
fsyncing it, renaming it over the file, fsyncing the folder. ``FAULT_TRACE``
names a file to which each step is appended as it happens. ``FAULT`` is
``<step>:<kind>``: at that step (counted from 0), ENOSPC or EIO raise instead
of doing it, KILL sends SIGKILL before it and KILL-AFTER right after it.
``FAULT_FULL`` names a folder whose every file write fails with ENOSPC, as on
a disk with room left for the head's small rewrite but not for a shard.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
from typing import Any

import store.tinydb.atomic as atomic

TRACE = os.environ.get("FAULT_TRACE", "")
TARGET, _, KIND = os.environ.get("FAULT", "-1:").partition(":")
ERRNOS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO}
FULL = os.environ.get("FAULT_FULL", "")
counter = 0


def step(name: str) -> int:
    global counter
    index, counter = counter, counter + 1
    if TRACE:
        with open(TRACE, "a", encoding="utf-8") as trace:
            trace.write(name + "\n")
    if index == int(TARGET):
        if KIND == "KILL":
            os.kill(os.getpid(), signal.SIGKILL)
        if KIND in ERRNOS:
            raise OSError(ERRNOS[KIND], os.strerror(ERRNOS[KIND]))
    return index


def after(index: int) -> None:
    if index == int(TARGET) and KIND == "KILL-AFTER":
        os.kill(os.getpid(), signal.SIGKILL)


class Handle:
    def __init__(self, handle: Any):
        self.handle = handle
        self.folder = os.path.basename(os.path.dirname(os.readlink(f"/proc/self/fd/{handle.fileno()}")))

    def __enter__(self) -> Handle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def fileno(self) -> int:
        return self.handle.fileno()

    def flush(self) -> None:
        self.handle.flush()

    def write(self, data: bytes) -> int:
        index = step("write")
        if FULL and self.folder == FULL:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = self.handle.write(data)
        after(index)
        return written


class FaultyOs:
    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fdopen(self, fd: int, mode: str) -> Handle:
        return Handle(os.fdopen(fd, mode))

    def fsync(self, fd: int) -> None:
        index = step("fsync-folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync")
        os.fsync(fd)
        after(index)

    def replace(self, source: str, target: str) -> None:
        index = step(f"replace {os.path.basename(target)}")
        os.replace(source, target)
        after(index)


class FaultyTempfile:
    def __getattr__(self, name: str) -> Any:
        return getattr(tempfile, name)

    def mkstemp(self, **kwargs: Any) -> tuple[int, str]:
        index = step("create")
        made = tempfile.mkstemp(**kwargs)
        after(index)
        return made


atomic.os = FaultyOs()  # type: ignore[assignment]
atomic.tempfile = FaultyTempfile()  # type: ignore[assignment]
sys.argv = ["duty-tui", *sys.argv[1:]]
from tui.cli import main  # noqa: E402

main()

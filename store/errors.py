"""Store failures, each mapped to the exit code a user or a script acts on."""

from __future__ import annotations


class StoreError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = 2


class StoreUsageError(StoreError):
    """The user asked for something that does not exist or is not allowed."""

    exit_code = 2


class StoreBusy(StoreError):
    """Locked by another process for longer than the timeout, or not writable."""

    exit_code = 3


class StoreUnwritable(StoreBusy):
    """Read-only file or folder, disk full, or --read-only."""


class StoreCorrupt(StoreError):
    """A file that is not valid duty-tui data; it is never overwritten."""

    exit_code = 4

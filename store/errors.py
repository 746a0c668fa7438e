"""Store failures: what went wrong with the database's files or its lock, by code and fields.

A refusal of a request (a person not in the roster, a closed ledger row) is a
checklists.errors.Refusal, whichever layer finds it. These are the failures a
user cannot fix by typing something else: the database is busy, unwritable,
unreadable or damaged. No prose here either: tui.errors words each code and
maps each class to the exit code a user or a cron job acts on.
"""

from __future__ import annotations

import errno

from checklists.errors import Coded


class StoreError(Coded):
    """``code`` names the failure; ``fields`` hold the file (``path``) and the reason."""

    def with_fields(self, **more: object) -> StoreError:
        """The same failure, with more said about it (such as where the newest backup is)."""
        return type(self)(self.code, **{**self.fields, **more})


class StorePathError(StoreError):
    """The path given for the database cannot be one (a folder, or a file on the way to it)."""


class StoreBusy(StoreError):
    """Locked by another process for longer than the timeout."""


class StoreConflict(StoreError):
    """What a change was decided on changed before it was written (optimistic concurrency).

    The application layer reads, applies the rules, and asks the store to
    write "if still at the version I read"; this is the store's no. The
    caller reads again and decides again; only when that keeps failing does
    a person see it.
    """


class StoreUnwritable(StoreError):
    """Read-only file or folder, disk full, or --read-only."""


class StoreUnreadable(StoreError):
    """A file or folder of the database this account may not read (or the system cannot)."""


class StoreCorrupt(StoreError):
    """A file that is not valid duty-tui data; it is never overwritten."""


# What the operating system said, as a code the interface words; strerror is
# English (or whatever the server's locale gives) and names no remedy.
OS_REASONS = {
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "read-only-fs",
    errno.ENOSPC: "disk-full",
    errno.EDQUOT: "quota",
    errno.EISDIR: "is-dir",
    errno.ENOTDIR: "not-dir",
    errno.ENOENT: "missing",
    errno.ELOOP: "loop",
    errno.ENAMETOOLONG: "too-long",
    errno.EIO: "io",
    errno.EFBIG: "too-large",
}


def os_reason(exc: OSError) -> str:
    """A code for why the operating system refused (see OS_REASONS), or its own words when it has no code."""
    return OS_REASONS.get(exc.errno or 0) or (exc.strerror or str(exc))

"""Store failures, each mapped to the exit code a user or a script acts on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class StoreError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = 2


class StoreUsageError(StoreError):
    """The user asked for something that does not exist or is not allowed.

    ``code`` names the rule that refused (see checklists.ledger_rules), so the
    command line and the screens can each add a hint in their own words.
    """

    exit_code = 2

    def __init__(self, message: str = "", code: str = ""):
        super().__init__(message)
        self.code = code


class StoreBusy(StoreError):
    """Locked by another process for longer than the timeout, or not writable."""

    exit_code = 3


class StoreUnwritable(StoreBusy):
    """Read-only file or folder, disk full, or --read-only."""


class StoreCorrupt(StoreError):
    """A file that is not valid duty-tui data; it is never overwritten."""

    exit_code = 4


@contextmanager
def rule_refusals(what: str = "") -> Iterator[None]:
    """A domain rule's refusal is a usage error that keeps the rule's code; ``what`` names what was refused."""
    from checklists.errors import RuleError

    try:
        yield
    except RuleError as exc:
        raise StoreUsageError(f"{what}{exc}", code=exc.code) from None

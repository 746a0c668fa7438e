"""Persistence: the only code that reads or writes the duty-tui database.

The program talks to store.interface.Store; ``open_store`` gives it the
backend for a database. Today that is always the TinyDB backend
(store.tinydb): one head file and a shard file per year and checklist.
"""

from __future__ import annotations

from .defaults import DEFAULT_LOCK_TIMEOUT, default_location

# Not typing.TYPE_CHECKING: importing typing and pathlib here would put them on the login path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from .interface import Store

__all__ = ["DEFAULT_LOCK_TIMEOUT", "default_location", "open_store"]


def open_store(path: Path | None = None, *, read_only: bool = False, lock_timeout: float | None = None) -> Store:
    """The database at ``path`` (the default location when None), opened lazily: nothing is read yet."""
    from .tinydb import TinyStore

    return TinyStore(path, read_only=read_only, lock_timeout=lock_timeout)

"""Persistence: the only code that reads or writes the duty-tui database.

The program talks to store.interface.Store; ``open_store`` gives it the
backend for a database. Today that is always the TinyDB backend
(store.tinydb): one head file and a shard file per year and checklist.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .interface import Store


DEFAULT_LOCK_TIMEOUT = 10.0  # seconds a change waits for another one to finish


def default_location() -> Path:
    """Where a database lives when nobody names one: the user's data folder."""
    from platformdirs import user_data_path

    return user_data_path("duty-tui") / "duty.json"


def open_store(path: Path | None = None, *, read_only: bool = False, lock_timeout: float | None = None) -> "Store":
    """The database at ``path`` (the default location when None), opened lazily: nothing is read yet."""
    from .tinydb import TinyStore

    return TinyStore(path, read_only=read_only, lock_timeout=lock_timeout)

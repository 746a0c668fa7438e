"""A TinyDB storage that writes atomically and, inside a transaction, once.

TinyDB calls ``write`` after every table operation. With ``autocommit=False``
this storage keeps changes in memory until ``commit()``, so one logical change
(an event plus the state it produces) becomes one atomic file replacement.
With ``autocommit=True`` it is a drop-in crash-safe replacement for TinyDB's
JSONStorage (the storage contract tests run it that way).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .atomic import atomic_write, dumps, read_tables


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, autocommit: bool = True, strict: bool = False):
        self.path = Path(path)
        self.autocommit = autocommit
        self.strict = strict  # an empty file is damage, not an empty database (see read_tables)
        self._data: dict[str, Any] | None = None
        self._loaded = False
        self._dirty = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded or self.autocommit:
            self._data = read_tables(self.path, strict=self.strict)
            self._loaded = True
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        self._loaded = True
        self._dirty = True
        if self.autocommit:
            self.commit()

    def commit(self) -> None:
        if self._dirty and self._data is not None:
            atomic_write(self.path, dumps(self._data))
            self._dirty = False

    def close(self) -> None:
        """Nothing to release: files are opened only for the moment of each read/write."""

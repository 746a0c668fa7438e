"""The TinyDB backend: a small head file plus one shard file per (period year, checklist).

A change touches one shard, so its cost does not grow with the whole history;
the event and the state it produces are written together, in one atomic file
replacement, under a cross-process lock. Nothing outside this package knows
about shards, file signatures or TinyDB queries: the rest of the program uses
store.interface.Store, which TinyStore implements.
"""

from __future__ import annotations

__all__ = ["TinyStore"]


def __getattr__(name: str) -> type:
    # Loaded on first use: store.tinydb.summary is read at login without TinyDB itself.
    if name == "TinyStore":
        from .backend import TinyStore

        return TinyStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

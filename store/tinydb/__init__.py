"""The TinyDB backend: a small head file plus one shard file per (period year, checklist).

A change touches one shard, so its cost does not grow with the whole history;
the event and the state it produces are written together, in one atomic file
replacement, under a cross-process lock. Nothing outside this package knows
about shards, file signatures or TinyDB queries: the rest of the program uses
store.interface.Store, which TinyStore implements.
"""

from .backend import TinyStore

__all__ = ["TinyStore"]

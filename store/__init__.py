"""Persistence: the only code that reads or writes the duty-tui database.

The database is a small TinyDB "head" file (schema, roster, accounts, list of
shards) plus one TinyDB shard file per (period year, checklist) that holds
that shard's events and the current state they produce. A change touches one
shard, so its cost does not grow with the whole history; the event and the
state it produces are written together, in one atomic file replacement, under
a cross-process lock.
"""

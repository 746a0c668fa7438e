"""The hash chains that make hand edits to the records visible.

Each event's hash covers its content and the hash of the event before it in
its shard; editing, removing or reordering an event breaks the chain at that
point. The head seals the shards together: a second chain runs over every
event in the order of its global sequence number, so a shard that is removed
with its entry, swapped, or put back as an older copy shows too. (This shows
tampering; it cannot stop someone from rewriting every hash.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import orjson


def event_hash(event: dict[str, Any], prev_hash: str) -> str:
    """Hash of the event's content chained to the previous event's hash.

    The previous hash is part of the input rather than a stored field: the
    chain checks the same and each event is 70 bytes smaller.
    """
    body = dict(event)  # a C-level copy: verify hashes every event of the database
    body.pop("hash", None)
    digest = hashlib.sha256(prev_hash.encode())
    digest.update(orjson.dumps(body, option=orjson.OPT_SORT_KEYS))
    return digest.hexdigest()


def seal(event: dict[str, Any], prev_hash: str) -> dict[str, Any]:
    event["hash"] = event_hash(event, prev_hash)
    return event


def seal_root(legacy: Iterable[tuple[str, int | None, str]]) -> str:
    """Where the head's chain starts: the shards as they stood when the database was first sealed.

    ``legacy`` is (shard, events, last hash) for each shard written before
    events carried a global number; a new database has none and starts at "".
    """
    entries = sorted(legacy, key=lambda e: e[0])
    if not entries:
        return ""
    return hashlib.sha256(orjson.dumps(entries)).hexdigest()


def seal_step(prev_seal: str, gseq: int, shard: str, hash_: str) -> str:
    """The head's seal after the event numbered ``gseq`` was written to ``shard``."""
    return hashlib.sha256(f"{prev_seal}|{gseq}|{shard}|{hash_}".encode()).hexdigest()

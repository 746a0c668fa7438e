"""The hash chain that makes hand edits to the event log visible.

Each event carries the hash of the one before it in its shard and a hash of
itself; editing, removing or reordering an event breaks the chain at that
point. (It shows tampering; it cannot stop someone from rewriting every hash.)
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson


def event_hash(event: dict[str, Any]) -> str:
    body = {k: v for k, v in event.items() if k != "hash"}
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def seal(event: dict[str, Any], prev_hash: str) -> dict[str, Any]:
    event["prev"] = prev_hash
    event["hash"] = event_hash(event)
    return event

"""Appending events (ticks, counts, notes, ledger rows, undos) with their entries' new states.

Each write appends its events to their shard together with the new states of
their entries, in one atomic write under the lock. Nothing here decides
whether a change is allowed: the caller decided on what it read, and names
the versions it read; if any changed since, the write is refused
(StoreConflict) and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tinydb import Query

from checklists.records import State, StateKey, key_of

from ..errors import StoreConflict
from ..interface import Draft
from .db import Database, Txn, utc_now
from .roster import roster_version


def new_id() -> str:
    import uuid

    return uuid.uuid4().hex[:16]


def shard_name(checklist_id: str, period_key: str) -> str:
    """One shard per (period year, checklist): a change rewrites only its shard."""
    year = "once" if period_key == "once" else period_key[:4]
    return f"{year}-{checklist_id}"


def state_key(item: str, period: str, subject: str) -> str:
    return f"{item}|{period}|{subject}"


def _append(txn: Txn, event: dict[str, Any], new_state: dict[str, Any]) -> dict[str, Any]:
    from .sealing import append  # hashing and sealing are only needed by writers

    key = state_key(event["item"], event["period"], event["subject"])
    record = {"key": key, "checklist": event["checklist"], "item": event["item"], "period": event["period"],
              "subject": event["subject"], **new_state, "updated": event["time"], "account": event["account"],
              "event": event["id"]}
    return append(txn, event, record)


def append(store: Database, drafts: Sequence[Draft], expected: Mapping[StateKey, str | None],
           roster: str | None = None) -> list[dict[str, Any]]:
    """Append the drafts' events and states in one write, if what they were decided on is unchanged."""
    if not drafts:
        return []
    first = drafts[0].event
    pair = (first["checklist"], first["period"])
    if any((d.event["checklist"], d.event["period"]) != pair for d in drafts):
        raise ValueError("one append holds the events of one (checklist, period)")
    with store.change_txn(shard_name(*pair)) as (head, txn):
        if roster is not None and roster_version(head.db.storage.read() or {}) != roster:
            raise StoreConflict("conflict", what="roster")
        states = txn.table("state")
        for key, version in expected.items():
            current = states.get(Query().key == state_key(key.item, key.period, key.subject))
            if (current["event"] if current is not None else None) != version:
                raise StoreConflict("conflict", what="entry", checklist=key.checklist, item=key.item,
                                    period=key.period, subject=key.subject)
        return [_append(txn, {**draft.event, "id": new_id(), "time": utc_now()}, dict(draft.state))
                for draft in drafts]


def _undone_ids(events: list[dict[str, Any]]) -> set[str]:
    return {e["undoes"] for e in events if e["action"] == "undo"}


def last_change(store: Database, account: str) -> tuple[str, dict[str, Any]] | None:
    """The account's latest change that is not an undo and not already undone."""
    best: tuple[str, dict[str, Any]] | None = None
    for name in store.shard_names_seen():
        events = list(store.read_shard_seen(name).get("events", {}).values())
        undone = _undone_ids(events)
        for event in events:
            mine = event["account"] == account and event["action"] != "undo" and event["id"] not in undone
            if mine and (best is None or event["time"] > best[1]["time"]):
                best = (name, event)
    return best


def all_events(store: Database) -> list[dict[str, Any]]:
    """Every event in every shard, oldest first."""
    events: list[dict[str, Any]] = []
    for name in store.shard_names_seen():
        events.extend(store.read_shard_seen(name).get("events", {}).values())
    events.sort(key=lambda e: (e["time"], e["id"]))
    return events


def _shards_for(store: Database, wanted: set[tuple[str, str]]) -> list[str]:
    """The existing shards that hold the (checklist, period key) pairs asked for, in name order."""
    shards = {shard_name(checklist, period) for checklist, period in wanted}
    return sorted(shards & set(store.shard_names_seen()))


def events_for(store: Database, wanted: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """The events of the shards holding the (checklist, period key) pairs asked for, each shard in stored order.

    A shard's events are stored in the order they were written (TinyDB's
    document ids count up), so each entry's come oldest first without a sort.
    """
    events: list[dict[str, Any]] = []
    for name in _shards_for(store, wanted):
        events.extend(store.read_shard_seen(name).get("events", {}).values())
    return events


def entry_events(store: Database, checklist: str, item: str, period: str, subject: str) -> list[dict[str, Any]]:
    """One entry's events, oldest first; they all live in that entry's shard."""
    events = store.read_shard_seen(shard_name(checklist, period)).get("events", {}).values()
    return sorted((e for e in events if (e["item"], e["period"], e["subject"]) == (item, period, subject)),
                  key=lambda e: e["seq"])


def all_states(store: Database, checklist: str | None = None) -> list[dict[str, Any]]:
    states: list[dict[str, Any]] = []
    for name in store.shard_names_seen():
        if checklist and not name.endswith(f"-{checklist}"):
            continue
        states.extend(store.read_shard_seen(name).get("state", {}).values())
    return states


def states_for(store: Database, wanted: set[tuple[str, str]]) -> dict[StateKey, State]:
    """Current states of the (checklist, period key) pairs asked for, and of the rest of their shards."""
    result: dict[StateKey, State] = {}
    for name in _shards_for(store, wanted):
        for state in store.read_shard_seen(name).get("state", {}).values():
            result[key_of(state)] = state
    return result

"""Recording changes (tick, untick, n/a, note, evidence, count) and undoing them.

Each change is an event appended to its shard together with the new state of
its (checklist, item, period, subject), in one atomic write under the lock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tinydb import Query

from checklists.clock import today
from checklists.errors import Refusal
from checklists.ledger_rules import check_undo
from checklists.progress import apply_event, check_untick, state_fields
from checklists.records import State, StateKey, key_of
from checklists.rules import check_action, check_bounds, check_period, check_subject

from ..account import os_account
from ..interface import Change
from .db import Database, Txn, utc_now
from .roster import roster_from_head


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


def record(store: Database, change: Change, account: str | None = None) -> dict[str, Any]:
    """Append one event and update its state; returns the sealed event."""
    check_action(change.item, change.action, note=change.note, reason=change.reason, evidence=change.evidence,
                 date_text=change.date, subject=change.subject)
    c = change.checklist
    check_period(change.item, change.period)
    check_bounds(change.period, change.date, today())
    with store.change_txn(shard_name(c.id, change.period.key)) as (head, txn):
        subject = check_subject(c, change.subject, roster_from_head(head.db.storage.read() or {}))
        key = state_key(change.item.id, change.period.key, subject)
        current = txn.table("state").get(Query().key == key)
        if change.action == "undone":
            check_untick(change.item.kind, current, item=change.item.title, subject=subject, period=change.period.key)
        event: dict[str, Any] = {
            "id": new_id(), "time": utc_now(), "account": account or os_account(),
            "action": change.action, "checklist": c.id, "item": change.item.id,
            "period": change.period.key, "subject": subject,
        }
        for field in ("note", "reason", "evidence", "date"):
            value = getattr(change, field).strip()
            if value:
                event[field] = value
        return _append(txn, event, apply_event(current, event, change.item.target))


def _undone_ids(events: list[dict[str, Any]]) -> set[str]:
    return {e["undoes"] for e in events if e["action"] == "undo"}


def last_change(store: Database, account: str) -> tuple[str, dict[str, Any]] | None:
    """The account's latest change that is not an undo and not already undone."""
    best: tuple[str, dict[str, Any]] | None = None
    for name in store.shard_names():
        events = list(store.read_shard(name).get("events", {}).values())
        undone = _undone_ids(events)
        for event in events:
            mine = event["account"] == account and event["action"] != "undo" and event["id"] not in undone
            if mine and (best is None or event["time"] > best[1]["time"]):
                best = (name, event)
    return best


def undo_last(store: Database, targets: Mapping[str, int], account: str | None = None,
              expect: str | None = None) -> dict[str, Any]:
    """Reverse the account's own last change by appending a reversing event.

    ``targets`` maps "checklist/item" to a count item's goal. If someone
    changed the same entry since, undoing would silently discard their change,
    so it is refused; with ``expect``, so is undoing any other change than the
    one the person was shown.
    """
    account = account or os_account()
    found = last_change(store, account)
    if found is None:
        raise Refusal("nothing-to-undo", account=account)
    shard, target = found
    if expect is not None and target["id"] != expect:
        raise Refusal("undo-moved")
    check_undo(target)
    goal = targets.get(f"{target['checklist']}/{target['item']}", 1)
    with store.change_txn(shard) as (_head, txn):
        events = txn.table("events")
        if events.contains(Query().undoes == target["id"]):
            raise Refusal("already-undone")
        key = state_key(target["item"], target["period"], target["subject"])
        current = txn.table("state").get(Query().key == key)
        before = _state_before(events.all(), target, goal)
        if state_fields(current) != apply_event(before, target, goal):
            raise Refusal("undo-changed-since", checklist=target["checklist"], item=target["item"],
                          subject=target["subject"], period=target["period"])
        event = {
            "id": new_id(), "time": utc_now(), "account": account, "action": "undo",
            "checklist": target["checklist"], "item": target["item"], "period": target["period"],
            "subject": target["subject"], "undoes": target["id"], "restore": before,
        }
        return _append(txn, event, before)


def _state_before(events: Sequence[Mapping[str, Any]], target: Mapping[str, Any], goal: int) -> dict[str, Any]:
    """Replay the target's entry up to (not including) the target event."""
    state: dict[str, Any] | None = None
    for event in sorted(events, key=lambda e: e["seq"]):
        if event["id"] == target["id"]:
            break
        if (event["item"], event["period"], event["subject"]) == (target["item"], target["period"], target["subject"]):
            state = apply_event(state, event, goal)
    return state_fields(state)


def all_events(store: Database) -> list[dict[str, Any]]:
    """Every event in every shard, oldest first."""
    events: list[dict[str, Any]] = []
    for name in store.shard_names():
        events.extend(store.read_shard(name).get("events", {}).values())
    events.sort(key=lambda e: (e["time"], e["id"]))
    return events


def _shards_for(store: Database, wanted: set[tuple[str, str]]) -> list[str]:
    """The existing shards that hold the (checklist, period key) pairs asked for, in name order."""
    shards = {shard_name(checklist, period) for checklist, period in wanted}
    return sorted(shards & set(store.shard_names()))


def events_for(store: Database, wanted: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """The events of the shards holding the (checklist, period key) pairs asked for, each shard in stored order.

    A shard's events are stored in the order they were written (TinyDB's
    document ids count up), so each entry's come oldest first without a sort.
    """
    events: list[dict[str, Any]] = []
    for name in _shards_for(store, wanted):
        events.extend(store.read_shard(name).get("events", {}).values())
    return events


def entry_events(store: Database, checklist: str, item: str, period: str, subject: str) -> list[dict[str, Any]]:
    """One entry's events, oldest first; they all live in that entry's shard."""
    events = store.read_shard(shard_name(checklist, period)).get("events", {}).values()
    return sorted((e for e in events if (e["item"], e["period"], e["subject"]) == (item, period, subject)),
                  key=lambda e: e["seq"])


def all_states(store: Database, checklist: str | None = None) -> list[dict[str, Any]]:
    states: list[dict[str, Any]] = []
    for name in store.shard_names():
        if checklist and not name.endswith(f"-{checklist}"):
            continue
        states.extend(store.read_shard(name).get("state", {}).values())
    return states


def states_for(store: Database, wanted: set[tuple[str, str]]) -> dict[StateKey, State]:
    """Current states of the (checklist, period key) pairs asked for, and of the rest of their shards."""
    result: dict[StateKey, State] = {}
    for name in _shards_for(store, wanted):
        for state in store.read_shard(name).get("state", {}).values():
            result[key_of(state)] = state
    return result

"""Recording changes (tick, untick, n/a, note, evidence, count) and undoing them.

Each change is an event appended to its shard together with the new state of
its (checklist, item, period, subject), in one atomic write under the lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tinydb import Query

from checklists.ledger_rules import check_undo
from checklists.model import ORG, Checklist, Item, subject_label
from checklists.periods import Period
from checklists.records import State, StateKey, key_of
from checklists.progress import apply_event, check_untick, snapshot

from ..account import os_account
from ..interface import Change
from .db import Database, Txn, utc_now
from ..errors import StoreUsageError, rule_refusals
from .roster import roster_from_head
from ..text import require_text

# What each typed field is called in an error, and whether it may span lines.
FIELD_WORDS = {"note": ("备注", True), "reason": ("理由", True), "evidence": ("佐证", True),
               "date": ("日期", False), "subject": ("对象", False)}


def new_id() -> str:
    import uuid

    return uuid.uuid4().hex[:16]


def shard_name(checklist_id: str, period_key: str) -> str:
    """One shard per (period year, checklist): a change rewrites only its shard."""
    year = "once" if period_key == "once" else period_key[:4]
    return f"{year}-{checklist_id}"


def state_key(item: str, period: str, subject: str) -> str:
    return f"{item}|{period}|{subject}"


def _check_action(change: Change) -> None:
    for name, (words, multiline) in FIELD_WORDS.items():
        require_text(words, getattr(change, name), multiline=multiline)
    item = change.item
    if change.action == "done" and item.kind == "count":
        raise StoreUsageError(f'"{item.title}" 是计次事项（目标 {item.target}{item.unit}），请用计次 +1 记录每一次')
    if change.action == "count" and item.kind != "count":
        raise StoreUsageError(f'"{item.title}" 不是计次事项，请用勾选（tick）')
    if change.action == "na" and not change.reason.strip():
        raise StoreUsageError("标记不适用须说明理由（--reason）")
    if change.action == "note" and not change.note.strip():
        raise StoreUsageError("备注不能为空")
    if change.action == "evidence" and not change.evidence.strip():
        raise StoreUsageError("佐证不能为空（文件路径或文号）")


def check_subject(checklist: Checklist, subject: str, head: dict[str, Any]) -> str:
    """The stored subject for this checklist's scope, or a usage error saying why not."""
    subject = subject.strip()
    if checklist.scope == "org":
        if subject and subject not in (ORG, "党组"):
            raise StoreUsageError(f'"{checklist.title}" 是党组清单，不按人或支部记录；请去掉 --subject')
        return ORG
    roster = roster_from_head(head)
    if not subject:
        what = "支部" if checklist.scope == "branch" else "人员"
        raise StoreUsageError(f'"{checklist.title}" 按{what}记录，请用 --subject 指定{what}')
    if checklist.scope == "branch":
        if subject not in roster.branches:
            raise StoreUsageError(f'没有支部 "{subject}"；已有支部：{"、".join(roster.branches) or "（无）"}')
        return subject
    person = roster.person(subject)
    if person is None:
        raise StoreUsageError(f'名册中没有 "{subject}"；用 duty-tui people list 查看，或 people add 添加')
    if not set(person.roles) & set(checklist.roles):
        raise StoreUsageError(
            f'"{subject}" 的角色（{"、".join(person.roles)}）不在 "{checklist.title}" 的范围内（{"、".join(checklist.roles)}）')
    return subject


def _append(txn: Txn, event: dict[str, Any], new_state: dict[str, Any]) -> dict[str, Any]:
    from .sealing import append  # hashing and sealing are only needed by writers

    key = state_key(event["item"], event["period"], event["subject"])
    record = {"key": key, "checklist": event["checklist"], "item": event["item"], "period": event["period"],
              "subject": event["subject"], **new_state, "updated": event["time"], "account": event["account"],
              "event": event["id"]}
    return append(txn, event, record)


def record(store: Database, change: Change, account: str | None = None) -> dict[str, Any]:
    """Append one event and update its state; returns the sealed event."""
    _check_action(change)
    c = change.checklist
    if change.period.every != change.item.every:
        raise StoreUsageError(f'周期 "{change.period.key}" 与事项 "{change.item.title}" 的周期（{change.item.every}）不符')
    with store.change_txn(shard_name(c.id, change.period.key)) as (head, txn):
        subject = check_subject(c, change.subject, head.db.storage.read() or {})
        key = state_key(change.item.id, change.period.key, subject)
        current = txn.table("state").get(Query().key == key)
        if change.action == "undone":
            with rule_refusals(f'"{change.item.title}"（{subject_label(subject)}，{change.period.label()}）'):
                check_untick(change.item.kind, current)
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
            if event["account"] == account and event["action"] != "undo" and event["id"] not in undone:
                if best is None or event["time"] > best[1]["time"]:
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
        raise StoreUsageError(f"账户 {account} 没有可撤销的修改")
    shard, target = found
    if expect is not None and target["id"] != expect:
        raise StoreUsageError("你最近一次修改已经变了（可能在另一个窗口中）；请重新操作")
    with rule_refusals():
        check_undo(target)
    goal = targets.get(f"{target['checklist']}/{target['item']}", 1)
    with store.change_txn(shard) as (_head, txn):
        events = txn.table("events")
        if events.contains(Query().undoes == target["id"]):
            raise StoreUsageError("这条修改已被撤销")
        key = state_key(target["item"], target["period"], target["subject"])
        current = txn.table("state").get(Query().key == key)
        before = _state_before(events.all(), target, goal)
        if snapshot(current) != apply_event(before, target, goal):
            raise StoreUsageError(f"{target['checklist']} / {target['item']}（{target['subject']}）在你之后已被修改，不能撤销；请直接改正")
        event = {
            "id": new_id(), "time": utc_now(), "account": account, "action": "undo",
            "checklist": target["checklist"], "item": target["item"], "period": target["period"],
            "subject": target["subject"], "undoes": target["id"], "restore": before,
        }
        return _append(txn, event, before)


def _state_before(events: list[dict[str, Any]], target: dict[str, Any], goal: int) -> dict[str, Any]:
    """Replay the target's entry up to (not including) the target event."""
    state: dict[str, Any] | None = None
    for event in sorted(events, key=lambda e: e["seq"]):
        if event["id"] == target["id"]:
            break
        if (event["item"], event["period"], event["subject"]) == (target["item"], target["period"], target["subject"]):
            state = apply_event(state, event, goal)
    return snapshot(state)


def all_events(store: Database) -> list[dict[str, Any]]:
    """Every event in every shard, oldest first."""
    events: list[dict[str, Any]] = []
    for name in store.shard_names():
        events.extend(store.read_shard(name).get("events", {}).values())
    events.sort(key=lambda e: (e["time"], e["id"]))
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
    shards = {shard_name(checklist, period) for checklist, period in wanted}
    result: dict[StateKey, State] = {}
    for name in sorted(shards & set(store.shard_names())):
        for state in store.read_shard(name).get("state", {}).values():
            result[key_of(state)] = state
    return result

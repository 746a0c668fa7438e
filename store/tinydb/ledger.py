"""Ledger rows (调研课题, 检视整改, 挂牌督办): added, edited, moved through stages, signed off.

Every change is an event in the same shard, chain and audit trail as ticks.
A row is the subject "#n" of its (checklist, item, period); numbers are given
out under the lock, so two people adding rows at once get different numbers.
"""

from __future__ import annotations

from typing import Any

from tinydb import Query

from checklists.clock import parse_date
from checklists.errors import DateError
from checklists.ledger_rules import check_stage, check_transition, missing_required
from checklists.model import Checklist, Item
from checklists.periods import Period
from checklists.progress import apply_event

from ..account import os_account
from .changes import _append, new_id, shard_name, state_key
from .db import Database, Txn, utc_now
from ..errors import StoreUsageError, rule_refusals
from checklists.roster import Roster

from .roster import roster_from_head
from ..text import require_text



def check_fields(item: Item, values: dict[str, str], roster: Roster, *, partial: bool = False) -> dict[str, str]:
    """Values typed by a user, checked against the column types; one clear line per mistake."""
    known = {c.id: c for c in item.columns} | {c.title: c for c in item.columns}
    fields: dict[str, str] = {}
    for name, value in values.items():
        column = known.get(name.strip())
        if column is None:
            raise StoreUsageError(f'"{item.title}" 没有列 "{name}"；可用的列：{"、".join(c.title for c in item.columns)}')
        value = value.strip()
        require_text(column.title, value, multiline=column.type == "text")
        if value and column.type == "person" and roster.person(value) is None:
            raise StoreUsageError(f'{column.title}：名册中没有 "{value}"；用 duty-tui people list 查看')
        if value and column.type == "dept" and value not in {p.dept for p in roster.active() if p.dept}:
            depts = sorted({p.dept for p in roster.active() if p.dept})
            raise StoreUsageError(f'{column.title}：没有科室 "{value}"；名册中的科室：{"、".join(depts) or "（无）"}')
        if value and column.type == "date":
            try:
                value = parse_date(value, column.title).isoformat()
            except DateError as exc:
                raise StoreUsageError(str(exc)) from None
        fields[column.id] = value
    if not partial:
        missing = missing_required(item, fields)
        if missing:
            raise StoreUsageError(f'缺少必填列：{"、".join(missing)}')
    return fields


def _ledger(item: Item) -> None:
    if item.kind != "ledger":
        raise StoreUsageError(f'"{item.title}" 不是台账事项')


def _row_event(txn: Txn, checklist: Checklist, item: Item, period: Period, row: str, action: str,
               account: str, **extra: Any) -> dict[str, Any]:
    key = state_key(item.id, period.key, row)
    current = txn.table("state").get(Query().key == key)
    event = {"id": new_id(), "time": utc_now(), "account": account, "action": action, "checklist": checklist.id,
             "item": item.id, "period": period.key, "subject": row, **{k: v for k, v in extra.items() if v != ""}}
    return _append(txn, event, apply_event(current, event))


def add_rows(store: Database, checklist: Checklist, item: Item, period: Period, rows: list[dict[str, str]],
             account: str | None = None, *, line_numbers: list[int] | None = None,
             source: str = "") -> list[dict[str, Any]]:
    """Add rows in one write: all of them, or none if any is invalid.

    With ``line_numbers`` (an import), every bad row is reported as
    "FILE：第 N 行：…" before anything is written.
    """
    _ledger(item)
    with store.change_txn(shard_name(checklist.id, period.key)) as (head, txn):
        roster = roster_from_head(head.db.storage.read() or {})
        checked, problems = [], []
        for index, values in enumerate(rows):
            try:
                checked.append(check_fields(item, values, roster))
            except StoreUsageError as exc:
                if line_numbers is None:
                    raise
                problems.append(f"{source}：第 {line_numbers[index]} 行：{exc}")
        if problems:
            raise StoreUsageError("\n".join(problems + [f"{source}：有 {len(problems)} 行错误，未导入任何行"]))
        taken = [s["subject"] for s in txn.table("state").search(
            (Query().item == item.id) & (Query().period == period.key))]
        next_number = max((int(s[1:]) for s in taken if s.startswith("#")), default=0) + 1
        return [_row_event(txn, checklist, item, period, f"#{next_number + n}", "row-add", account or os_account(),
                           fields=fields, stage=0) for n, fields in enumerate(checked)]


def _existing(txn: Txn, item: Item, period: Period, row: str) -> dict[str, Any]:
    row = row if row.startswith("#") else f"#{row}"
    found = txn.table("state").get(Query().key == state_key(item.id, period.key, row))
    if found is None:
        raise StoreUsageError(f'"{item.title}"（{period.label()}）没有第 {row[1:]} 行；用 duty-tui ledger list 查看')
    return found


def change_row(store: Database, checklist: Checklist, item: Item, period: Period, row: str, action: str, *,
               fields: dict[str, str] | None = None, reason: str = "", reviewer: str = "", evidence: str = "",
               account: str | None = None) -> dict[str, Any]:
    """Edit, advance, move back, close (销号) or reopen one row, by the rules in checklists.ledger_rules.

    The rules see the row as it stands under the lock, so two people acting
    on the same row at once cannot both get past them.
    """
    _ledger(item)
    require_text("理由", reason, multiline=True)
    require_text("复核人", reviewer)
    require_text("佐证", evidence, multiline=True)
    account = account or os_account()
    with store.change_txn(shard_name(checklist.id, period.key)) as (head, txn):
        roster = roster_from_head(head.db.storage.read() or {})
        current = _existing(txn, item, period, row)
        with rule_refusals():
            check_stage(item, current, action)  # a closed row is refused before its cells are looked at
            checked = check_fields(item, fields or {}, roster, partial=True) if action == "row-edit" else None
            extra = check_transition(item, current, action, fields=checked, reason=reason, reviewer=reviewer,
                                     evidence=evidence)
        if action == "row-close" and roster.person(extra["reviewer"]) is None:
            raise StoreUsageError(f'复核人：名册中没有 "{extra["reviewer"]}"')
        return _row_event(txn, checklist, item, period, current["subject"], action, account, **extra)


def ledger_rows(store: Database, checklist: Checklist, item: Item, period: Period) -> list[dict[str, Any]]:
    shard = store.read_shard(shard_name(checklist.id, period.key))
    rows = [s for s in shard.get("state", {}).values()
            if s["item"] == item.id and s["period"] == period.key and s.get("fields")]  # an undone add is empty
    return sorted(rows, key=lambda s: int(s["subject"][1:]))

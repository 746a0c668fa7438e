"""Ledger rows (调研课题, 检视整改, 挂牌督办): added, edited, moved through stages, signed off.

Every change is an event in the same shard, chain and audit trail as ticks.
A row is the subject "#n" of its (checklist, item, period); numbers are given
out under the lock, so two people adding rows at once get different numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tinydb import Query

from checklists.bounds import check_period_range
from checklists.clock import today
from checklists.errors import Refusal
from checklists.ledger_rules import check_fields, check_ledger, check_stage, check_transition, check_unchanged
from checklists.model import Checklist, Item
from checklists.periods import Period
from checklists.progress import apply_event
from checklists.text import check_text

from ..account import os_account
from .changes import _append, new_id, shard_name, state_key
from .db import Database, Txn, utc_now
from .roster import roster_from_head


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
    check_ledger(item)
    check_period_range(period, today())
    with store.change_txn(shard_name(checklist.id, period.key)) as (head, txn):
        roster = roster_from_head(head.db.storage.read() or {})
        checked: list[dict[str, str]] = []
        problems: list[Refusal] = []
        for index, values in enumerate(rows):
            try:
                checked.append(check_fields(item, values, roster, period=period))
            except Refusal as exc:
                if line_numbers is None:
                    raise
                problems.append(Refusal(exc.code, **exc.fields, line=line_numbers[index]))
        if problems:
            raise Refusal("import-rejected", source=source, problems=tuple(problems), noun="rows")
        taken = [s["subject"] for s in txn.table("state").search(
            (Query().item == item.id) & (Query().period == period.key))]
        next_number = max((int(s[1:]) for s in taken if s.startswith("#")), default=0) + 1
        return [_row_event(txn, checklist, item, period, f"#{next_number + n}", "row-add", account or os_account(),
                           fields=fields, stage=0) for n, fields in enumerate(checked)]


def _existing(txn: Txn, item: Item, period: Period, row: str) -> dict[str, Any]:
    row = row if row.startswith("#") else f"#{row}"
    found = txn.table("state").get(Query().key == state_key(item.id, period.key, row))
    if found is None:
        raise Refusal("row-unknown", item=item.title, period=period.key, row=row[1:])
    return found


def change_row(store: Database, checklist: Checklist, item: Item, period: Period, row: str, action: str, *,
               fields: dict[str, str] | None = None, reason: str = "", reviewer: str = "", evidence: str = "",
               account: str | None = None, loaded: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Edit, advance, move back, close (销号) or reopen one row, by the rules in checklists.ledger_rules.

    The rules see the row as it stands under the lock, so two people acting
    on the same row at once cannot both get past them; with ``loaded`` (the
    cells as the editor saw them), nor can two edits of one cell.
    """
    check_ledger(item)
    check_text("reason", reason, multiline=True)
    check_text("reviewer", reviewer)
    check_text("evidence", evidence, multiline=True)
    account = account or os_account()
    with store.change_txn(shard_name(checklist.id, period.key)) as (head, txn):
        roster = roster_from_head(head.db.storage.read() or {})
        current = _existing(txn, item, period, row)
        check_stage(item, current, action)  # a closed row is refused before its cells are looked at
        checked = check_fields(item, fields or {}, roster, partial=True, period=period) if action == "row-edit" else None
        if checked is not None and loaded is not None:
            subject = current["subject"]
            check_unchanged(item, current, loaded, checked, lambda: txn.table("events").search(
                (Query().item == item.id) & (Query().period == period.key) & (Query().subject == subject)), roster)
        extra = check_transition(item, current, action, fields=checked, reason=reason, reviewer=reviewer,
                                 evidence=evidence, roster=roster)
        return _row_event(txn, checklist, item, period, current["subject"], action, account, **extra)


def ledger_rows(store: Database, checklist: Checklist, item: Item, period: Period) -> list[dict[str, Any]]:
    shard = store.read_shard(shard_name(checklist.id, period.key))
    rows = [s for s in shard.get("state", {}).values()
            if s["item"] == item.id and s["period"] == period.key and s.get("fields")]  # an undone add is empty
    return sorted(rows, key=lambda s: int(s["subject"][1:]))

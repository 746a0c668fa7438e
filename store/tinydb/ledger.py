"""Ledger rows (调研课题, 检视整改, 挂牌督办) as stored: the entries "#n" of their (checklist, item, period).

Rows are added and changed by appending events (changes.append), in the same
shard, chain and audit trail as ticks; tui.usecases decides each change by
the ledger rules and gives out row numbers, and the version check of the
append keeps two people adding rows at once from getting the same number.
"""

from __future__ import annotations

from typing import Any

from checklists.model import Checklist, Item
from checklists.periods import Period

from .changes import shard_name
from .db import Database


def ledger_rows(store: Database, checklist: Checklist, item: Item, period: Period) -> list[dict[str, Any]]:
    shard = store.read_shard_seen(shard_name(checklist.id, period.key))
    rows = [s for s in shard.get("state", {}).values()
            if s["item"] == item.id and s["period"] == period.key and s.get("fields")]  # an undone add is empty
    return sorted(rows, key=lambda s: int(s["subject"][1:]))

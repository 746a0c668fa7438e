"""A ledger's rows as a Rich table."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from checklists.model import Item
from checklists.periods import Period


def ledger_table(item: Item, period: Period, rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{item.title}（{period.label()}）", title_justify="left", show_edge=False,
                  pad_edge=False, caption=f"共 {len(rows)} 行", caption_justify="left")
    table.add_column("#", no_wrap=True)
    for column in item.columns:
        table.add_column(column.title, overflow="fold")
    table.add_column("阶段", no_wrap=True)
    for row in rows:
        fields = row["fields"]
        table.add_row(row["subject"][1:], *(Text(fields.get(c.id, "")) for c in item.columns),
                      item.stages[row.get("stage", 0)])
    return table

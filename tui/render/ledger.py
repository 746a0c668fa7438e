"""A ledger's rows as a Rich table."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from checklists.model import Item
from checklists.periods import Period

from .literal import literal


def ledger_table(item: Item, period: Period, rows: list[dict[str, Any]]) -> Table:
    table = Table(title=literal(f"{item.title}（{period.label()}）", "table.title"), title_justify="left", show_edge=False,
                  pad_edge=False, caption=f"共 {len(rows)} 行", caption_justify="left")
    table.add_column("#", no_wrap=True)
    for column in item.columns:
        table.add_column(literal(column.title), overflow="fold")
    table.add_column("阶段", no_wrap=True)
    for row in rows:
        fields = row["fields"]
        table.add_row(literal(row["subject"][1:]),
                      *(literal(fields.get(c.id, ""), multiline=c.type == "text") for c in item.columns),
                      literal(item.stages[row.get("stage", 0)]))
    return table

"""The audit log as a table: who changed what, and when (local time)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from checklists.model import subject_label

from .words import action_label
from .literal import literal


def local_time(iso: str) -> str:
    from checklists.clock import local_text

    return local_text(iso)


def detail(event: dict[str, Any]) -> str:
    """What was written with the change, as stored (callers show it through ``literal``)."""
    parts = [str(event[k]) for k in ("reason", "note", "evidence", "date") if event.get(k)]
    if event["action"] == "undo":
        parts.insert(0, f"撤销 {event['undoes']}")
    if event.get("reviewer"):  # a sign-off: who reviewed it stays in the history after a reopen
        parts.insert(0, f"复核人 {event['reviewer']}")
    return "；".join(parts)


def log_table(events: list[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False, caption=f"共 {len(events)} 条", caption_justify="left")
    table.add_column("时间", no_wrap=True)
    table.add_column("账户", no_wrap=True)
    table.add_column("操作", no_wrap=True)
    table.add_column("清单/事项", overflow="fold", ratio=2)
    table.add_column("对象 周期", overflow="fold", ratio=1)
    table.add_column("说明", overflow="fold", ratio=1)
    for e in events:
        subject = subject_label(e["subject"])
        table.add_row(local_time(e["time"]), literal(e["account"]), literal(action_label(e["action"])),
                      literal(f"{e['checklist']}/{e['item']}"), literal(f"{subject} {e['period']}"),
                      literal(detail(e), multiline=True))
    return table

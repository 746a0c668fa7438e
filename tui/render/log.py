"""The audit log as a table: who changed what, and when (local time, with the year)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table

from checklists.loader import Library
from checklists.model import subject_label

from .literal import literal
from .words import action_label


def local_time(iso: str) -> str:
    from checklists.clock import local_text

    return local_text(iso)


def titles(library: Library | None, event: Mapping[str, Any]) -> str:
    """"清单 / 事项" as people read them; ids only for a checklist no longer in the library."""
    checklist = library.get(event["checklist"]) if library else None
    item = checklist.item(event["item"]) if checklist else None
    if checklist is None or item is None:
        return f"{event['checklist']}/{event['item']}"
    return f"{checklist.title} / {item.title}"


def item_kind(library: Library | None, event: Mapping[str, Any]) -> str:
    """The kind of the item an event is about ("" for one no longer in the library)."""
    checklist = library.get(event["checklist"]) if library else None
    item = checklist.item(event["item"]) if checklist else None
    return item.kind if item else ""


def detail(event: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """What was written with the change, as stored (callers show it through ``literal``).

    An undo names what it undid (the action and what was written with it),
    not the undone event's id, when that event is at hand in ``by_id``.
    """
    parts = [str(event[k]) for k in ("reason", "note", "evidence", "date") if event.get(k)]
    if event["action"] == "undo":
        undone = (by_id or {}).get(event.get("undoes", ""))
        what = action_label(undone["action"]) if undone else "一次修改"
        said = detail(undone) if undone else ""
        parts.insert(0, f"撤销“{what}{'：' + said if said else ''}”")
    if event.get("reviewer"):  # a sign-off: who reviewed it stays in the history after a reopen
        parts.insert(0, f"复核人 {event['reviewer']}")
    return "；".join(parts)


def log_table(events: Sequence[Mapping[str, Any]], library: Library | None = None) -> Table:
    table = Table(show_edge=False, pad_edge=False, caption=f"共 {len(events)} 条", caption_justify="left")
    table.add_column("时间", no_wrap=True)
    table.add_column("账户", no_wrap=True)
    table.add_column("操作", no_wrap=True)
    table.add_column("清单/事项", overflow="fold", ratio=2)
    table.add_column("对象 周期", overflow="fold", ratio=1)
    table.add_column("说明", overflow="fold", ratio=1)
    by_id = {e["id"]: e for e in events if "id" in e}
    for e in events:
        subject = subject_label(e["subject"])
        table.add_row(local_time(e["time"]), literal(e["account"]), literal(action_label(e["action"], item_kind(library, e))),
                      literal(titles(library, e)), literal(f"{subject} {e['period']}"),
                      literal(detail(e, by_id), multiline=True))
    return table

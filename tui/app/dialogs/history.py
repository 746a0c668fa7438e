"""One entry's history: who did what, and when (local time); an undo names the change it took back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from checklists.clock import local_text
from checklists.text import visible

from ...render.log import detail
from ...render.words import action_label
from ..widgets.keybar import KeyBar
from ..widgets.tables import Table, literal
from .base import Dialog


def what_happened(event: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """(action, details) as a person reads them; an undo says which change (and when) it took back."""
    if event["action"] != "undo":
        return action_label(event["action"]), detail(event)
    undone = by_id.get(event.get("undoes", ""))
    if undone is None:
        return "撤销", "撤销了一次修改"
    words = detail(undone)
    return f"撤销“{action_label(undone['action'])}”", (f"{local_text(undone['time'])} 的修改"
                                                      + (f"：{words}" if words else ""))


class HistoryDialog(Dialog[None]):
    BINDINGS = [Binding("escape,q,h,enter", "cancel", "关闭", key_display="Esc", priority=True)]

    def __init__(self, title: str, events: list[dict[str, Any]], who: Callable[[str], str] = str):
        super().__init__()
        self.title_text = title
        self.events = events
        self.who = who

    def compose(self) -> ComposeResult:
        by_id = {e["id"]: e for e in self.events}
        with Vertical(id="history-box"):
            yield Label(Text(visible(self.title_text, multiline=False)), id="history-title")
            table: Table = Table(id="history-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("时间", "谁", "操作", "说明")
            for e in self.events:
                action, words = what_happened(e, by_id)
                table.add_row(*map(literal, [local_text(e["time"]), self.who(e["account"]), action, words]))
            if not self.events:
                table.add_row("-", "-", "尚无记录", "")
            yield table
        yield KeyBar()

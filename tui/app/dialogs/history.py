"""One entry's history: who did what, and when."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from checklists.text import visible

from ...render.words import action_label
from ...render.log import detail, local_time
from ..widgets.tables import literal


class HistoryDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,h", "close", "关闭")]

    def __init__(self, title: str, events: list[dict[str, Any]]):
        super().__init__()
        self.title_text = title
        self.events = events

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Label(Text(visible(self.title_text, multiline=False)), id="history-title")
            table: DataTable = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("时间", "账户", "操作", "说明")
            by_id = {e["id"]: e for e in self.events}  # an undo names what it undid
            for e in self.events:
                table.add_row(*map(literal, [local_time(e["time"]), e["account"],
                                             action_label(e["action"]), detail(e, by_id)]))
            if not self.events:
                table.add_row("-", "-", "尚无记录", "")
            yield table
            yield Label("Esc 关闭", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)

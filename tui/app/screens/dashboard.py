"""The first screen: my open items, then every checklist's progress this period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from checklists.text import visible

from ...render.bar import bar
from ..widgets.keybar import KeyBar
from ..widgets.tables import clipped, sync_rows
from .base import DataScreen

if TYPE_CHECKING:
    from ...board import Snapshot


# 我的待办's 事项 column at most this wide, so 清单, 时限 and 逾期 stay on an 80-column screen.
TITLE_WIDTH = 38


class DashboardScreen(DataScreen):
    search_title = "搜索清单或事项（留空显示全部）"
    BINDINGS = [
        Binding("enter", "open", "打开", show=True),
        Binding("slash", "search", "搜索"),
        Binding("r", "reload", "刷新"),
        Binding("e", "export", "导出", show=False),  # a yearly job: in the command palette, not on the key bar
    ]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        yield Static("正在读取……", id="dash-header")
        first = self.app.first  # type: ignore[attr-defined]
        if first is None or first.me:  # no hidden table for an unlinked account: it costs start-up time
            yield Label("我的待办", id="mine-label", classes="section")
            yield DataTable(id="mine", cursor_type="row")
        yield Label("清单进度（本期）", classes="section")
        yield DataTable(id="checklists", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        for mine in self.query("#mine").results(DataTable):
            mine.add_columns("事项", "清单", "时限", "逾期")
        self.query_one("#checklists", DataTable).add_columns("清单", "进度", "完成", "逾期", "下一时限")
        self.query_one("#checklists", DataTable).focus()
        first = self.app.first  # type: ignore[attr-defined]
        if first is not None:
            self.app.first = None  # type: ignore[attr-defined]
            self._show(first)
        else:
            self.reload()

    def show(self, snapshot: "Snapshot") -> None:
        self.snapshot = snapshot
        me = snapshot.me
        who = f"{self.board.account}（{me}）" if me else f"{self.board.account}（未关联）"
        mode = "  [只读]" if self.board.read_only else ""
        search = f"  搜索：{self.search}" if self.search else ""
        title = snapshot.org.name or self.board.org_name or "全面从严治党主体责任"
        # The file name only, to stay within 80 columns; the help dialog (?) shows the full path.
        line = f"{title}  {snapshot.day.isoformat()}  账户：{who}  数据库：{self.board.store.location.name}{mode}{search}"
        self.query_one("#dash-header", Static).update(Text(visible(line, multiline=False)))
        for mine in self.query("#mine").results(DataTable):
            self._fill_mine(mine, snapshot)
        self._fill_checklists(snapshot)

    def _fill_mine(self, mine: DataTable, snapshot: "Snapshot") -> None:
        # Overdue first, as the query orders them; a ledger row I own is as much mine as my own item.
        sync_rows(mine, [
            (f"{r.checklist.id}|{r.item.id}|{r.period.key}|{r.subject}",
             [clipped(r.title, TITLE_WIDTH), r.checklist.title, r.due.isoformat() if r.due else "-",
              Text(f"{r.days_overdue}天", style="bold red") if r.days_overdue else ""])
            for r in snapshot.mine if self._matches(r.checklist.title, r.title)])
        mine.display = bool(snapshot.me)
        self.query_one("#mine-label", Label).display = bool(snapshot.me)

    def _matches(self, *texts: str) -> bool:
        return not self.search or any(self.search.lower() in t.lower() for t in texts)

    def _fill_checklists(self, snapshot: "Snapshot") -> None:
        table = self.query_one("#checklists", DataTable)
        keep = table.cursor_row
        lines = []
        for p in snapshot.progress:
            checklist = p.checklist
            if not self._matches(checklist.title, *(i.title for i in checklist.items)):
                continue
            lines.append((checklist.id, [
                checklist.title, bar(p.done, p.total, 8), f"{p.done}/{p.total}",
                Text(str(p.overdue), style="bold red") if p.overdue else "-",
                p.next_due.isoformat() if p.next_due else "-"]))
        sync_rows(table, lines)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, DataTable) and focused.row_count:
            key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value or ""
            self._open(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value or "")

    def _open(self, key: str) -> None:
        from .checklist import ChecklistScreen

        checklist_id, _, rest = key.partition("|")
        item_id = rest.partition("|")[0]
        me = self.snapshot.me if self.snapshot and item_id else None
        self.app.push_screen(ChecklistScreen(checklist_id, focus_item=item_id or None, focus_subject=me))

    def action_reload(self) -> None:
        self.reload()

    def action_export(self) -> None:
        from checklists.clock import today

        from ..dialogs.export import ExportDialog

        key = self.period_key or ""
        year = int(key[:4]) if key[:4].isdigit() else (self.snapshot.day if self.snapshot else today()).year
        self.app.push_screen(ExportDialog(year))

"""One checklist for one period: a list of items, or a people/branches x items matrix.

Org-scoped checklists show one row per item. Person- and branch-scoped ones
show a matrix — subjects down, items across — so the gaps stand out, and a
key pressed on a cell acts for that person or branch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from checklists.clock import parse_date
from checklists.errors import DateError
from checklists.outstanding import Row
from checklists.periods import parse_period, period_for

from checklists.model import subject_label as subject_words
from checklists.text import visible

from ...errors import text_error

from ..glyphs import LEGEND, cell, due_words, state_words
from ..widgets.detail import Detail
from ..widgets.keybar import KeyBar
from ..widgets.tables import sync_rows
from .base import DataScreen

if TYPE_CHECKING:
    from ...board import Snapshot


LEDGER = "ledger"


def _check_date(text: str) -> str | None:
    try:
        parse_date(text)
    except DateError:
        return "日期格式应为 YYYY-MM-DD，如 2024-03-05"
    return None


def _check_period(text: str) -> str | None:
    try:
        parse_period(text)
    except DateError:
        return "周期格式如 2024、2024-H1、2024-Q3、2024-07"
    return None


def show_history(screen: DataScreen, row: Row) -> None:
    """Load one entry's events in a thread, then show them in a dialog."""
    from ..dialogs.history import HistoryDialog

    def load() -> None:
        try:
            events = screen.board.history(row)
        except Exception as exc:
            screen.app.call_from_thread(screen.report, exc)
            return
        title = visible(f"{row.title} · {subject_words(row.subject)} · {row.period.label()}", multiline=False)
        screen.app.call_from_thread(screen.app.push_screen, HistoryDialog(title, events))

    screen.run_worker(load, thread=True, exit_on_error=False, group="history")


def detail_text(checklist, row: Row | None, *, matrix: bool) -> Text:
    """The panel under the table for the highlighted entry; stored text is shown as typed.

    The note may span lines; the panel keeps them (it has room for three).
    """
    if row is None:
        return Text("请把光标移到事项上" if matrix else "没有符合条件的事项", style="dim")
    number = checklist.items.index(row.item) + 1
    text = Text(visible(f"{number}. {row.item.title}", multiline=False), style="bold")
    text.append(visible(f"  [{subject_words(row.subject)}] {state_words(row)}  时限 {due_words(row)}",
                        multiline=False) + "\n")
    if row.account:
        text.append(visible(f"最后修改：{row.account} {row.updated[:16].replace('T', ' ')} UTC  ", multiline=False))
    if row.note:
        text.append(visible(f"备注：{row.note}"))
    if row.item.evidence:
        text.append("\n" + visible(f"佐证要求：{row.item.evidence}"), style="dim")
    return text


class ChecklistScreen(DataScreen):
    search_title = "搜索事项、人员或备注（留空显示全部）"
    BINDINGS = [
        Binding("space,x", "toggle", "勾选"),
        Binding("plus", "count", "计次+日期", show=False),
        Binding("a", "na", "不适用"),
        Binding("n", "note", "备注"),
        Binding("e", "evidence", "佐证"),
        Binding("h", "history", "记录"),
        Binding("u", "undo", "撤销"),
        Binding("left_square_bracket", "period(-1)", "上期"),
        Binding("right_square_bracket", "period(1)", "下期"),
        Binding("p", "jump", "周期", show=False),
        Binding("o", "open_only", "未完成", show=False),
        Binding("slash", "search", "搜索", show=False),
        Binding("escape,b", "back", "返回"),
    ]

    def __init__(self, checklist_id: str, *, period_key: str | None = None, focus_item: str | None = None,
                 focus_subject: str | None = None):
        super().__init__()
        self.checklist_id = checklist_id
        self.period_key = period_key
        self.focus_item = focus_item
        self.focus_subject = focus_subject
        self.open_only = False
        self.rows: dict[tuple[str, str], Row] = {}

    @property
    def checklist(self):
        return self.board.checklist(self.checklist_id)

    @property
    def matrix(self) -> bool:
        return self.checklist.scope != "org"

    def compose(self) -> ComposeResult:
        yield Static(id="cl-header")
        yield DataTable(id="grid", cursor_type="cell" if self.matrix else "row", zebra_stripes=True)
        yield Detail(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#grid", DataTable).focus()
        self.reload()

    # -- drawing ---------------------------------------------------------------

    def show(self, snapshot: "Snapshot") -> None:
        self.snapshot = snapshot
        rows = snapshot.for_checklist(self.checklist_id)
        self.rows = {(r.item.id, r.subject): r for r in rows}
        c = self.checklist
        key = self.period_key
        period = (parse_period(key) if key else period_for(c.every, snapshot.day)).label()
        flags = "  [只看未完成]" if self.open_only else ""
        flags += f"  [搜索：{self.search}]" if self.search else ""
        flags += "  [只读]" if self.board.read_only else ""
        header = Text(visible(f"{c.title}  ", multiline=False), style="bold")
        header.append(visible(f"{period}  {c.scope_label()}{flags}", multiline=False) + "\n")
        header.append(LEGEND + "  空格勾选  ? 全部按键", style="dim")
        self.query_one("#cl-header", Static).update(header)
        table = self.query_one("#grid", DataTable)
        where = self._cursor_keys()
        if not table.columns:  # a checklist's columns never change
            self._add_columns(table)
        lines = self._matrix_lines(rows) if self.matrix else self._list_lines(rows)
        in_place = [key for key, _ in lines] == [k.value for k in table.rows]
        sync_rows(table, lines)
        if not in_place:
            self._restore_cursor(table, where)
        self._update_detail()

    def _visible(self, row: Row) -> bool:
        if self.open_only and not row.open:
            return False
        text = f"{row.item.title} {row.subject} {row.note}".lower()
        return not self.search or self.search.lower() in text

    def _add_columns(self, table: DataTable) -> None:
        if self.matrix:
            table.add_column("对象", key="subject")
            for number, item in enumerate(self.checklist.items, 1):
                table.add_column(str(number), key=item.id)
        else:
            table.add_column("状态", key="state")
            table.add_column("事项", key="item")
            table.add_column("时限", key="due")
            table.add_column("最后修改", key="last")

    def _list_lines(self, rows: list[Row]) -> list[tuple[str, list]]:
        lines = []
        for item in self.checklist.items:
            mine = [r for r in rows if r.item.id == item.id]
            if item.kind == "ledger":
                if self.search and self.search.lower() not in item.title.lower():
                    continue
                late = sum(1 for r in mine if r.days_overdue)
                summary = Text(f"{sum(1 for r in mine if not r.open)}/{len(mine)}",
                               style="bold red" if late else "")
                note = f"台账：{len(mine)} 行，逾期 {late}；回车或空格打开"
                lines.append((f"{item.id}|{LEDGER}", [summary, item.title, note, ""]))
                continue
            lines += [(f"{r.item.id}|{r.subject}",
                       [cell(r), r.item.title, due_words(r), f"{r.account} {r.updated[5:10]}" if r.account else ""])
                      for r in mine if self._visible(r)]
        return lines

    def ledger_at_cursor(self):
        """The ledger item under the cursor, if the highlighted line is a ledger."""
        table = self.query_one("#grid", DataTable)
        if self.matrix or not table.row_count:
            return None
        item_id, _, rest = (table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "").partition("|")
        return self.checklist.item(item_id) if rest == LEDGER else None

    def open_ledger(self, item) -> None:
        from checklists.outstanding import item_period

        from .ledger import LedgerScreen

        day = self.snapshot.day if self.snapshot else None
        period = parse_period(self.period_key) if self.period_key and self.period_key != "once" else None
        if day is not None:
            period = item_period(item, day, self.period_key)
        if period is not None:
            screen = LedgerScreen(self.checklist, item, period)
            screen.preload()
            self.app.push_screen(screen)

    def _matrix_lines(self, rows: list[Row]) -> list[tuple[str, list]]:
        lines = []
        for subject in dict.fromkeys(r.subject for r in rows):
            cells = [self.rows[(item.id, subject)] for item in self.checklist.items if (item.id, subject) in self.rows]
            if any(self._visible(r) for r in cells):
                lines.append((subject, [subject_words(subject), *(cell(r) for r in cells)]))
        return lines

    def _cursor_keys(self) -> tuple[str | None, str | None]:
        if self.focus_item or self.focus_subject:
            keys = (self.focus_subject, self.focus_item)
            self.focus_item = self.focus_subject = None
            return keys
        row = self.current()
        return (row.subject, row.item.id) if row else (None, None)

    def _restore_cursor(self, table: DataTable, where: tuple[str | None, str | None]) -> None:
        subject, item = where
        for index, row_key in enumerate(table.rows):
            value = row_key.value or ""
            if self.matrix and value == subject or not self.matrix and value.split("|")[0] == item and item:
                column = 0
                if self.matrix and item:
                    column = next((n for n, ck in enumerate(table.columns) if ck.value == item), 1)
                table.move_cursor(row=index, column=column or (1 if self.matrix else 0))
                return
        if self.matrix and table.row_count:
            table.move_cursor(row=0, column=1)

    def current(self) -> Row | None:
        table = self.query_one("#grid", DataTable)
        if not table.row_count:
            return None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        value = keys.row_key.value or ""
        if self.matrix:
            return self.rows.get((keys.column_key.value or "", value))
        item, _, subject = value.partition("|")
        return self.rows.get((item, subject))

    def _update_detail(self) -> None:
        self.query_one("#detail", Detail).text = detail_text(self.checklist, self.current(), matrix=self.matrix)

    def on_data_table_cell_highlighted(self, _event: DataTable.CellHighlighted) -> None:
        self._update_detail()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._update_detail()

    # -- actions ---------------------------------------------------------------

    def _target(self) -> Row | None:
        row = self.current()
        if row is None:
            self.notify("请先把光标移到一个事项上", severity="warning")
        return row

    def _ask(self, title: str, then, *, value: str = "", check=None) -> None:
        from ..dialogs.prompt import PromptDialog

        self.app.push_screen(PromptDialog(title, value=value, check=check),
                             lambda text: then(text) if text is not None else None)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        item = self.ledger_at_cursor()
        if item:
            self.open_ledger(item)

    def action_toggle(self) -> None:
        item = self.ledger_at_cursor()
        if item:
            self.open_ledger(item)
            return
        row = self._target()
        if row:
            verb = "已记一次" if row.item.kind == "count" else ("已取消勾选" if row.state == "done" else "已勾选")
            self.write(lambda: self.board.change(row, "toggle"), f"{verb}：{row.item.title}")

    def action_count(self) -> None:
        row = self._target()
        if row is None:
            return
        if row.item.kind != "count":
            self.notify("这不是计次事项；用空格勾选", severity="warning")
            return
        self._ask(f"记一次“{row.item.title}”：日期", lambda d: self.write(
            lambda: self.board.change(row, "count", date=d), f"已记一次：{row.item.title}（{d}）"),
            value=(self.snapshot.day.isoformat() if self.snapshot else ""), check=_check_date)

    def action_na(self) -> None:
        row = self._target()
        if row:
            self._ask(f"“{row.item.title}”本期不适用的理由", lambda reason: self.write(
                lambda: self.board.change(row, "na", reason=reason), f"已标记不适用：{row.item.title}"),
                check=lambda text: text_error("理由", text, multiline=True))

    def action_note(self) -> None:
        row = self._target()
        if row:
            self._ask(f"“{row.item.title}”的备注", lambda note: self.write(
                lambda: self.board.change(row, "note", note=note), "备注已保存"), value=row.note,
                check=lambda text: text_error("备注", text, multiline=True))

    def action_evidence(self) -> None:
        row = self._target()
        if row:
            self._ask(f"“{row.item.title}”的佐证（文件路径或文号）", lambda ref: self.write(
                lambda: self.board.change(row, "evidence", evidence=ref), "佐证已保存"),
                check=lambda text: text_error("佐证", text, multiline=True))

    def action_undo(self) -> None:
        self.write(self.board.undo, "已撤销我最近一次修改")

    def action_history(self) -> None:
        row = self._target()
        if row:
            show_history(self, row)

    def action_period(self, steps: int) -> None:
        from ...board import shift_period_key

        if self.checklist.every == "once":
            self.notify("一次性清单没有其他周期", severity="warning")
            return
        day = self.snapshot.day if self.snapshot else None
        if day is None:
            return
        self.period_key = shift_period_key(self.period_key, self.checklist, steps, day)
        self.reload()

    def action_jump(self) -> None:
        def go(key: str) -> None:
            self.period_key = parse_period(key).key
            self.reload()

        self._ask("跳到周期（如 2024、2024-H1、2024-Q3、2024-07）", go, check=_check_period)

    def action_open_only(self) -> None:
        self.open_only = not self.open_only
        if self.snapshot:
            self.show(self.snapshot)

    def action_back(self) -> None:
        self.app.pop_screen()

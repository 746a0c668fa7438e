"""One checklist: a list of items, or a people/branches x items matrix, for a period or a whole year.

Org-scoped checklists show one row per item. Person- and branch-scoped ones
show a matrix — subjects down, items across — so the gaps stand out, and a
key pressed on a cell acts for that person or branch.

What is still open from earlier periods shows too: in the list under
往期未完成, overdue first; in the matrix as "+2" after a cell's glyph, the
periods named in the detail panel. A year chosen for a monthly item (p, then
2025) shows each month: a row each in the list, "10/12期" in a matrix cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from checklists.errors import DateError
from checklists.model import Checklist, Item
from checklists.model import subject_label as subject_words
from checklists.outstanding import Row, item_period, sort_outstanding, subject_key
from checklists.periods import finer_or_same, parse_period, period_for
from checklists.records import StateKey
from checklists.text import visible

from ...board import key_of_row
from ...errors import explain, period_label
from ..glyphs import LATE_STYLE, LEGEND, READ_ONLY, cell, cell_of, days_words, left_words
from ..recorded import cell_text
from ..widgets.detail import Detail
from ..widgets.keybar import KeyBar
from ..widgets.tables import Table, clipped, flexible_width, set_columns, sync_rows, widest
from .base import DataScreen
from .entry_prompts import ask, ask_count_date, ask_entry
from .history import show_history

if TYPE_CHECKING:
    from datetime import date

    from textual.coordinate import Coordinate

    from checklists.records import Event

    from ...board import ScreenData

LEDGER = "ledger"
SECTION = "section"
SCROLLBAR = 1


def _check_period(text: str) -> str | None:
    if not text:
        return None
    from checklists.bounds import check_period_range
    from checklists.clock import today

    try:
        period = parse_period(text)
    except DateError:
        return "周期写作 2024、2024-H1、2024-Q3 或 2024-07；留空回到本期"
    try:
        check_period_range(period, today())
    except DateError as exc:
        return explain(exc, "tui")
    return None


class ChecklistScreen(DataScreen):
    search_title = "搜索事项、人员或备注（留空显示全部）"
    HEADER = ("#cl-header",)
    EDIT_ACTIONS = frozenset({"tick", "count", "na", "note", "evidence", "undo", "walk"})
    # The order is the key bar's: Enter and Esc and the main actions first, the rest as room allows (? lists all).
    BINDINGS = [
        Binding("enter", "open", "打开", key_display="Enter"),
        Binding("space,x", "tick", "勾选", key_display="空格"),
        Binding("w", "walk", "逐项办理"),
        Binding("a", "na", "不适用"),
        Binding("n", "note", "备注"),
        Binding("e", "evidence", "佐证"),
        Binding("escape,b", "back", "返回", key_display="Esc"),
        Binding("u", "undo", "撤销"),
        Binding("plus", "count", "记一次", key_display="+"),
        Binding("left_square_bracket", "period(-1)", "上期", key_display="["),
        Binding("right_square_bracket", "period(1)", "下期", key_display="]"),
        Binding("p", "jump", "周期"),
        Binding("h", "history", "记录"),
        Binding("o", "open_only", "未完成"),
        Binding("slash", "search", "搜索", key_display="/"),
        DataScreen.DETAIL,
    ]

    def __init__(self, checklist_id: str, *, period_key: str | None = None, focus_item: str | None = None,
                 focus_subject: str | None = None):
        super().__init__()
        self.checklist_id = checklist_id
        self.period_key = period_key
        self.focus_item = focus_item
        self.focus_subject = focus_subject
        self.open_only = False
        # (item id, subject) -> the entries shown for it, this period's first, then earlier open ones.
        self.cells: dict[tuple[str, str], list[Row]] = {}
        self.lines: dict[str, list[Row]] = {}  # list view: row key -> the entries it stands for

    @property
    def checklist(self) -> Checklist:
        return self.board.checklist(self.checklist_id)

    @property
    def matrix(self) -> bool:
        return self.checklist.scope != "org"

    def compose(self) -> ComposeResult:
        yield Static(id="cl-header")
        yield Table(id="grid", cursor_type="cell" if self.matrix else "row", zebra_stripes=True)
        yield Detail(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#grid", Table)
        table.focus()
        # The panel follows the cursor as it moves, not when the table's Highlighted message arrives: by then
        # the table's part has been painted, and the panel would cost a second frame for every arrow key.
        self.watch(table, "cursor_coordinate", self._cursor_moved, init=False)
        self.reload()

    drawn_width = 0  # the terminal width the columns were sized for

    def on_resize(self) -> None:
        if self.data is not None and self.app.size.width != self.drawn_width:
            self.redraw()

    # -- drawing ---------------------------------------------------------------

    def _period_words(self, data: ScreenData, rows: list[Row]) -> str:
        c = self.checklist
        if self.period_key is None:
            words = period_for(c.every, data.day).label()
            return words + ("（含往期未完成）" if any(r.carried for r in rows) else "")
        wanted = parse_period(self.period_key)
        finer = any(i.every not in ("once", wanted.every) and finer_or_same(i.every, wanted.every) for i in c.items)
        return wanted.label() + ("（各期）" if finer else "")

    def show(self, data: ScreenData) -> None:
        self.data = data
        self.drawn_width = self.app.size.width
        rows = data.for_checklist(self.checklist_id)
        self.cells = {}
        for r in sorted(rows, key=lambda r: (r.carried, r.period.key)):
            self.cells.setdefault((r.item.id, r.subject), []).append(r)
        c = self.checklist
        flags = f"  {READ_ONLY}" if self.board.read_only else ""  # first, so a long line never cuts it off
        flags += "  [只看未完成]" if self.open_only else ""
        flags += f"  [搜索：{self.search}]" if self.search else ""
        header = Text(visible(f"{c.title}  ", multiline=False), style="bold")
        header.append(visible(f"{self._period_words(data, rows)}  {c.scope_label()}{flags}", multiline=False))
        header.append("\n" + LEGEND, style="dim")
        header.no_wrap, header.overflow = True, "ellipsis"
        self.query_one("#cl-header", Static).update(header)
        table = self.query_one("#grid", Table)
        where = self._cursor_keys()
        lines = self._matrix_lines(table, rows) if self.matrix else self._list_lines(table, rows, data)
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

    def _list_lines(self, table: Table, rows: list[Row], data: ScreenData) -> list[tuple[str, list]]:
        shown = [r for r in rows if r.item.kind == "ledger" or self._visible(r)]
        carried = sort_outstanding(r for r in shown if r.carried)
        entries: list[tuple[str, list[Row], str]] = []  # (key, rows, what the 事项 column says)
        if carried:
            entries.append((f"{SECTION}|carried", [], f"—— 往期未完成（{len(carried)} 项，逾期在前）——"))
            entries += self._entries(carried, with_period=True)
            entries.append((f"{SECTION}|current", [], "—— 本期 ——"))
        for item in self.checklist.items:
            mine = [r for r in shown if r.item.id == item.id and not r.carried]
            if item.kind == "ledger" and not mine:  # no rows yet: the line that opens it to add the first
                if not self.search or self.search.lower() in item.title.lower():
                    period = item_period(item, data.day, self.period_key)
                    key = f"{item.id}|{LEDGER}|{period.key}"
                    entries.append((key, [], self._ledger_words(key, [])))
                continue
            entries += self._entries(mine, with_period=self.period_key is not None)
        self.lines = {key: rs for key, rs, _ in entries}
        glyphs = [self._glyph(key, rs) for key, rs, _ in entries]
        days = [self._days(rs, data) for _, rs, _ in entries]
        dues = [rs[0].due.isoformat() if len(rs) == 1 and rs[0].due else "" for _, rs, _ in entries]
        lasts = [self._last(rs, data) for _, rs, _ in entries]
        widths = [widest(glyphs, 4), 10, widest(days, 4), widest(lasts, 8)]
        title_width = flexible_width(self._room(), widths, least=12)
        set_columns(table, [("state", "状态", widths[0]), ("item", "事项", title_width), ("due", "时限", 10),
                            ("days", "天数", widths[2]), ("last", "最后修改", widths[3])])
        return [(key, [glyph, clipped(words, title_width), due, day, last])
                for (key, _, words), glyph, due, day, last in zip(entries, glyphs, dues, days, lasts, strict=True)]

    @staticmethod
    def _days(rows: list[Row], data: ScreenData) -> Text:
        """Overdue or left: an entry's, or for a ledger that must register so many rows, that obligation's."""
        if len(rows) == 1 and rows[0].item.kind != "ledger":
            return days_words(rows[0], data.day)
        register = next((r for r in rows if r.item.kind == "ledger" and not r.subject), None)
        return days_words(register, data.day) if register else Text("")

    def _entries(self, rows: list[Row], *, with_period: bool) -> list[tuple[str, list[Row], str]]:
        """One line per entry; a ledger's rows of one period make one line that opens the ledger."""
        entries: list[tuple[str, list[Row], str]] = []
        ledgers: dict[str, list[Row]] = {}
        for r in rows:
            if r.item.kind == "ledger":
                key = f"{r.item.id}|{LEDGER}|{r.period.key}"
                if key not in ledgers:
                    ledgers[key] = []
                    entries.append((key, ledgers[key], ""))
                ledgers[key].append(r)
                continue
            words = f"{r.period.label()} {r.item.title}" if with_period else r.item.title
            entries.append((f"{r.item.id}|{r.period.key}|{r.subject}", [r], words))
        return [(key, rs, words or self._ledger_words(key, rs)) for key, rs, words in entries]

    def _ledger_words(self, key: str, rows: list[Row]) -> str:
        item_id, _, period_key = key.split("|")
        item = self.checklist.item(item_id)
        assert item is not None
        lines = [r for r in rows if r.subject]
        late = sum(1 for r in lines if r.days_overdue)
        closed = sum(1 for r in lines if not r.open)
        register = next((r.label for r in rows if not r.subject), "")
        when = f"{period_label(period_key)} " if any(r.carried for r in rows) or self.period_key else ""
        extra = f"，{register}" if register else ""
        return f"{when}{item.title}：{len(lines)} 行，已销号 {closed}，逾期 {late}{extra}（按 Enter 打开）"

    @staticmethod
    def _glyph(key: str, rows: list[Row]) -> Text:
        if key.split("|")[1] == LEDGER:
            lines = [r for r in rows if r.subject]
            late = any(r.days_overdue for r in rows)
            return Text(f"{sum(1 for r in lines if not r.open)}/{len(lines)}" + ("!" if late else ""),
                        style=LATE_STYLE if late else "")
        return cell(rows[0]) if rows else Text("")

    @staticmethod
    def _last(rows: list[Row], data: ScreenData) -> Text:
        """Who changed the entry last (the person's name where linked, cut to 8 cells) and on which day, in full."""
        if len(rows) != 1 or not rows[0].account or rows[0].item.kind == "ledger":
            return Text("")
        from checklists.clock import local_text

        name = clipped(data.roster.accounts.get(rows[0].account, rows[0].account), 8)
        return name + Text(" " + local_text(rows[0].updated)[5:10])

    def _room(self) -> int:
        return max(40, self.app.size.width) - SCROLLBAR

    def ledger_at_cursor(self) -> tuple[Item, str] | None:
        """The ledger item and period of the highlighted line, if it is a ledger's line."""
        table = self.query_one("#grid", Table)
        if self.matrix or not table.row_count:
            return None
        item_id, _, rest = (table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "").partition("|")
        kind, _, period = rest.partition("|")
        item = self.checklist.item(item_id)
        return (item, period) if kind == LEDGER and item is not None else None

    def open_ledger(self, item: Item, period_key: str) -> None:
        from .ledger import LedgerScreen

        screen = LedgerScreen(self.checklist, item, parse_period(period_key))
        screen.preload()
        self.app.push_screen(screen)

    def _matrix_lines(self, table: Table, rows: list[Row]) -> list[tuple[str, list]]:
        if not table.columns:  # a matrix's columns never change
            table.add_column("对象", key="subject")
            for number, item in enumerate(self.checklist.items, 1):
                table.add_column(str(number), key=item.id)
        lines = []
        firsts = {r.subject: r for r in rows}  # people or branches, down the side in reading order
        for subject in sorted(firsts, key=lambda s: subject_key(firsts[s])):
            cells = [self.cells.get((item.id, subject), []) for item in self.checklist.items]
            if any(self._visible(r) for rs in cells for r in rs):
                lines.append((subject, [subject_words(subject), *(cell_of(rs) for rs in cells)]))
        return lines

    def _cursor_keys(self) -> tuple[str | None, str | None]:
        if self.focus_item or self.focus_subject:
            keys = (self.focus_subject, self.focus_item)
            self.focus_item = self.focus_subject = None
            return keys
        rows = self.cell_rows()
        return (rows[0].subject, rows[0].item.id) if rows else (None, None)

    def _restore_cursor(self, table: Table, where: tuple[str | None, str | None]) -> None:
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
        elif not self.matrix:  # on the first entry, not on a section's heading line
            first = next((n for n, k in enumerate(table.rows) if not (k.value or "").startswith(SECTION)), None)
            if first is not None:
                table.move_cursor(row=first, column=0)

    def cell_rows(self) -> list[Row]:
        """The entries under the cursor: one, or a year's periods, or this period's and earlier open ones."""
        table = self.query_one("#grid", Table)
        if not table.row_count:
            return []
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        value = keys.row_key.value or ""
        if self.matrix:
            return self.cells.get((keys.column_key.value or "", value), [])
        return self.lines.get(value, [])

    def current(self) -> Row | None:
        """The one entry a key acts on; None on a section line, a ledger line or a cell of several periods."""
        rows = self.cell_rows()
        if self.matrix:
            rows = [r for r in rows if not r.carried]
        return rows[0] if len(rows) == 1 and rows[0].item.kind != "ledger" else None

    def cell_key(self) -> StateKey | None:
        row = self.current()
        return key_of_row(row) if row else None

    _detail_for: tuple[Coordinate, dict] | None = None  # the cursor and the cells the panel was drawn for

    def _update_detail(self) -> None:
        detail = self.query_one("#detail", Detail)
        self._detail_for = (self.query_one("#grid", Table).cursor_coordinate, self.cells)
        ledger = self.ledger_at_cursor()
        if ledger:
            item, period_key = ledger
            text = Text(visible(f"{item.title}（{period_label(period_key)}）", multiline=False), style="bold")
            rows = self.cell_rows()
            lines = [r for r in rows if r.subject]
            late = sum(1 for r in lines if r.days_overdue)
            text.append(f"\n共 {len(lines)} 行，已销号 {sum(1 for r in lines if not r.open)}，逾期 {late}")
            for register in (r for r in rows if not r.subject):
                left = left_words(register, self.data.day) if self.data else ""
                text.append(visible(f"；{register.label}" + (f"（{left}）" if left else ""), multiline=False),
                            style=LATE_STYLE if register.days_overdue else "")
            if item.evidence:
                text.append("\n" + visible(f"佐证要求：{item.evidence}"), style="dim")
            text.append("\n按 Enter 打开台账：逐行新增、修改、推进、退回、销号")
            detail.text = text
            return
        rows = self.cell_rows()
        data = self.data
        if data is None or not rows:
            table = self.query_one("#grid", Table)
            section = table.row_count and not self.matrix
            detail.text = Text("往期：以前各期中仍未完成的事项，逾期在前；本期：当前这一期" if section else
                               "请把光标移到事项上" if self.matrix else "没有符合条件的事项", style="dim")
            return
        number = self.checklist.items.index(rows[0].item) + 1
        detail.text = cell_text(number, rows, [data.state(r) for r in rows], data.roster, data.day)

    def _cursor_moved(self) -> None:
        self._update_detail()

    def _detail_current(self) -> bool:
        """The panel already describes the cell under the cursor, in the data shown (cells are rebuilt by show)."""
        drawn = self._detail_for
        table = self.query_one("#grid", Table)
        return drawn is not None and drawn[0] == table.cursor_coordinate and drawn[1] is self.cells

    def on_data_table_cell_highlighted(self, _event: Table.CellHighlighted) -> None:
        if not self._detail_current():  # a Highlighted message without a move (a refill) still updates it
            self._update_detail()

    def on_data_table_row_highlighted(self, _event: Table.RowHighlighted) -> None:
        if not self._detail_current():
            self._update_detail()

    # -- actions ---------------------------------------------------------------

    def _target(self) -> Row | None:
        row = self.current()
        if row is None:
            rows = self.cell_rows()
            if self.ledger_at_cursor():
                self.say("这是台账：按 Enter 打开，在台账中逐行办理", warning=True)
            elif rows:
                self.say(f"这一格有 {len(rows)} 期：按 Enter 逐期办理，或按 p 选择某一期", warning=True)
            else:
                self.say("请先把光标移到一个事项上", warning=True)
        return row

    def action_open(self) -> None:
        """Enter: a ledger opens; a cell of several periods is walked through; any other entry shows its history."""
        ledger = self.ledger_at_cursor()
        if ledger:
            self.open_ledger(*ledger)
            return
        rows = self.cell_rows()
        if len(rows) > 1:
            open_rows = sort_outstanding(r for r in rows if r.open)
            if open_rows:
                self._walk(f"{self.checklist.title} · {rows[0].item.title} · {subject_words(rows[0].subject)}",
                           open_rows)
            else:
                self.say("这一格各期都已完成或不适用")
            return
        if rows:
            self._history(rows[0])

    def _history(self, row: Row) -> None:
        data = self.data
        if data is None:
            return
        number = self.checklist.items.index(row.item) + 1
        show_history(self, row, lambda roster: cell_text(number, [row], [data.state(row)], roster, data.day))

    def on_data_table_row_selected(self, _event: Table.RowSelected) -> None:
        self.action_open()

    def on_data_table_cell_selected(self, _event: Table.CellSelected) -> None:
        self.action_open()

    def _what(self, row: Row) -> str:
        """The entry a notice is about: the person or branch first in a matrix, where the item alone is ambiguous."""
        return f"{subject_words(row.subject)} · {row.item.title}" if self.matrix else row.item.title

    def action_tick(self) -> None:
        row = self._target()
        if row:
            verb = "已记一次" if row.item.kind == "count" else ("已取消勾选" if row.state == "done" else "已勾选")
            self.write(lambda: self.board.change(row, "toggle"), f"{verb}：{self._what(row)}")

    def action_count(self) -> None:
        row = self._target()
        if row is None or self.data is None:
            return
        if row.item.kind != "count":
            self.say("这不是计次事项；按空格勾选", warning=True)
            return
        def counted(event: Event, day: date) -> str:
            # A date in another period counts there, not in the cell on screen: say so now, not later.
            elsewhere = f"，记入{period_label(event['period'])}" if event["period"] != row.period.key else ""
            return f"已记一次：{self._what(row)}（{day.isoformat()}{elsewhere}）"

        ask_count_date(self, row, self.data.day, self.data.org.since, lambda day: self.write(
            lambda: self.board.count_on(row, day), lambda event: counted(event, day)))

    def action_na(self) -> None:
        row = self._target()
        if row:
            ask_entry(self, row, "na", lambda fields: self.write(
                lambda: self.board.change(row, "na", **fields), f"已标记不适用：{self._what(row)}"))

    def action_note(self) -> None:
        row = self._target()
        if row:
            ask_entry(self, row, "note", lambda fields: self.write(
                lambda: self.board.change(row, "note", **fields), f"备注已保存：{self._what(row)}"), value=row.note)

    def action_evidence(self) -> None:
        row = self._target()
        if row:
            ask_entry(self, row, "evidence", lambda fields: self.write(
                lambda: self.board.change(row, "evidence", **fields), f"佐证已保存：{self._what(row)}"))

    def action_history(self) -> None:
        row = self.current() or next(iter(self.cell_rows()), None)
        if row is None or row.item.kind == "ledger":
            self._target()
            return
        self._history(row)

    def action_walk(self) -> None:
        """w: every open entry on screen (after the search and filters), one at a time, in the order the screen
        shows them: row by row, in a matrix a row's cells left to right (a cell's periods oldest first, as Enter
        walks them). It starts at the cursor's entry (or the next open one after it); ← goes back to those above."""
        rows, start = self._screen_order()
        self._walk(self.checklist.title, rows, start)

    def _screen_order(self) -> tuple[list[Row], int]:
        """The open, visible entries as the table shows them, and the index of the first at or after the cursor."""
        table = self.query_one("#grid", Table)
        placed: list[tuple[tuple[int, int], Row]] = []
        for line, row_key in enumerate(table.rows):
            value = row_key.value or ""
            if self.matrix:
                placed += [((line, column), r) for column, item in enumerate(self.checklist.items, 1)
                           for r in sorted(self.cells.get((item.id, value), []), key=lambda r: r.period.key)]
            else:
                placed += [((line, 0), r) for r in self.lines.get(value, [])]
        placed = [(where, r) for where, r in placed if r.open and self._visible(r)]
        cursor = table.cursor_coordinate
        here = (cursor.row, cursor.column if self.matrix else 0)
        start = next((n for n, (where, _) in enumerate(placed) if where >= here), 0)
        return [r for _, r in placed], start

    def _walk(self, title: str, rows: list[Row], start: int = 0) -> None:
        from .walk import WalkScreen

        if not rows:
            self.say("没有未完成的事项")
            return
        self.app.push_screen(WalkScreen(title, rows, start=start))

    def action_period(self, steps: int) -> None:
        from ...board import shift_period_key

        if self.checklist.every == "once":
            self.say("一次性清单没有其他周期", warning=True)
            return
        day = self.data.day if self.data else None
        if day is None:
            return
        self.period_key = shift_period_key(self.period_key, self.checklist, steps, day)
        self.reload()

    def action_jump(self) -> None:
        def go(key: str) -> None:
            self.period_key = parse_period(key).key if key else None
            self.reload()

        ask(self, "跳到周期（如 2024 看全年各期、2024-H1、2024-Q3、2024-07；留空回到本期）", go,
            check=_check_period, required=False)

    def action_open_only(self) -> None:
        self.open_only = not self.open_only
        self.redraw()

    def action_back(self) -> None:
        self.app.pop_screen()

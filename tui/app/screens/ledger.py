"""One ledger (调研课题, 检视整改, 挂牌督办): its rows, their stages, deadlines and owners.

A DataTable measures every cell it is given, so a ledger of 2,000 rows
would take half a second to open; the table is given one page of rows at a
time (filters and search still run over all of them), which keeps opening
and scrolling as fast as for a short ledger. The arrow keys run on across
page ends, so the pages are a detail of drawing, not something to navigate.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from checklists.clock import local_text, today
from checklists.errors import Refusal
from checklists.ledger_rules import check_close_reviewer, check_stage, reopen_stage
from checklists.model import Checklist, Item
from checklists.outstanding import Row, ledger_rows, row_overdue
from checklists.periods import Period
from checklists.records import StateKey
from checklists.roster import Roster
from checklists.text import visible

from ...errors import explain, text_error
from ..glyphs import READ_ONLY, days_words
from ..recorded import who
from ..widgets.detail import Detail
from ..widgets.keybar import KeyBar
from ..widgets.tables import PADDING, Table, clipped, literal, sync_rows, widest
from .base import DataScreen

if TYPE_CHECKING:
    from ..dialogs.form import Problem

WIDTHS = {"text": 18, "person": 8, "dept": 8, "date": 10}  # text: the least before the screen's room is shared
TEXT_LEAST = 8  # a text column's least width, where the fixed columns leave less (the rest is cut at the right)
SCROLLBAR = 1  # duty.tcss gives tables a one-cell scrollbar
NUMBER_WIDTHS = (4, 6)  # the "#" and "天数" columns at their least; wider when a page's numbers need it
# Rows in the table at once (more than fit at 80x24). Opening costs grow with
# this number, not with the ledger: measured side by side, pages of 20 open a
# 2,000-row ledger as fast as a 20-row one; pages of 50 cost ~25 ms more.
PAGE = 20
# The key to press next, by the code of the ledger rule that refused (checklists.ledger_rules).
class PagedTable(Table):
    """Down on a page's last row shows the next page, Up on its first row the previous one;
    Home and End go to the ledger's first and last rows, on whatever page they are."""

    @property
    def ledger(self) -> LedgerScreen:
        return cast("LedgerScreen", self.screen)

    def action_cursor_down(self) -> None:
        if self.cursor_row < self.row_count - 1 or not self.ledger.turn_page(1):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row > 0 or not self.ledger.turn_page(-1):
            super().action_cursor_up()

    def action_scroll_top(self) -> None:
        self.ledger.turn_page(-self.ledger.page)
        super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        self.ledger.turn_page(self.ledger.pages - 1 - self.ledger.page)
        super().action_scroll_bottom()


def due_soon(row: Row, day: date, soon_days: int) -> Row:
    """A ledger row due within the soon window, marked so: ledger_rows leaves that to whoever knows the window."""
    soon = row.state == "open" and row.due is not None and 0 <= (row.due - day).days <= soon_days
    return replace(row, soon=True) if soon else row


def detail_text(item: Item, found: tuple[Row, dict[str, Any]] | None, roster: Roster | None = None) -> Text:
    """The panel under the table for the highlighted row; stored text is shown as typed."""
    if found is None:
        return Text("还没有行：按 a 新增", style="dim")
    row, state = found
    fields = state["fields"]
    text = Text(visible(f"{row.subject} {row.label}", multiline=False), style="bold")
    text.append(visible(f"  阶段：{row.stage}  责任人：{row.owner or '-'}  时限：{row.due or '-'}", multiline=False))
    days = days_words(row, today())
    if days:
        text.append(Text.assemble("（", days, "）"))
    text.append("\n" + visible("  ".join(f"{c.title}：{fields.get(c.id, '')}" for c in item.columns
                                        if fields.get(c.id) and c.type == "text")))
    if state.get("reviewer"):
        evidence = "、".join(map(str, state.get("evidence", [])))
        text.append("\n" + visible(f"复核人：{state['reviewer']}  佐证：{evidence}"))
    if state.get("account"):
        name = who(roster, state["account"]) if roster else state["account"]
        text.append("\n" + visible(f"最后修改：{name}  {local_text(state.get('updated', ''))}", multiline=False))
    return text


class LedgerScreen(DataScreen):
    search_title = "搜索内容、责任人或科室（留空显示全部）"
    HEADER = ("#ledger-header",)
    EDIT_ACTIONS = frozenset({"add", "edit", "advance", "back", "close", "reopen", "undo"})
    BINDINGS = [
        Binding("a", "add", "新增"),
        Binding("e", "edit", "修改"),
        Binding("greater_than_sign,period", "advance", "推进"),
        Binding("less_than_sign,comma", "back", "退回"),
        Binding("c", "close", "销号"),
        Binding("s", "stage", "按阶段"),
        Binding("right_square_bracket", "page(1)", "下页", show=False),
        Binding("left_square_bracket", "page(-1)", "上页", show=False),
        Binding("d", "overdue", "只看逾期"),
        Binding("r", "reopen", "重新打开"),  # rare: after the filters, which fit an 80-column key bar before it
        Binding("o", "open_only", "未销号", show=False),
        Binding("slash", "search", "搜索", show=False),
        Binding("h", "history", "记录", show=False),
        Binding("u", "undo", "撤销", show=False),
        Binding("escape,b", "back_out", "返回", key_display="Esc"),
        DataScreen.DETAIL,
    ]

    def __init__(self, checklist: Checklist, item: Item, period: Period):
        super().__init__()
        self.checklist, self.item, self.period = checklist, item, period
        self.stage_filter: int | None = None
        self.page = 0
        self.pages = 1
        self.overdue_only = False
        self.open_only = False
        self.states: dict[str, dict[str, Any]] = {}
        self.rows: dict[str, Row] = {}
        self.late: set[str] = set()  # rows past their deadline
        self.closed = 0
        self.roster = None
        self.day = today()
        self.loaded = False
        self.preloaded: tuple | None = None  # data that arrived before on_mount built the table
        self.preloading = False
        self.number_widths = NUMBER_WIDTHS
        self.widths: dict[str, int] = {}  # ledger column id -> its width at the drawn terminal width
        self.drawn_width = 0
        self.ready = False  # on_mount has run (is_mounted turns true only later, after awaits)

    def compose(self) -> ComposeResult:
        yield Static(id="ledger-header")
        yield PagedTable(id="ledger-table", cursor_type="row", zebra_stripes=True)
        yield Detail(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#ledger-table", DataTable)
        self._add_columns(table, NUMBER_WIDTHS)
        table.focus()
        self.ready = True
        if self.preloaded:
            self._fill(*self.preloaded)
        elif not self.preloading:
            self.reload()

    def preload(self) -> None:
        """Start reading before the screen is pushed, so the rows are usually there for its first frame.

        Started on mount instead, a long ledger's rows arrived just after the
        empty table had been painted and cost a second paint (~25 ms later).
        """
        self.preloading = True
        self.duty.keys.hold(("load", self))  # keys typed ahead wait for the rows they are meant for
        self.app.run_worker(self._read, thread=True, exit_on_error=False, group="ledger-preload")

    def reload(self) -> None:
        if not self.loaded:
            self.duty.keys.hold(("load", self))
        self.run_worker(self._read, thread=True, exit_on_error=False, group="load")

    def _read(self) -> None:
        """In a thread: everything whose cost grows with the ledger happens here."""
        try:
            signature = self.board.signature()  # before reading, so a write in between is seen next tick
            states, roster, day = self.board.ledger(self.checklist, self.item, self.period)
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        by_subject = {s["subject"]: s for s in states}
        late = {s["subject"] for s in states if row_overdue(self.item, s, day)}
        closed = sum(1 for s in states if s.get("state", "open") != "open")
        self.app.call_from_thread(self._arrived, (signature, by_subject, late, closed, roster, day))

    def _arrived(self, data: tuple) -> None:
        if self.ready:
            self._fill(*data)
        else:
            self.preloaded = data

    def _visible(self, state: dict[str, Any]) -> bool:
        if self.stage_filter is not None and state.get("stage", 0) != self.stage_filter:
            return False
        if self.overdue_only and state["subject"] not in self.late:
            return False
        if self.open_only and state.get("state", "open") != "open":
            return False
        return not self.search or self.search.lower() in " ".join(state["fields"].values()).lower()

    def _add_columns(self, table: DataTable, numbers: tuple[int, int]) -> None:
        """The row number and overdue columns ``numbers`` wide, then one column per ledger column."""
        self.number_widths = numbers
        self.drawn_width = self.app.size.width
        self.widths = self._widths(numbers)
        table.add_column("#", key="n", width=numbers[0])
        table.add_column("阶段", key="stage", width=self.stage_width)
        table.add_column("天数", key="late", width=numbers[1])
        for column in self.item.columns:
            table.add_column(literal(column.title), key=column.id, width=self.widths[column.id])

    @property
    def stage_width(self) -> int:
        return widest(list(self.item.stages), 4)

    def _widths(self, numbers: tuple[int, int]) -> dict[str, int]:
        """Each ledger column's width: names, departments and dates keep theirs; the text columns share the rest.

        So at 80 columns every column shows, its title on one line, and at 120
        the extra room goes to the text (事项, 进展), whose cells end in "…" where cut.
        """
        widths = {c.id: max(WIDTHS[c.type], literal(c.title).cell_len) for c in self.item.columns if c.type != "text"}
        texts = [c for c in self.item.columns if c.type == "text"]
        fixed = [*numbers, self.stage_width, *widths.values()]
        room = self.app.size.width - SCROLLBAR - sum(fixed) - PADDING * (len(fixed) + len(texts))
        for n, column in enumerate(texts):
            share = room // len(texts) + (1 if n < room % len(texts) else 0)
            widths[column.id] = max(TEXT_LEAST, literal(column.title).cell_len, share)
        return widths

    def _fit_numbers(self, table: DataTable, shown: list[tuple[str, list[Any]]]) -> bool:
        """Widen the number columns to their widest cell: "逾期10203天" is never cut to "10203".

        The columns are laid out again only when a page needs more room than
        they have, or the terminal's width changed (True then), so the table
        keeps its cursor on every ordinary reload.
        """
        wanted = (widest([cells[0] for _, cells in shown], NUMBER_WIDTHS[0]),
                  widest([cells[2] for _, cells in shown], NUMBER_WIDTHS[1]))
        if wanted != self.number_widths or self.app.size.width != self.drawn_width:
            table.clear(columns=True)
            self._add_columns(table, wanted)
            return True
        return False

    def _fill(self, signature: tuple, states: dict[str, dict[str, Any]], late: set[str], closed: int, roster,
              day: date) -> None:
        self.seen = signature
        self.states, self.late, self.closed = states, late, closed
        self.roster = roster
        self.day = day
        self.loaded = True
        self._show_page()
        self.duty.keys.release(("load", self))

    def _show_page(self) -> None:
        """The page of rows that pass the filters; filters and paging need no reload.

        Only the page's rows become Rows (due date, overdue days, stage name);
        the filters and counts read the raw rows directly.
        """
        states = self.states.values()
        filtered = self.stage_filter is not None or self.overdue_only or self.open_only or self.search
        passing = [state for state in states if self._visible(state)] if filtered else list(states)
        self.pages = max(1, -(-len(passing) // PAGE))
        self.page = min(self.page, self.pages - 1)
        page = [due_soon(row, self.day, self.board.soon_days) for row in ledger_rows(
            self.checklist, self.item, self.period, passing[self.page * PAGE:(self.page + 1) * PAGE], self.day)]
        self.rows = {row.subject: row for row in page}
        shown = []
        for row in page:
            fields = self.states[row.subject]["fields"]
            late = days_words(row, self.day)  # "逾期3天", or "剩3天" within the soon window, as the walk and status say
            shown.append((row.subject, [row.subject[1:], row.stage, late,
                                        *(fields.get(c.id, "") for c in self.item.columns)]))
        table = self.query_one("#ledger-table", DataTable)
        keep = table.cursor_row
        laid_out = self._fit_numbers(table, shown)
        shown = [(key, [*cells[:3], *(clipped(value, self.widths[c.id]) for c, value in zip(
            self.item.columns, cells[3:], strict=True))]) for key, cells in shown]
        if laid_out and shown:
            sync_rows(table, shown)
            table.move_cursor(row=min(keep, len(shown) - 1))  # laid out again (a resize): the same row
        else:
            sync_rows(table, shown)
        flags = []
        if self.stage_filter is not None:
            flags.append(f"阶段：{self.item.stages[self.stage_filter]}")
        if self.overdue_only:
            flags.append("只看逾期")
        if self.open_only:
            flags.append("只看未销号")
        if self.search:
            flags.append(f"搜索：{self.search}")
        header = Text(visible(f"{self.item.title}  ", multiline=False), style="bold")
        header.append(f"{self.period.label()}  共 {len(states)} 行，已销号 {self.closed}，逾期 {len(self.late)}  ")
        header.append(visible("  ".join(([READ_ONLY] if self.board.read_only else []) + [f"[{f}]" for f in flags]), multiline=False))
        if self.pages > 1:
            first = self.page * PAGE + 1
            header.append(f"  第 {first}–{first + len(shown) - 1} 条（共 {len(passing)} 条，[ ] 翻页）")
        header.append("\n阶段：" + visible(" → ".join(self.item.stages), multiline=False), style="dim")
        self.query_one("#ledger-header", Static).update(header)
        self._update_detail()

    def on_resize(self) -> None:
        if self.loaded and self.app.size.width != self.drawn_width:
            self.redraw()

    def show(self, data) -> None:  # the ledger reads its own data; see reload
        self.reload()

    def redraw(self) -> None:
        if self.loaded:
            self._show_page()

    def current(self) -> tuple[Row, dict[str, Any]] | None:
        table = self.query_one("#ledger-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        return (self.rows[key], self.states[key]) if key in self.rows else None

    def _update_detail(self) -> None:
        self.query_one("#detail", Detail).text = detail_text(self.item, self.current(), self.roster)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._update_detail()

    # -- actions ---------------------------------------------------------------

    def _check(self, values: dict[str, str], current: dict[str, str] | None = None) -> str | Problem | None:
        """Check a new row, or (given its ``current`` cells) an edit; a refused cell's field gets the focus."""
        from checklists.ledger_rules import check_fields, edited_cells, refused_column

        from ..dialogs.form import Problem

        if self.roster is None:
            return "名册尚未读出，请稍候再试"
        try:
            if current is None:
                check_fields(self.item, values, self.roster, period=self.period)
            else:
                edited_cells(self.item, current, values, self.roster, self.period)
        except Refusal as exc:
            return Problem(explain(exc, "tui"), refused_column(self.item, exc))
        return None

    def _apply(self, row: str, action: str, done: str, **values: Any) -> None:
        self.write(lambda: self.board.change_row(self.checklist, self.item, self.period, row, action, **values), done)

    def _apply_if(self, answer: object, row: str, action: str, done: str, **values: Any) -> None:
        """Apply once a dialog gave an answer; a cancelled one (None, or nothing typed) changes nothing."""
        if answer:
            self._apply(row, action, done, **values)

    def action_add(self) -> None:
        from ..dialogs.ledger_form import LedgerForm

        if self.roster is None:
            return
        self.app.push_screen(LedgerForm(f"新增：{self.item.title}", self.item, {}, self._check,
                                        [p.name for p in self.roster.active()]),
                             lambda values: self._apply_if(values, "", "row-add", "已新增一行", fields=values))

    def action_edit(self) -> None:
        from ..dialogs.ledger_form import LedgerForm

        found = self.current()
        if found and not self._refused(found[1], "row-edit"):
            subject, current = found[0].subject, found[1]["fields"]
            self.app.push_screen(
                LedgerForm(f"修改：{self.item.title} {subject}", self.item, current,
                           lambda values: self._check(values, current),
                           [p.name for p in self.roster.active()] if self.roster else []),
                lambda values: self._save_edit(subject, current, values))

    def _save_edit(self, subject: str, current: dict[str, str], values: dict[str, str] | None) -> None:
        """Send only the cells that changed from those the form showed, so the row's history names just those.

        Compared with the cells the form opened with, not the latest: a cell
        someone else changed meanwhile, and this user left alone, keeps their value;
        one this user changed too is refused by the store, naming the other change.
        """
        from checklists.ledger_rules import edited_cells

        if not values or self.roster is None:
            return
        changed = edited_cells(self.item, current, values, self.roster, self.period)  # the form's check passed just now
        if not changed:
            self.say(f"{subject} 没有改动，未保存")
            return
        self._apply(subject, "row-edit", f"{subject} 已修改", fields=changed, loaded=current)

    def action_advance(self) -> None:
        found = self.current()
        if found and not self._refused(found[1], "row-advance"):
            self._apply(found[0].subject, "row-advance", f"{found[0].subject} 已推进")

    def action_back(self) -> None:
        from ..dialogs.prompt import PromptDialog

        found = self.current()
        if found and not self._refused(found[1], "row-back"):
            subject = found[0].subject
            self.app.push_screen(PromptDialog(f"{subject} 退回上一阶段的理由", multiline=True,
                                              check=lambda text: text_error("理由", text, multiline=True)),
                                 lambda reason: self._apply_if(reason, subject, "row-back", f"{subject} 已退回",
                                                                       reason=reason))

    def action_close(self) -> None:
        from ..dialogs.pick_name import PickNameDialog
        from ..dialogs.prompt import PromptDialog

        found = self.current()
        if not found or self._refused(found[1], "row-close"):
            return
        subject = found[0].subject

        def evidence(reviewer: str | None) -> None:
            if reviewer:
                self.app.push_screen(PromptDialog(f"{subject} 销号佐证（文件路径或文号）", multiline=True,
                                                  check=lambda text: text_error("佐证", text, multiline=True)),
                                     lambda ref: self._apply_if(ref, subject, "row-close", f"{subject} 已销号",
                                                                     reviewer=reviewer, evidence=ref))

        def reviewer_error(text: str) -> str | None:
            """Refuse the owner, or a name not in the roster, before the evidence is asked for."""
            try:
                check_close_reviewer(self.item, found[1]["fields"], text, self.roster)
            except Refusal as exc:
                return explain(exc, "tui")
            return None

        self.app.push_screen(PickNameDialog(f"{subject} 销号：复核人（不能是责任人本人）",
                                            [p.name for p in self.roster.active()] if self.roster else [],
                                            check=lambda text: text_error("复核人", text) or reviewer_error(text)),
                             evidence)

    def action_reopen(self) -> None:
        from ..dialogs.prompt import PromptDialog

        found = self.current()
        if found and not self._refused(found[1], "row-reopen"):
            subject = found[0].subject
            stage = self.item.stages[reopen_stage(self.item)]
            self.app.push_screen(PromptDialog(f"{subject} 重新打开（撤销销号，回到“{stage}”）的理由", multiline=True,
                                              check=lambda text: text_error("理由", text, multiline=True)),
                                 lambda reason: self._apply_if(reason, subject, "row-reopen", f"{subject} 已重新打开",
                                                               reason=reason))

    def _refused(self, state: dict[str, Any], action: str) -> bool:
        """Refuse a key the row's stage does not allow before asking for anything; the store checks again."""
        try:
            check_stage(self.item, state, action)
        except Refusal as exc:
            self.report(exc)
            return True
        return False

    def action_page(self, step: int) -> None:
        self.turn_page(step)

    def turn_page(self, step: int) -> bool:
        """Show the page ``step`` away, the cursor on the row next to where it left; False at either end."""
        target = min(max(self.page + step, 0), self.pages - 1)
        if target == self.page:
            return False
        self.page = target
        self.redraw()
        table = self.query_one("#ledger-table", DataTable)
        table.move_cursor(row=0 if step > 0 else table.row_count - 1)
        return True

    def action_stage(self) -> None:
        stages = len(self.item.stages)
        self.stage_filter = 0 if self.stage_filter is None else (self.stage_filter + 1 if self.stage_filter + 1 < stages else None)
        self.page = 0
        self.redraw()

    def action_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.page = 0
        self.redraw()

    def action_open_only(self) -> None:
        self.open_only = not self.open_only
        self.page = 0
        self.redraw()

    def action_history(self) -> None:
        found = self.current()
        if found:
            from .history import show_history

            show_history(self, found[0], lambda roster: detail_text(self.item, found, roster))

    def cell_key(self) -> StateKey | None:
        found = self.current()
        return StateKey(self.checklist.id, self.item.id, self.period.key, found[0].subject) if found else None

    def action_back_out(self) -> None:
        self.app.pop_screen()

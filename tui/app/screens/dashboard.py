"""The first screen: my open items, then every checklist's progress; on a new database, how to start.

Columns are sized to the screen: numbers and dates keep their full width and
the titles give way with "…", so nothing scrolls sideways at 80 columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, Static

from ...render.bar import bar
from ..glyphs import LATE_STYLE, READ_ONLY, days_words
from ..widgets.keybar import KeyBar
from ..widgets.tables import PADDING, Table, clipped, fit_line, flexible_width, set_columns, sync_rows, widest
from .base import DataScreen
from .setup import SetupActions, setup_text

if TYPE_CHECKING:
    from ...board import ScreenData

DEFAULT_TITLE = "全面从严治党主体责任"
SCROLLBAR = 1  # duty.tcss gives tables a one-cell scrollbar


class DashboardScreen(SetupActions, DataScreen):
    search_title = "搜索清单或事项（留空显示全部）"
    HEADER = ("#dash-header", "#setup")
    # The walk is for getting things done: read-only it could not tick anything.
    EDIT_ACTIONS = SetupActions.EDIT_ACTIONS | {"walk_mine", "walk_person"}
    BINDINGS = [
        Binding("enter", "open", "打开", key_display="Enter"),
        Binding("w", "walk_mine", "逐项办理"),
        Binding("W", "walk_person", "办理某人"),
        *SetupActions.SETUP_BINDINGS,
        Binding("slash", "search", "搜索", key_display="/"),
        Binding("escape", "clear_search", "清除搜索", key_display="Esc"),
        Binding("r", "reload", "刷新"),
        Binding("e", "export", "导出", show=False),  # a yearly job: in the command palette, not on the key bar
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("walk_mine", "walk_person") and self.data is not None and self.data.empty:
            return False  # nobody to walk yet
        if action == "clear_search":
            return bool(self.search)
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        yield Static("正在读取……", id="dash-header")
        yield Static(id="setup")
        first = self.duty.first_known
        if first is None or first.me:  # no hidden table for an unlinked account: it costs start-up time
            yield from self._mine_widgets()
        yield Label("清单进度（本期）", id="progress-label", classes="section")
        yield Table(id="checklists", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        first = self.duty.take_first()
        if first is not None:
            self._show(first)
        else:
            self.reload()

    def on_resize(self) -> None:
        if self.data is not None and self.app.size.width != self.drawn_width:
            self.redraw()

    drawn_width = 0  # the terminal width the columns were sized for
    keys_for: tuple[bool, bool, bool] = (False, False, False)  # (database empty, account unlinked, searching)

    def show(self, data: ScreenData) -> None:
        self.data = data
        self.drawn_width = self.app.size.width
        self.query_one("#dash-header", Static).update(self._header(data))
        setup = setup_text(self.board, data)
        panel = self.query_one("#setup", Static)
        panel.display = setup is not None
        if setup is not None:
            panel.update(setup)
        if data.me and not self.query("#mine"):
            self._add_mine()
        for mine in self.query("#mine").results(Table):
            self._fill_mine(mine, data)
        self._fill_checklists(data)
        self._place_focus()
        keys = (data.empty, data.me is None, bool(self.search))
        if keys != self.keys_for:  # the setup, walk and clear-search keys depend on these
            self.keys_for = keys
            self.refresh_bindings()

    focus_placed = False

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """On a short terminal the table with focus gets the rows (duty.tcss), so its cursor stays in view."""
        self.set_class(event.widget.id == "mine", "-mine-focus")

    @staticmethod
    def _mine_widgets() -> tuple[Label, Table]:
        return Label("我的待办", id="mine-label", classes="section"), Table(id="mine", cursor_type="row")

    def _add_mine(self) -> None:
        """我的待办 for an account linked while the app runs (compose leaves it out for an unlinked one)."""
        self.mount(*self._mine_widgets(), before=self.query_one("#progress-label", Label))
        self.focus_placed = False  # my items, now that there are some, are where the eye goes first

    def _place_focus(self) -> None:
        """My open items first, as the README promises a linked account; the progress table when I have none.

        An empty 我的待办 takes no focus, so Tab (and the key bar's "Tab") is
        only there while it moves between two tables with rows. Focus is
        placed once; later it moves only off a table that has emptied (the
        last item done, a search that matches none of mine).
        """
        checklists = self.query_one("#checklists", Table)
        mine = next(iter(self.query("#mine").results(Table)), None)
        has_mine = mine is not None and mine.display and mine.row_count > 0
        if mine is not None and mine.can_focus != has_mine:
            mine.can_focus = has_mine
            self.refresh_bindings()  # Tab now moves focus, or no longer does
        if not self.focus_placed:
            self.focus_placed = True
            (mine if has_mine and mine is not None else checklists).focus()
        elif self.focused is None or (self.focused is mine and not has_mine):
            checklists.focus()

    def _header(self, data: ScreenData) -> Text:
        """One line within the screen's width: the title, account and file name give way; date and 只读 do not."""
        me = data.me
        who = f"账户：{self.board.account}（{me or '未关联'}）"
        title = data.org.name or self.board.org_name or DEFAULT_TITLE
        parts: list[tuple[str, int | None]] = [(title, 8), (data.day.isoformat(), None)]
        if self.board.read_only:
            parts.append((READ_ONLY, None))
        parts += [(who, 12), (f"数据库：{self.board.store.location.name}", 10)]
        return fit_line(parts, max(20, self.app.size.width - 2))

    def _room(self) -> int:
        return max(40, self.app.size.width) - SCROLLBAR

    def _fill_mine(self, mine: Table, data: ScreenData) -> None:
        # Overdue first, as the query orders them; a ledger row I own is as much mine as my own item.
        rows = [r for r in data.mine if self._matches(r.checklist.title, r.title)]
        days = [days_words(r, data.day) for r in rows]
        checklists = [r.checklist.title for r in rows]
        days_width = widest(days, 4)
        # The checklist's name gives way before the days do: on a narrow screen "逾期311天" stays whole on screen
        # instead of running past its right edge (PADDING: each of the four columns' and the table's own).
        list_width = min(widest(checklists, 4), 16,
                         max(4, self._room() - 8 - 10 - days_width - PADDING * 5))
        title_width = flexible_width(self._room(), [list_width, 10, days_width])
        set_columns(mine, [("item", "事项", title_width), ("list", "清单", list_width), ("due", "时限", 10),
                           ("days", "天数", days_width)])
        sync_rows(mine, [
            (f"{r.checklist.id}|{r.item.id}|{r.period.key}|{r.subject}",
             [clipped(f"{r.period.label()} {r.title}" if r.carried else r.title, title_width),
              clipped(r.checklist.title, list_width), r.due.isoformat() if r.due else "-", day])
            for r, day in zip(rows, days, strict=True)])
        mine.display = bool(data.me)
        label = self.query_one("#mine-label", Label)
        label.display = bool(data.me)
        # The search filters my items too: say so, and how many it hides, so none is missed unawares.
        hidden = len(data.mine) - len(rows)
        words = f"我的待办  搜索：{self.search}（另有 {hidden} 项未显示；Esc 清除）" if self.search else "我的待办"
        label.update(clipped(words, self._room()))

    def _matches(self, *texts: str) -> bool:
        return not self.search or any(self.search.lower() in t.lower() for t in texts)

    def _fill_checklists(self, data: ScreenData) -> None:
        table = self.query_one("#checklists", Table)
        keep = table.cursor_row
        lines = []
        for p in data.progress:
            checklist = p.checklist
            if not self._matches(checklist.title, *(i.title for i in checklist.items)):
                continue
            lines.append((checklist.id, [
                checklist.title, bar(p.done, p.total, 8), f"{p.done}/{p.total}",
                Text(str(p.overdue), style=LATE_STYLE) if p.overdue else "-",
                Text(str(p.carried), style="bold") if p.carried else "-",
                p.next_due.isoformat() if p.next_due else "-"]))
        widths = [8, widest([c[2] for _, c in lines], 4), widest([c[3] for _, c in lines], 4),
                  widest([c[4] for _, c in lines], 4), 10]
        title_width = flexible_width(self._room(), widths)
        set_columns(table, [("list", "清单", title_width), ("bar", "进度", 8), ("done", "完成", widths[1]),
                            ("late", "逾期", widths[2]), ("carried", "往期", widths[3]), ("next", "下一时限", 10)])
        sync_rows(table, [(key, [clipped(str(cells[0]), title_width), *cells[1:]]) for key, cells in lines])
        label = "清单进度（本期；往期：以前各期仍未完成）" + (f"  搜索：{self.search}（Esc 清除）" if self.search else "")
        self.query_one("#progress-label", Label).update(clipped(label, self._room()))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, Table) and focused.row_count:
            key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value or ""
            self._open(key)

    def on_data_table_row_selected(self, event: Table.RowSelected) -> None:
        self._open(event.row_key.value or "")

    def _open(self, key: str) -> None:
        from .checklist import ChecklistScreen

        checklist_id, _, rest = key.partition("|")
        item_id = rest.partition("|")[0]
        me = self.data.me if self.data and item_id else None
        self.app.push_screen(ChecklistScreen(checklist_id, focus_item=item_id or None, focus_subject=me))

    def action_clear_search(self) -> None:
        self.search = ""
        self.redraw()

    def action_reload(self) -> None:
        self.reload()

    def action_export(self) -> None:
        from checklists.clock import today

        from ..dialogs.export import ExportDialog

        key = self.period_key or ""
        year = int(key[:4]) if key[:4].isdigit() else (self.data.day if self.data else today()).year
        self.app.push_screen(ExportDialog(year))

    # -- the walk --------------------------------------------------------------------

    def action_walk_mine(self) -> None:
        data = self.data
        if data is None:
            return
        if data.me is None:
            self.action_walk_person()
            return
        self._walk(f"我的待办（{data.me}）", data.mine)

    def action_walk_person(self) -> None:
        from .entry_prompts import ask_person

        data = self.data
        if data is not None:
            ask_person(self, data.roster, "逐项办理谁的待办？（名册中的姓名）",
                       lambda name: self._walk(f"{name}的待办", data.outstanding(person=name)))

    def _walk(self, title: str, rows) -> None:
        from .walk import WalkScreen

        if not rows:
            self.say(f"{title}：没有未完成的事项")
            return
        self.app.push_screen(WalkScreen(title, rows))

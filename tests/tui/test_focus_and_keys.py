"""Where keys go on the dashboard, and that the bottom line lists the keys of whatever is on top."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from checklists.roster import Person
from tui.app.app import DutyApp
from tui.app.screens.checklist import ChecklistScreen
from tui.app.screens.dashboard import DashboardScreen
from tui.app.widgets.keybar import KeyBar

from .conftest import run, settle

DASHBOARD_KEY = "w 逐项办理"


def bottom_line(app) -> str:
    """The key bar actually drawn on the last row: the top screen's own, not one beneath it."""
    widget, _ = app.screen.get_widget_at(1, app.size.height - 1)
    assert isinstance(widget, KeyBar), widget
    line = str(widget.render())
    assert cell_len(line) == app.size.width
    return line


def row_backgrounds(table: DataTable, row: int) -> set:
    """The background colours a table row is drawn with (the header is line 0)."""
    return {segment.style.bgcolor for segment in table.render_line(row + 1) if segment.style and segment.text.strip()}


@pytest.mark.parametrize("read_first", [True, False], ids=["read-before-start", "read-after-start"])
def test_focus_starts_on_my_items_and_tab_moves_to_the_progress_table(board, read_first) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load() if read_first else None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            mine, progress = screen.query_one("#mine", DataTable), screen.query_one("#checklists", DataTable)
            assert screen.focused is mine
            assert bottom_line(app).startswith(" Tab 切换  Enter 打开")
            # The table without focus draws its cursor row like any other row: only one row looks current.
            assert row_backgrounds(progress, 0) == row_backgrounds(progress, 1)
            assert row_backgrounds(mine, 0) != row_backgrounds(mine, 1)
            await pilot.press("tab")
            await settle(pilot)
            assert screen.focused is progress
            assert row_backgrounds(mine, 0) == row_backgrounds(mine, 1)
            assert row_backgrounds(progress, 0) != row_backgrounds(progress, 1)
            await pilot.press("tab", "down", "down", "enter")  # back to my items, the third of them
            await settle(pilot)
            wanted = mine.coordinate_to_cell_key((2, 0)).row_key.value.partition("|")[0]
            assert wanted != progress.coordinate_to_cell_key((2, 0)).row_key.value
            assert isinstance(app.screen, ChecklistScreen) and app.screen.checklist_id == wanted
    run(scenario())


def test_with_nothing_of_mine_open_focus_is_on_the_progress_table_and_tab_is_not_offered(board) -> None:
    board.store.add_people([Person("新同志")])  # no roles, no branch: nothing is due from them
    board.store.link_account("tester", "新同志")

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen) and screen.data and screen.data.me == "新同志"
            assert screen.query_one("#mine", DataTable).row_count == 0
            assert screen.focused is screen.query_one("#checklists", DataTable)
            assert "Tab" not in bottom_line(app)
            await pilot.press("tab")
            await settle(pilot)
            assert screen.focused is screen.query_one("#checklists", DataTable)
    run(scenario())


def test_a_search_that_empties_my_items_moves_focus_and_drops_tab(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            await pilot.press("slash", *"节日廉洁", "enter")
            await settle(pilot)
            assert screen.query_one("#mine", DataTable).row_count == 0
            assert screen.focused is screen.query_one("#checklists", DataTable)
            assert "Tab" not in bottom_line(app)
            await pilot.press("slash", "ctrl+u", "enter")  # no search: everything again; focus stays where it is
            await settle(pilot)
            assert screen.focused is screen.query_one("#checklists", DataTable)
            assert "Tab 切换" in bottom_line(app)
    run(scenario())


@pytest.mark.parametrize(("keys", "listed"), [
    (("question_mark",), ["Esc 关闭"]),
    (("e",), ["Enter 导出", "Esc 关闭"]),
    (("slash",), ["Enter 确认", "Esc 取消"]),
    (("ctrl+p",), ["Enter 执行", "Esc 关闭"]),
    (("w", "n"), ["Enter 确认", "Esc 取消"]),
], ids=["help", "export", "search", "palette", "note"])
def test_a_dialog_lists_its_own_keys_and_not_those_of_the_screen_beneath(board, keys, listed) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            beneath = app.screen
            await pilot.press(*keys)
            await settle(pilot)
            assert app.screen is not beneath
            line = bottom_line(app)
            assert all(key in line for key in listed), line
            assert DASHBOARD_KEY not in line and "Tab" not in line
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is not beneath or DASHBOARD_KEY in bottom_line(app)
    run(scenario())


def test_tab_is_listed_only_where_it_moves_focus(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "Tab 切换" in bottom_line(app)
            await pilot.press("w")  # one scrolling text: nowhere for Tab to go
            await settle(pilot)
            assert "空格 完成" in bottom_line(app) and "Tab" not in bottom_line(app)
            await pilot.press("escape", "escape")
            await settle(pilot)
            await pilot.press("tab", "enter")  # one table on a checklist screen
            await settle(pilot)
            assert isinstance(app.screen, ChecklistScreen)
            assert "空格 勾选" in bottom_line(app) and "Tab" not in bottom_line(app)
    run(scenario())

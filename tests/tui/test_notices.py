"""Toasts sit below each screen's header (the account, the not-linked reminder) and name whom a change was for."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.app.app import DutyApp
from tui.board import Board

from .conftest import notices, open_checklist, run, screen_lines, settle


def row_of(lines: list[str], words: str) -> int:
    return next(n for n, line in enumerate(lines) if words in line)


def test_a_tick_in_a_matrix_names_the_person_and_its_toast_leaves_the_header_readable(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "1书")
            table = screen.query_one("#grid", DataTable)
            liu = next(n for n, key in enumerate(table.rows) if key.value == "刘洋")
            column = next(n for n, key in enumerate(table.columns) if key.value == "chengnuoshu")
            table.move_cursor(row=liu, column=column)
            await settle(pilot)
            header = screen_lines(app)[:2]
            await pilot.press("space")
            await settle(pilot)
            assert "已勾选：刘洋 · 签订《同级监督承诺书》" in notices(app)
            lines = screen_lines(app)
            assert lines[:2] == header  # the title, period and legend are not covered
            assert row_of(lines, "已勾选") >= 2

    run(scenario())


def test_a_toast_on_the_dashboard_leaves_the_account_and_the_not_linked_reminder_readable(board) -> None:
    unlinked = Board(board.store, board.library, account="visitor")

    async def scenario():
        app = DutyApp(unlinked, first=unlinked.load(), live_interval=3600)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            before = screen_lines(app)
            reminder = row_of(before, "还没有关联名册中的人")
            assert "账户：visitor" in before[0]
            app.screen.say("已导入 12 人：/home/共享/名册.csv")
            await settle(pilot)
            lines = screen_lines(app)
            assert lines[:reminder + 1] == before[:reminder + 1]
            assert row_of(lines, "已导入 12 人") > reminder

    run(scenario())

"""A search on the dashboard says where it hides my items, and Esc ends it."""

from __future__ import annotations

from textual.widgets import DataTable, Label

from tui.app.app import DutyApp
from tui.app.widgets.keybar import KeyBar

from .conftest import run, settle


def test_a_search_says_how_many_of_my_items_it_hides_and_esc_clears_it(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(100, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            mine, progress = screen.query_one("#mine", DataTable), screen.query_one("#checklists", DataTable)
            all_mine, all_lists = mine.row_count, progress.row_count
            assert all_mine > 0
            assert "Esc" not in str(screen.query_one(KeyBar).render())
            await pilot.press("slash", *"节日廉洁", "enter")
            await settle(pilot)
            assert progress.row_count < all_lists
            label = str(screen.query_one("#mine-label", Label).render())
            assert "搜索：节日廉洁" in label and f"另有 {all_mine - mine.row_count} 项未显示" in label
            assert "Esc 清除搜索" in str(screen.query_one(KeyBar).render())
            await pilot.press("escape")
            await settle(pilot)
            assert (mine.row_count, progress.row_count) == (all_mine, all_lists)
            assert str(screen.query_one("#mine-label", Label).render()) == "我的待办"
            assert "Esc" not in str(screen.query_one(KeyBar).render())

    run(scenario())

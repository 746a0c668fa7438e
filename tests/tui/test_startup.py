"""Start-up: the first frame is the dashboard's, with nothing composed and painted before it."""

from __future__ import annotations

from tui.app.app import DutyApp
from tui.app.screens.dashboard import DashboardScreen

from .conftest import run, settle


def test_the_dashboard_is_the_first_and_only_screen_at_start(board) -> None:
    """No empty default screen beneath it: that one would be styled, laid out and painted for nothing first."""
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert [type(screen) for screen in app.screen_stack] == [DashboardScreen]
            assert app.screen.query_one("#checklists").row_count > 0  # shown from the data read before start
    run(scenario())

"""The walk's end: → on the last step asks first, and the summary lists changes, not every skip."""

from __future__ import annotations

from textual.widgets import Static

from tui.app.app import DutyApp
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.screens.walk import WalkScreen

from .conftest import run, settle


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_right_on_the_last_step_asks_before_ending_and_the_summary_counts_skips(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 40)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            total = len(walk.rows)
            assert total >= 3
            await pilot.press("n", *"已报", "enter")  # a note on the first: a change, listed
            await settle(pilot)
            for _ in range(total - 1):
                await pilot.press("right")
            await settle(pilot)
            assert f"第{total}项/共{total}项" in text_of(walk, "#walk-header")
            await pilot.press("right")  # one too many
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")  # stay
            await settle(pilot)
            assert app.screen is walk and not walk.finished
            assert f"第{total}项/共{total}项" in text_of(walk, "#walk-header")
            await pilot.press("right", "enter")  # end, this time
            await settle(pilot)
            assert walk.finished
            summary = text_of(walk, "#walk-step")
            assert f"跳过 {total - 1} 项" in summary.split("\n")[0]
            lines = [line.strip() for line in summary.split("\n")]
            assert sum(1 for line in lines if line.startswith("备注")) == 1
            assert not any(line.startswith("跳过") for line in lines)

    run(scenario())

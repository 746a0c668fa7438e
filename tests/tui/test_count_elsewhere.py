"""`+` with a date in another period says at once where the occurrence went, on the checklist and in the walk."""

from __future__ import annotations

from textual.widgets import DataTable

from checklists.periods import period_for
from store.tinydb.changes import all_events
from tui.app.app import DutyApp
from tui.app.dialogs.prompt import PromptDialog
from tui.app.screens.walk import WalkScreen

from .conftest import notices, open_checklist, run, settle


def test_a_count_dated_last_month_says_it_went_to_last_month(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "三会")
            table = screen.query_one("#grid", DataTable)
            column = next(n for n, key in enumerate(table.columns) if key.value == "zhiweihui")
            table.move_cursor(row=0, column=column)
            await settle(pilot)
            row = screen.current()
            assert row is not None and row.period.key == "2024-05"
            await pilot.press("plus")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await pilot.press(*["backspace"] * 10, *"2024-04-10", "enter")
            await settle(pilot)
            assert all_events(board.store)[-1]["period"] == "2024-04"
            said = notices(app)[-1]
            assert "2024-04-10" in said and "记入2024年4月" in said, said

    run(scenario())


def test_in_the_walk_a_count_dated_in_another_period_is_said_at_once(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "三会")
            await pilot.press("w")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            step = walk.row
            assert step.item.kind == "count" and step.period.end < walk.day
            await pilot.press("plus", *["backspace"] * 10, *walk.day.isoformat(), "enter")
            await settle(pilot)
            assert not walk.finished
            said = notices(app)[-1]
            today_period = period_for(step.item.every, walk.day)  # the walk starts at the cursor: any count item
            assert f"记入{today_period.label()}" in said and step.period.label() in said, said

    run(scenario())

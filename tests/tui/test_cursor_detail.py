"""The panel under a matrix follows the cursor in the same step, so an arrow key costs one frame, not two."""

from __future__ import annotations

from textual.widgets import DataTable

from tui.app.app import DutyApp
from tui.app.widgets.detail import Detail

from .conftest import open_checklist, run, settle


def test_detail_describes_the_new_cell_as_soon_as_the_cursor_moves(board) -> None:
    """Before any message is handled (the table's Highlighted), the panel already shows the new cell's entry.

    Were it updated from that message, the table's half of the move would be painted first and the panel's
    in a frame of its own.
    """
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "1书")
            table = screen.query_one("#grid", DataTable)
            detail = screen.query_one("#detail", Detail)
            table.move_cursor(row=0, column=2)
            await settle(pilot)
            first = detail.text.plain
            assert screen.current().subject in first
            table.action_cursor_down()  # no await: nothing else has run yet
            moved = detail.text.plain
            assert moved != first
            assert screen.current().subject in moved
            await settle(pilot)
            assert detail.text.plain == moved  # the Highlighted message that follows changes nothing
    run(scenario())

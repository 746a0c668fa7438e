"""Every screen usable at 50x14, the least the app accepts; the columns use the room at 80 and 120."""

from __future__ import annotations

import re

from textual.widgets import DataTable

from tui.app.app import DutyApp
from tui.app.dialogs.help import HelpDialog
from tui.app.dialogs.ledger_form import LedgerForm
from tui.app.screens.ledger import LedgerScreen
from tui.app.screens.walk import WalkScreen

from .conftest import open_checklist, run, settle, shown_in

SMALL = (50, 14)


def drawn_rows(app, selector: str) -> list[str]:
    """The data rows a table shows on the terminal now: its drawn lines below the header, blank ones left out."""
    return [line for line in shown_in(app, selector, selector)[1:] if line.strip()]


def cursor_in_view(table: DataTable) -> bool:
    """The cursor row lies within the rows the table's window shows (its header excepted)."""
    top = round(table.scroll_y)
    return top <= table.cursor_row < top + table.size.height - table.header_height


def add_ledger_rows(board, count: int) -> None:
    from checklists.periods import parse_period
    from tests.support.writes import add_rows

    c = board.library.get("guapai-duban")
    add_rows(board.store, c, c.item("guapai-duban"), parse_period("2024"),
             [{"事项": f"工作{n:02d}", "责任人": "李明", "时限": "2024-12-31"} for n in range(count)])


async def open_ledger(pilot) -> LedgerScreen:
    await open_checklist(pilot, "挂牌督办台账")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LedgerScreen), pilot.app.screen
    return pilot.app.screen


def test_dashboard_keeps_rows_in_both_tables_and_the_cursor_in_view(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            assert app.screen.focused.id == "mine"
            assert len(drawn_rows(app, "#mine")) >= 5
            assert drawn_rows(app, "#checklists")  # the other table still shows what it holds
            await pilot.press("tab")
            await settle(pilot)
            table = app.screen.query_one("#checklists", DataTable)
            assert app.screen.focused is table
            assert len(drawn_rows(app, "#checklists")) >= 5
            for _ in range(6):
                await pilot.press("down")
                await settle(pilot)
                assert cursor_in_view(table), (table.cursor_row, table.scroll_y)
            assert table.cursor_row == 6
    run(scenario())


def test_matrix_keeps_rows_and_folds_its_detail_until_i(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "党费按月")
            assert len(drawn_rows(app, "#grid")) >= 5
            folded = shown_in(app, "#detail", "#detail")
            assert len(folded) == 1 and "i 详情" in folded[0]
            assert "i" in {key for key, *_ in screen.active_bindings.items()}
            await pilot.press("i")
            await settle(pilot)
            assert len(shown_in(app, "#detail", "#detail")) > 3
            assert len(drawn_rows(app, "#grid")) >= 1  # the cursor's row still shows above the opened panel
            await pilot.press("i")
            await settle(pilot)
            assert len(shown_in(app, "#detail", "#detail")) == 1
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert len(shown_in(app, "#detail", "#detail")) > 3  # at full height the panel is always open
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpDialog)
            assert "展开 / 收起下方的详情" in str(app.screen.query_one("#help-text").render())
    run(scenario())


def test_ledger_keeps_rows(board) -> None:
    add_ledger_rows(board, 6)

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await open_ledger(pilot)
            assert len(drawn_rows(app, "#ledger-table")) >= 5
    run(scenario())


def test_walk_keeps_the_step_in_view(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            assert isinstance(app.screen, WalkScreen)
            lines = [line for line in shown_in(app, "#walk-body", "#walk-body") if line.strip()]
            assert len(lines) >= 5 and any("时限" in line for line in lines)
    run(scenario())


def test_the_focused_form_field_stays_in_view_after_a_resize(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, LedgerForm)
            await pilot.press("tab", "tab", "tab", "tab")  # the fifth field, 进展: below the fold at 50x14
            await settle(pilot)
            focused = app.screen.focused
            assert focused is not None and focused.id == "field-jinzhan"
            await pilot.resize_terminal(*SMALL)
            await settle(pilot)
            box = app.screen.query_one("#form-fields").region
            assert box.contains_region(focused.region), (focused.region, box)
    run(scenario())


def test_last_change_stays_in_the_detail_panel_under_a_long_reason(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            screen.query_one("#grid", DataTable).move_cursor(row=0)
            await settle(pilot)
            board.change(screen.current(), "na", reason="因与春节提醒合并而不单独发送" * 142 + "此后逐年照此办理")  # 2,000 characters
            screen.reload()
            await settle(pilot)
            panel = shown_in(app, "#detail", "#detail")
            assert any("不适用理由" in line for line in panel)
            assert any("最后修改" in line for line in panel), panel
            assert any("全文：按 h" in line for line in panel)  # the reason says where the rest is
    run(scenario())


def ledger_header_and_widths(board, width: int):
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(width, 24)) as pilot:
            await settle(pilot)
            screen = await open_ledger(pilot)
            table = screen.query_one("#ledger-table", DataTable)
            header = shown_in(app, "#ledger-table", "#ledger-table")[0]
            first = shown_in(app, "#ledger-table", "#ledger-table")[1]
            found.update(header=header, first=first,
                         widths={c.key.value: c.width for c in table.columns.values()})
    found: dict = {}
    run(scenario())
    return found


def test_ledger_columns_fit_80_and_widen_at_120(board) -> None:
    at80 = ledger_header_and_widths(board, 80)
    header = at80["header"]
    assert "进展" in header and "时限" in header and "责任科室" in header  # every title, on the one header line
    assert at80["widths"]["jinzhan"] >= 6
    assert re.search(r"招商引资 ?…", at80["first"])  # 招商引资一号工程, cut with "…" (a wide character that does not fit leaves a space)
    assert "招商引资一号工程" not in at80["first"]
    at120 = ledger_header_and_widths(board, 120)
    for text in ("shixiang", "jinzhan"):
        assert at120["widths"][text] > at80["widths"][text]
    for fixed in ("zerenren", "shixian"):
        assert at120["widths"][fixed] == at80["widths"][fixed]


def test_my_overdue_days_stay_whole_on_the_smallest_screen(board) -> None:
    """At 50 columns the checklist's name gives way, so "逾期311天" is drawn whole inside the screen, not cut at
    its right edge by a table wider than the screen."""
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            rows = drawn_rows(app, "#mine")
            late = [row for row in rows if "逾期" in row]
            assert late, rows
            assert all(re.search(r"逾期\d+天", row) for row in late), late
    run(scenario())

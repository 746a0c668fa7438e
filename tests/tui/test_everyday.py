"""The everyday screens: current after Esc, undo that names what it undid, the detail panel, keys and notices."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from checklists import clock
from store.tinydb.changes import all_events
from tui.app.app import DutyApp
from tui.app.dialogs.confirm import ConfirmDialog
from tui.app.dialogs.history import HistoryDialog
from tui.app.dialogs.prompt import PromptDialog
from tui.app.screens.checklist import ChecklistScreen
from tui.app.screens.dashboard import DashboardScreen
from tui.app.widgets.detail import Detail

from .conftest import notices, open_checklist, run, settle


@pytest.fixture(autouse=True)
def beijing():
    clock.set_zone(ZoneInfo("Asia/Shanghai"))  # stored 02:00 UTC reads 10:00
    yield
    clock.set_zone(None)


def progress_line(app, title: str) -> str:
    table = app.screen.query_one("#checklists", DataTable)
    for index in range(table.row_count):
        cells = [str(c) for c in table.get_row_at(index)]
        if cells[0] == title:
            return " ".join(cells)
    raise AssertionError(title)


def detail_of(screen) -> str:
    return str(screen.query_one("#detail", Detail).render())


def messages(app) -> list[str]:
    return notices(app)


def test_tick_on_a_sub_screen_then_esc_shows_on_the_dashboard_with_no_key(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)  # no live check: the screen must do it
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert " 2/5 " in progress_line(app, "节日廉洁提醒")
            await open_checklist(pilot, "节日廉洁")
            await pilot.press("space")  # 元旦
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert " 3/5 " in progress_line(app, "节日廉洁提醒")
    run(scenario())


def test_ledger_rows_added_below_show_on_the_checklist_screen(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "挂牌督办台账")
            table = screen.query_one("#grid", DataTable)
            assert "：3 行" in str(table.get_row_at(0)[1])
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("a", *"新的事项", "enter", *"张华", "enter", "enter", *"2024-12-31", "enter", "enter")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen
            assert "：4 行" in str(table.get_row_at(0)[1])
    run(scenario())


def test_undo_on_this_cell_at_once_elsewhere_after_naming_it(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "1书")
            table = screen.query_one("#grid", DataTable)
            liu = [key.value for key in table.rows].index("刘洋")
            table.move_cursor(row=liu, column=2)  # 刘洋, 报送对照表
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            await pilot.press("u")  # my last change is on this cell: undone at once, and said in full
            await settle(pilot)
            assert [e["action"] for e in all_events(board.store)][-2:] == ["done", "undo"]
            assert "已撤销：同级监督“1书4表” · 填报《领导干部报送事项对照表》 · 刘洋 · 2024年 · 完成" in messages(app)

            await pilot.press("n", *"补交", "enter")
            await settle(pilot)
            table.move_cursor(row=[key.value for key in table.rows].index("王建国"), column=1)  # elsewhere: 承诺书
            await settle(pilot)
            await pilot.press("u")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            question = str(dialog.query_one("#confirm-question", Static).render())
            assert "同级监督“1书4表” · 填报《领导干部报送事项对照表》 · 刘洋 · 2024年 · 备注" in question
            assert "2024-05-20 10:00" in question  # when, in local time
            await pilot.press("escape")  # not undone
            await settle(pilot)
            assert all_events(board.store)[-1]["action"] == "note"
            await pilot.press("u")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert all_events(board.store)[-1]["action"] == "undo"

            table.move_cursor(row=liu, column=2)
            await settle(pilot)
            await pilot.press("h")  # the history names what each undo took back
            await settle(pilot)
            assert isinstance(app.screen, HistoryDialog)
            lines = app.screen.lines()
            assert [what for _, _, what in lines] == ["完成", "撤销“完成”", "备注：补交", "撤销“备注：补交”"]
            assert lines[3][1] == "李明（tester）"
            undo = all_events(board.store)[-1]["undoes"]
            shown = str(app.screen.query_one("#history-text", Static).render())
            assert "李明（tester）  撤销“备注：补交”" in shown and undo[:8] not in shown
    run(scenario())


def test_the_detail_panel_shows_everything_recorded(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            await pilot.press("a", *"并入春节提醒", "enter")
            await settle(pilot)
            await pilot.press("e", *"局办2024第9号", "enter")
            await settle(pilot)
            await pilot.press("n", *"书记已审", "enter")
            await settle(pilot)
            text = detail_of(screen)
            for words in ("元旦廉洁提醒", "[党组] 2024年  不适用", "不适用理由：并入春节提醒", "备注：书记已审",
                          "佐证：局办2024第9号", "最后修改：李明（tester）  2024-05-20 10:00", "佐证要求："):
                assert words in text, (words, text)
            await pilot.press("escape")
            await settle(pilot)
            screen = await open_checklist(pilot, "清廉")
            await pilot.press("plus", *["backspace"] * 10, *"2024-04-02", "enter")
            await settle(pilot)
            assert "已记：2期（2024-05-20、2024-04-02）" in detail_of(screen)
    run(scenario())


def test_a_count_dated_in_another_period_goes_to_that_period(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "三会")
            await pilot.press("right")  # 支部委员会会议 (monthly), 第一党支部
            await settle(pilot)
            await pilot.press("plus", *["backspace"] * 10, *"2024-06-01", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)  # after today: refused
            await pilot.press(*["backspace"] * 10, *"2024-03-12", "enter")
            await settle(pilot)
            event = all_events(board.store)[-1]
            assert (event["period"], event["date"]) == ("2024-03", "2024-03-12")
    run(scenario())


def test_an_undated_count_counts_on_a_past_periods_last_day_and_not_in_one_not_begun(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "三会")
            await pilot.press("left_square_bracket", "right")  # the month before; 支部委员会会议, 第一党支部
            await settle(pilot)
            await pilot.press("space")
            await settle(pilot)
            event = all_events(board.store)[-1]
            assert (event["action"], event["period"], event["date"]) == ("count", "2024-04", "2024-04-30")
            before = len(all_events(board.store))
            await pilot.press("right_square_bracket", "right_square_bracket")  # the month after this one
            await settle(pilot)
            await pilot.press("space")
            await settle(pilot)
            assert len(all_events(board.store)) == before
            assert any(m.startswith("2024年6月还没开始") for m in messages(app)), messages(app)
    run(scenario())


def test_a_list_with_earlier_open_items_opens_on_its_first_item_not_on_a_heading(board) -> None:
    from datetime import date

    board.store.set_org(since=date(2023, 1, 1))

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "干部选拔任用")
            table = screen.query_one("#grid", DataTable)
            assert str(table.get_row_at(0)[1]).startswith("—— 往期未完成")
            assert table.cursor_row == 1 and screen.cell_rows()
            before = len(all_events(board.store))
            await pilot.press("space")
            await settle(pilot)
            assert len(all_events(board.store)) == before + 1
    run(scenario())


def test_ledger_line_opens_on_enter_and_other_keys_say_so(board) -> None:
    from tui.app.screens.ledger import LedgerScreen

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "挂牌督办台账")
            before = len(all_events(board.store))
            await pilot.press("space", "n")
            await settle(pilot)
            assert isinstance(app.screen, ChecklistScreen) and len(all_events(board.store)) == before
            assert "这是台账：按 Enter 打开，在台账中逐行办理" in messages(app)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
    run(scenario())


def test_home_and_end_go_to_the_first_and_last_rows(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for name in ("mine", "checklists"):  # my items have focus first; Tab goes on to the progress table
                table = app.screen.query_one(f"#{name}", DataTable)
                assert app.screen.focused is table
                await pilot.press("end")
                assert table.cursor_row == table.row_count - 1 > 0
                await pilot.press("home")
                assert table.cursor_row == 0
                await pilot.press("tab")
            screen = await open_checklist(pilot, "1书")
            grid = screen.query_one("#grid", DataTable)
            grid.move_cursor(row=1, column=3)
            await pilot.press("end")
            assert grid.cursor_coordinate == (grid.row_count - 1, 3)
            await pilot.press("home")
            assert grid.cursor_coordinate == (0, 3)
    run(scenario())


def test_notices_stay_clear_of_the_detail_panel(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            await pilot.press("space")
            await settle(pilot)
            await pilot.pause(0.1)
            toasts = list(app.screen.query("Toast"))
            assert toasts
            detail = screen.query_one("#detail", Detail).region
            for toast in toasts:
                assert not toast.region.overlaps(detail), (toast.region, detail)
    run(scenario())


def test_command_palette_is_chinese_without_emoji(board) -> None:
    from textual.command import CommandPalette

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            titles = [c.title for c in app.get_system_commands(screen)]
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles), titles
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(app.screen, CommandPalette)
            from textual.command import CommandInput

            shot = app.export_screenshot()
            assert "🔎" not in shot and "Search for commands" not in shot
            assert app.screen.query_one(CommandInput).placeholder.startswith("输入要找的操作")
            from textual.command import CommandList

            await pilot.press(*"备注")
            await settle(pilot)
            await pilot.pause(0.3)
            found = app.screen.query_one(CommandList)
            hits = [str(getattr(found.get_option_at_index(n).prompt, "plain", found.get_option_at_index(n).prompt))
                    for n in range(found.option_count)]
            assert any("备注（n）" in hit for hit in hits), hits
    run(scenario())


def test_read_only_hides_edit_keys_and_opens_no_dialog(board) -> None:
    from tui.app.widgets.keybar import KeyBar

    async def scenario():
        board.store.read_only = True
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "只读" in str(app.screen.query_one("#dash-header", Static).render())
            screen = await open_checklist(pilot, "节日廉洁")
            bar = str(screen.query_one(KeyBar).render())
            assert "勾选" not in bar and "备注" not in bar and "Esc 返回" in bar
            for key in ("n", "a", "e", "plus", "u", "space"):
                await pilot.press(key)
                await settle(pilot)
                assert app.screen is screen, key
            titles = [c.title for c in app.get_system_commands(screen)]
            assert not any(t.startswith(("勾选", "备注", "撤销")) for t in titles)
    run(scenario())


@pytest.mark.parametrize("read_only", [False, True])
def test_the_header_fits_80_columns_whatever_the_names(board, read_only) -> None:
    board.store.set_org(name="某某省某某市某某区某某局机关党委全面从严治党主体责任工作领导小组")
    board.account = "a-very-long-system-account-name"
    board.store.read_only = read_only

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            header = str(app.screen.query_one("#dash-header", Static).render())
            assert "\n" not in header and cell_len(header) <= 78, header
            assert "2024-05-20" in header and "…" in header
            assert ("只读" in header) == read_only
    run(scenario())

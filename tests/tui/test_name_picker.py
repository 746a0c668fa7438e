"""Roster names are picked from a list that narrows as they are typed: W, l, the ledger's 责任人 and the reviewer."""

from __future__ import annotations

from textual.widgets import Input, Static

from tui.app.app import DutyApp
from tui.app.dialogs.ledger_form import LedgerForm
from tui.app.dialogs.pick_name import PickNameDialog
from tui.app.screens.dashboard import DashboardScreen
from tui.app.screens.walk import WalkScreen
from tui.app.widgets.name_picker import NameList, NamePicker
from tui.board import Board

from .conftest import notices, run, settle, shown_in
from .test_ledger_screen import open_ledger, rows_of

# The demo roster in pinyin order (陈 chen … 周 zhou), not in the order of its characters' code points.
IN_ORDER = ["陈静", "冯雪", "李明", "刘洋", "钱坤", "孙丽", "王建国", "吴芳", "张华", "赵磊", "周强"]


def listed(app) -> list[str]:
    """The names the open picker's list holds, top to bottom."""
    names = app.screen.query_one(NameList)  # the open dialog's (an App's default screen holds at most one)
    return [str(names.get_option_at_index(n).prompt) for n in range(names.option_count)]


def test_W_lists_the_roster_in_pinyin_order_and_narrows_by_initials(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("W")
            await settle(pilot)
            assert isinstance(app.screen, PickNameDialog)
            assert listed(app) == IN_ORDER
            await pilot.press("z", "h")
            await settle(pilot)
            assert listed(app) == ["张华", "赵磊", "周强"]  # zhang, zhao, zhou
            await pilot.press("h")
            await settle(pilot)
            assert listed(app) == ["张华"]
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, WalkScreen)
            assert "张华的待办" in str(app.screen.query_one("#walk-header", Static).render())
    run(scenario())


def test_arrows_move_in_the_list_and_enter_takes_the_highlighted_name(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("W", "z", "h", "down", "down", "up", "enter")
            await settle(pilot)
            # 赵磊, the second of 张华 赵磊 周强: a walk of his items, or word that he has none.
            shown = str(app.screen.query_one("#walk-header", Static).render()) \
                if isinstance(app.screen, WalkScreen) else " ".join(notices(app))
            assert "赵磊的待办" in shown
    run(scenario())


def test_an_exact_name_still_works_and_esc_cancels(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("W", "z", "h", "escape")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            await pilot.press("W", *"张华", "enter")
            await settle(pilot)
            assert isinstance(app.screen, WalkScreen)
            assert "张华的待办" in str(app.screen.query_one("#walk-header", Static).render())
    run(scenario())


def test_nothing_matching_is_refused_in_the_dialog(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("W", "x", "y", "z", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PickNameDialog)
            assert listed(app) == ["名册中没有与此相符的姓名"]
            assert "名册中没有“xyz”" in str(app.screen.query_one("#prompt-error").render())
    run(scenario())


def test_l_links_the_account_to_a_picked_name(board) -> None:
    newcomer = Board(board.store, board.library, account="newcomer")  # the demo links tester already

    async def scenario():
        app = DutyApp(newcomer, first=newcomer.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, PickNameDialog)
            await pilot.press("w", "f", "enter")
            await settle(pilot)
            assert board.store.roster().accounts["newcomer"] == "吴芳"
    run(scenario())


def test_the_ledger_owner_is_picked_in_the_form(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)
            await pilot.press("a")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, LedgerForm)
            owner = form.query_one("#field-zerenren", Input)
            names = owner.parent.query_one(NameList)
            assert isinstance(owner.parent, NamePicker) and not names.display  # shown only while typing in it
            await pilot.press(*"清廉机关建设", "enter")
            await settle(pilot)
            assert form.focused is owner and names.display
            await pilot.press("w", "f", "enter")
            await settle(pilot)
            assert owner.value == "吴芳" and form.focused is not owner
            assert not names.display
            await pilot.press("enter", *"2024-08-31", "ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, LedgerForm), str(form.query_one("#form-error").render())
            assert rows_of(board)["#4"]["fields"]["zerenren"] == "吴芳"
    run(scenario())


def test_a_stored_name_left_as_it_is_is_kept() -> None:
    """A row's 责任人 who has since left (张三) is not swapped for a near name (张三丰) by an Enter passing by."""
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield NamePicker(["张三丰", "李四"], value="张三", input_id="box")

    async def scenario():
        app = One()
        async with app.run_test(size=(50, 14)) as pilot:
            picker = app.query_one(NamePicker)
            app.set_focus(picker.box)
            await pilot.pause()
            assert listed(app) == ["张三丰"] and app.query_one(NameList).highlighted is None
            assert picker.pick() == "张三"
            await pilot.press("end", "backspace", "s")  # 张s typed: now the match is offered
            await pilot.pause()
            assert picker.pick() == "张三丰"
    run(scenario())


def test_the_reviewer_is_picked_at_close(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)  # #1 is 张华's
            await pilot.press("greater_than_sign", "greater_than_sign")
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, PickNameDialog)
            await pilot.press("l", "m", "enter")
            await settle(pilot)
            assert "销号佐证" in str(app.screen.query_one("#prompt-title").render())
            await pilot.press(*"局办2024第9号", "enter")
            await settle(pilot)
            row = rows_of(board)["#1"]
            assert (row["state"], row["reviewer"]) == ("done", "李明")
    run(scenario())


def test_at_50x14_the_list_shows_at_least_three_names(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(50, 14)) as pilot:
            await settle(pilot)
            await pilot.press("W")
            await settle(pilot)
            rows = [row.strip() for row in shown_in(app, "NameList", "#prompt-box") if row.strip()]
            assert rows[:3] == IN_ORDER[:3], rows
    run(scenario())


def test_at_50x14_the_form_shows_the_owner_box_and_three_names_under_it(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(50, 14)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)
            await pilot.press("a", *"事项", "enter")
            await settle(pilot)
            shown = shown_in(app, "#form-fields", "#form-box")
            assert any("姓名或拼音首字母" in row for row in shown), shown  # the box
            assert [row.strip() for row in shown if row.strip() in IN_ORDER][:3] == IN_ORDER[:3], shown
    run(scenario())

"""The ledger screen and its form, driven by keys; and how they look."""

from __future__ import annotations

import os

from textual.widgets import DataTable, Input, Static

from store.tinydb.changes import all_events
from tui.app.app import DutyApp
from tui.app.dialogs.ledger_form import LedgerForm
from tui.app.dialogs.prompt import PromptDialog
from tui.app.screens.ledger import PAGE, LedgerScreen

from .conftest import notices, open_checklist, run, settle


async def open_ledger(pilot) -> LedgerScreen:
    await open_checklist(pilot, "挂牌督办台账")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LedgerScreen), pilot.app.screen
    return pilot.app.screen


def rows_of(board):
    from store.tinydb.ledger import ledger_rows

    c = board.library.get("guapai-duban")
    item = c.item("guapai-duban")
    from checklists.periods import parse_period

    return {r["subject"]: r for r in ledger_rows(board.store, c, item, parse_period("2024"))}


def test_add_edit_advance_back_close_by_keys(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_ledger(pilot)
            table = screen.query_one("#ledger-table", DataTable)
            assert table.row_count == 3
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, LedgerForm)
            await pilot.press(*"清廉机关建设", "enter", *"赵六", "enter", "enter", *"2024-08-31", "enter", "enter")
            await settle(pilot)
            assert isinstance(app.screen, LedgerForm)  # 赵六 is not in the roster
            assert '名册中没有 "赵六"' in str(app.screen.query_one("#form-error").render())
            app.screen.query_one("#field-zerenren", Input).value = "吴芳"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
            assert rows_of(board)["#4"]["fields"]["zerenren"] == "吴芳"
            table.move_cursor(row=3)
            await settle(pilot)
            await pilot.press("greater_than_sign")
            await settle(pilot)
            assert rows_of(board)["#4"]["stage"] == 1
            await pilot.press("less_than_sign")
            await settle(pilot)
            await pilot.press(*"进度填错", "enter")
            await settle(pilot)
            assert (rows_of(board)["#4"]["stage"], rows_of(board)["#4"]["reason"]) == (0, "进度填错")
            await pilot.press("e")
            await settle(pilot)
            app.screen.query_one("#field-jinzhan", Input).value = "方案已印发"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert rows_of(board)["#4"]["fields"]["jinzhan"] == "方案已印发"
            await pilot.press("greater_than_sign", "greater_than_sign")
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            await pilot.press(*"吴芳", "enter")  # the owner cannot review her own row
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            assert "复核人不能是责任人本人（吴芳）" in str(app.screen.query_one("#prompt-error").render())
            app.screen.query_one(Input).value = ""
            await pilot.press(*"李明", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog) and "佐证" in str(app.screen.query_one("#prompt-title").render())
            await pilot.press(*"局办2024第5号", "enter")
            await settle(pilot)
            row = rows_of(board)["#4"]
            assert (row["state"], row["reviewer"], row["evidence"]) == ("done", "李明", ["局办2024第5号"])
            actions = [e["action"] for e in all_events(board.store) if e["subject"] == "#4"]
            assert actions == ["row-add", "row-advance", "row-back", "row-edit", "row-advance", "row-advance",
                               "row-close"]
    run(scenario())


def test_filters_by_stage_and_overdue(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_ledger(pilot)
            table = screen.query_one("#ledger-table", DataTable)
            await pilot.press("d")
            await settle(pilot)
            assert table.row_count == 1  # 招商引资 was due 03-31; today is 05-20
            assert "[只看逾期]" in str(screen.query_one("#ledger-header", Static).render())
            await pilot.press("d", "s")
            await settle(pilot)
            assert table.row_count == 3 and "[阶段：挂牌]" in str(screen.query_one("#ledger-header", Static).render())
            await pilot.press("s")
            await settle(pilot)
            assert table.row_count == 0
    run(scenario())


def test_ledger_screen_snapshot(snap_compare, board) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await open_ledger(pilot)

    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(80, 24), run_before=run_before)


def test_ledger_form_snapshot(snap_compare, board) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await open_ledger(pilot)
        await pilot.press("a")
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(80, 24), run_before=run_before)


def test_long_ledgers_are_paged(board) -> None:
    from checklists.periods import parse_period
    from tests.support.writes import add_rows

    c = board.library.get("guapai-duban")
    add_rows(board.store, c, c.item("guapai-duban"), parse_period("2024"),
             [{"事项": f"工作{n:03d}", "责任人": "李明", "时限": "2024-12-31"} for n in range(250)])

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_ledger(pilot)
            table = screen.query_one("#ledger-table", DataTable)
            header = screen.query_one("#ledger-header", Static)
            assert PAGE < 253 and table.row_count == PAGE
            assert f"第 1–{PAGE} 条（共 253 条" in str(header.render())
            table.move_cursor(row=PAGE - 1)
            await pilot.press("down")  # the arrow keys run on across a page end
            await settle(pilot)
            assert f"第 {PAGE + 1}–{2 * PAGE} 条" in str(header.render()) and table.cursor_row == 0
            await pilot.press("up")
            await settle(pilot)
            assert f"第 1–{PAGE} 条" in str(header.render()) and table.cursor_row == PAGE - 1
            table.move_cursor(row=0)
            await settle(pilot)
            await pilot.press("up")  # nothing before the first page
            await settle(pilot)
            assert f"第 1–{PAGE} 条" in str(header.render()) and table.cursor_row == 0
            last = (253 - 1) // PAGE
            await pilot.press(*["right_square_bracket"] * (last + 2))  # two presses past the end stay there
            await settle(pilot)
            assert table.row_count == 253 - last * PAGE
            assert f"第 {last * PAGE + 1}–253 条" in str(header.render())
            await pilot.press("slash")
            await settle(pilot)
            await pilot.press(*"工作249", "enter")
            await settle(pilot)
            assert table.row_count == 1  # search runs over every row, not just the page
    run(scenario())


def test_text_people_typed_is_shown_as_typed_not_as_markup(board) -> None:
    """Rich/Textual markup in a row ("[/]", "[b]") must neither crash the screen nor vanish."""
    from checklists.periods import parse_period
    from tests.support.writes import add_rows

    c = board.library.get("guapai-duban")
    add_rows(board.store, c, c.item("guapai-duban"), parse_period("2024"),
             [{"事项": "[b]加粗[/b]落实", "责任人": "李明", "时限": "2024-12-31", "进展": "见附件[/]"}])

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = await open_ledger(pilot)
            table = screen.query_one("#ledger-table", DataTable)
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
            shown = [str(cell) for cell in table.get_row_at(table.row_count - 1)]
            assert "[b]加粗[/b]落实" in shown and "见附件[/]" in shown
            await pilot.press("h")
            await settle(pilot)
            shown = str(app.screen.query_one("#history-text").render())
            assert "[b]加粗[/b]落实" in shown and "见附件[/]" in shown
    run(scenario())


def test_sign_off_only_from_the_stage_before_it_and_reopen_with_a_reason(board) -> None:
    """Closing from 推进中 is refused by a notice; from 已完成 it works; r reopens after asking why."""
    from tui.app.dialogs.history import HistoryDialog

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)  # cursor on #1, owned by 张华, at 挂牌
            await pilot.press("greater_than_sign")
            await settle(pilot)
            count = len(all_events(board.store))
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)  # refused before asking for a reviewer
            assert notices(app)[-1] == "“推进中”阶段不能销号；只能从“已完成”销号；按 > 推进"
            assert len(all_events(board.store)) == count and rows_of(board)["#1"]["stage"] == 1
            await pilot.press("greater_than_sign", "c")
            await settle(pilot)
            await pilot.press(*"李明", "enter")
            await settle(pilot)
            await pilot.press(*"局办2024第7号", "enter")
            await settle(pilot)
            assert (rows_of(board)["#1"]["state"], rows_of(board)["#1"]["stage"]) == ("done", 3)
            assert "复核人：李明" in str(app.screen.query_one("#detail").render())
            for key in ("e", "greater_than_sign", "less_than_sign", "c"):
                await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, LedgerScreen), key  # no form or prompt for a closed row
                assert notices(app)[-1].startswith("该行已销号，不能") and notices(app)[-1].endswith("；按 r 重新打开")
            await pilot.press("u")
            await settle(pilot)
            assert notices(app)[-1] == "销号不能撤销；如需重办，须重新打开并说明理由；按 r 重新打开"
            assert rows_of(board)["#1"]["state"] == "done"
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            assert "回到“已完成”" in str(app.screen.query_one("#prompt-title").render())
            await pilot.press("enter")  # a reason is required
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await pilot.press(*"复核发现佐证不全", "enter")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
            row = rows_of(board)["#1"]
            assert (row["state"], row["stage"], row["reviewer"], row["reason"]) == ("open", 2, "", "复核发现佐证不全")
            assert notices(app)[-1] == "#1 已重新打开"
            detail = str(app.screen.query_one("#detail").render())
            assert "阶段：已完成" in detail and "复核人" not in detail
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryDialog)
            shown = [what for _, _, what in app.screen.lines()]
            assert "销号：复核人 李明；局办2024第7号" in shown
            assert shown[-1] == "重新打开：复核发现佐证不全"
    run(scenario())


def row_events(board, subject: str) -> list[dict]:
    return [e for e in all_events(board.store) if e["subject"] == subject]


def test_an_edit_records_only_the_cells_that_changed(board) -> None:
    """Changing 进展 alone records 进展 alone; a form saved as it was (a date retyped as 2024/3/31) records nothing."""
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)  # cursor on #1: 招商引资一号工程, 张华, 规划科, 2024-03-31, 已签约2个项目
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("tab", "tab", "tab", "tab", *"已签约3个项目")
            assert app.screen.focused is app.screen.query_one("#field-jinzhan", Input)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
            last = row_events(board, "#1")[-1]
            assert (last["action"], last["fields"]) == ("row-edit", {"jinzhan": "已签约3个项目"})
            count = len(all_events(board.store))
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("tab", "tab", "tab", *"2024/3/31", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
            assert len(all_events(board.store)) == count
            assert notices(app)[-1] == "#1 没有改动，未保存"
            assert rows_of(board)["#1"]["fields"]["shixian"] == "2024-03-31"
    run(scenario())


def test_a_refused_cell_gets_the_focus_so_the_next_keys_fix_it(board) -> None:
    """After a failed save, what the user types next goes into the field the message names."""
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)
            await pilot.press("e")
            await settle(pilot)
            form = app.screen
            await pilot.press("tab", *"钱七", "tab", "tab", "tab", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, LedgerForm)
            assert '责任人：名册中没有 "钱七"' in str(form.query_one("#form-error").render())
            assert form.focused is form.query_one("#field-zerenren", Input)
            await pilot.press(*"李明", "tab", "tab", *"2024-02-30", "tab", "ctrl+s")
            await settle(pilot)
            assert "时限：2024 年 2 月没有 30 日" in str(form.query_one("#form-error").render())
            assert form.focused is form.query_one("#field-shixian", Input)
            await pilot.press(*"2024-06-30", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
            assert row_events(board, "#1")[-1]["fields"] == {"zerenren": "李明", "shixian": "2024-06-30"}
            await pilot.press("a")
            await settle(pilot)
            form = app.screen
            await pilot.press(*"新事项", "tab", *"李明", "ctrl+s")  # 时限 is required
            await settle(pilot)
            assert "必填列不能为空：时限" in str(form.query_one("#form-error").render())
            assert form.focused is form.query_one("#field-shixian", Input)
    run(scenario())


def test_the_reviewer_is_refused_at_its_own_prompt(board) -> None:
    """The owner, or a name not in the roster, keeps the reviewer prompt open with the reason; nothing is asked after."""
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)  # #1 is 张华's
            await pilot.press("greater_than_sign", "greater_than_sign")
            await settle(pilot)
            count = len(all_events(board.store))
            await pilot.press("c")
            await settle(pilot)
            prompt = app.screen
            assert isinstance(prompt, PromptDialog)
            for name, message in (("张华", "复核人不能是责任人本人（张华）"), ("钱七", '复核人：名册中没有 "钱七"')):
                prompt.query_one(Input).value = ""
                await pilot.press(*name, "enter")
                await settle(pilot)
                assert app.screen is prompt
                assert message in str(prompt.query_one("#prompt-error").render())
            prompt.query_one(Input).value = ""
            await pilot.press(*"李明", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog) and app.screen is not prompt
            assert "销号佐证" in str(app.screen.query_one("#prompt-title").render())
            assert len(all_events(board.store)) == count
    run(scenario())


def test_overdue_days_stay_whole_at_their_largest(board, monkeypatch) -> None:
    """Rows kept from long ago are thousands of days late: the 逾期 column widens, never cuts "10203天" to "10203"."""
    from datetime import date

    from checklists.periods import parse_period

    monkeypatch.setenv("DUTY_TUI_TODAY", "2052-06-01")
    checklist = board.library.get("guapai-duban")
    item = checklist.item("guapai-duban")
    late = max(r["fields"]["shixian"] for r in rows_of(board).values()
               if r.get("fields", {}).get("shixian") and r.get("state", "open") == "open")

    days = (date(2052, 6, 1) - date.fromisoformat(late)).days
    assert days >= 10_000  # five digits and 天: seven cells, one more than the column had

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.push_screen(LedgerScreen(checklist, item, parse_period("2024")))
            await settle(pilot)
            table = app.screen.query_one("#ledger-table", DataTable)
            widest_late = max(len(str(table.get_row_at(i)[2])) + 1 for i in range(table.row_count))
            assert table.columns["late"].width >= widest_late  # "天" is two cells wide
            lines = [table.render_line(y).text for y in range(table.size.height)]
            assert any(f"{days}天" in line for line in lines), lines

    run(scenario())


def test_a_cell_another_person_changed_while_the_form_was_open_is_not_overwritten(board) -> None:
    """Two people edit 进展 of one row: the second save is refused, naming who set what and when."""
    import pwd
    import subprocess
    import sys

    from checklists.clock import local_text
    from tests.conftest import ROOT, env_for_subprocess

    other = pwd.getpwuid(os.getuid()).pw_name  # the account the second process records

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)  # cursor on #1, 进展 "已签约2个项目"
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, LedgerForm)
            done = subprocess.run([sys.executable, "-m", "tui", "--db", str(board.store.location), "ledger", "edit",
                                   "guapai-duban", "guapai-duban", "1", "-p", "2024", "--set", "进展=已签约3个项目"],
                                  cwd=ROOT, env=env_for_subprocess(DUTY_TUI_TODAY="2024-05-20"), capture_output=True,
                                  text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            events = len(all_events(board.store))
            app.screen.query_one("#field-jinzhan", Input).value = "已签约2个项目，开工1个"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert rows_of(board)["#1"]["fields"]["jinzhan"] == "已签约3个项目"
            assert len(all_events(board.store)) == events
            when = local_text(rows_of(board)["#1"]["updated"])
            assert notices(app)[-1] == (f"第 1 行的“进展”在你打开修改后已被 {other} 于 {when} 改为“已签约3个项目”，"
                                        "你的修改未保存，以免覆盖；请查看后按 e 重新修改")
            # Another cell of the same row, which nobody else touched, still saves.
            await pilot.press("e")
            await settle(pilot)
            app.screen.query_one("#field-shixiang", Input).value = "招商引资一号工程（续）"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert rows_of(board)["#1"]["fields"]["shixiang"] == "招商引资一号工程（续）"

    run(scenario())


def test_rows_due_soon_are_marked_as_the_walk_and_status_mark_them(board, monkeypatch) -> None:
    """A row whose deadline is within the soon window says "剩3天", as a ledger row in the walk does."""
    from datetime import date, timedelta

    from checklists.periods import parse_period

    checklist = board.library.get("guapai-duban")
    item = checklist.item("guapai-duban")
    subject, deadline = min(((s, r["fields"]["shixian"]) for s, r in rows_of(board).items()
                             if r.get("fields", {}).get("shixian") and r.get("state", "open") == "open"),
                            key=lambda found: found[1])
    monkeypatch.setenv("DUTY_TUI_TODAY", (date.fromisoformat(deadline) - timedelta(days=3)).isoformat())

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.push_screen(LedgerScreen(checklist, item, parse_period("2024")))
            await settle(pilot)
            table = app.screen.query_one("#ledger-table", DataTable)
            assert str(table.get_cell(subject, "late")) == "剩3天"
            table.move_cursor(row=table.get_row_index(subject))
            await settle(pilot)
            assert "剩3天" in str(app.screen.query_one("#detail").render())

    run(scenario())

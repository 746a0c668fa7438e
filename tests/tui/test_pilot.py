"""Every screen and action, driven by keys through Textual's Pilot."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from store.tinydb.changes import all_events, all_states
from tui.app.app import DutyApp
from tui.app.dialogs.help import HelpDialog
from tui.app.dialogs.history import HistoryDialog
from tui.app.dialogs.prompt import PromptDialog
from tui.app.screens.checklist import ChecklistScreen
from tui.app.screens.dashboard import DashboardScreen
from tui.app.screens.too_small import TooSmallScreen

from .conftest import notices, open_checklist, run, settle


def text_of(widget: Static) -> str:
    return str(widget.render())


def state_of(board, checklist: str, item: str, subject: str) -> dict:
    return next((s for s in all_states(board.store) if (s["checklist"], s["item"], s["subject"]) ==
                 (checklist, item, subject)), {})


def test_dashboard_shows_my_items_and_every_checklist(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            assert "账户：tester（李明）" in text_of(screen.query_one("#dash-header", Static))
            mine = screen.query_one("#mine", DataTable)
            assert mine.display and mine.row_count > 0
            checklists = screen.query_one("#checklists", DataTable)
            assert checklists.row_count == len(board.library)
    run(scenario())


def test_garbage_collection_is_back_on_once_the_app_has_painted(board) -> None:
    """tui.entry switches the cyclic GC off for start-up; the app must switch it back on."""
    import gc

    async def scenario():
        gc.disable()
        try:
            async with DutyApp(board, first=board.load()).run_test(size=(80, 24)) as pilot:
                await settle(pilot)
                assert gc.isenabled()
        finally:
            gc.enable()
    run(scenario())


def test_key_bar_lists_each_screens_keys_and_keeps_help_visible(board) -> None:
    from rich.cells import cell_len

    from tui.app.widgets.keybar import KeyBar

    def bar(app) -> str:
        return str(app.screen.query_one(KeyBar).render())

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "/ 搜索" in bar(app) and "q 退出" in bar(app) and "勾选" not in bar(app)
            await open_checklist(pilot, "节日廉洁")
            line = bar(app)
            assert line.startswith(" Enter 打开  空格 勾选  w 逐项办理") and "Esc 返回  …" in line
            assert line.rstrip().endswith("? 帮助")
            assert cell_len(line) == 80  # cut to one row, Enter and Esc kept, help still at the right
    run(scenario())


def test_tick_note_evidence_na_count_on_an_org_checklist(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            table = screen.query_one("#grid", DataTable)
            table.move_cursor(row=3)  # items: 元旦, 春节, 端午, 中秋, 国庆
            await settle(pilot)
            assert screen.current().item.id == "zhongqiu"
            await pilot.press("space")
            await settle(pilot)
            assert state_of(board, "jieri-lianjie", "zhongqiu", "org")["state"] == "done"
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await pilot.press(*"与国庆合并发送", "enter")
            await settle(pilot)
            assert state_of(board, "jieri-lianjie", "zhongqiu", "org")["note"] == "与国庆合并发送"
            await pilot.press("e")
            await settle(pilot)
            await pilot.press(*"局办2024第9号", "enter")
            await settle(pilot)
            assert state_of(board, "jieri-lianjie", "zhongqiu", "org")["evidence"] == ["局办2024第9号"]
            table.move_cursor(row=0)  # 元旦 reminder: not applicable this year
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            await pilot.press("enter")  # an empty reason is refused
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await pilot.press(*"并入春节提醒", "enter")
            await settle(pilot)
            assert state_of(board, "jieri-lianjie", "yuandan", "org")["state"] == "na"
            assert "并入春节提醒" in [e.get("reason") for e in all_events(board.store)]
    run(scenario())


def test_matrix_tick_for_one_person_then_undo_and_history(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "1书")
            table = screen.query_one("#grid", DataTable)
            assert table.row_count == 4  # the four 班子成员 of the demo
            table.move_cursor(row=[key.value for key in table.rows].index("刘洋"), column=2)
            await settle(pilot)
            row = screen.current()
            assert (row.subject, row.item.id, row.state) == ("刘洋", "baosong-duizhao", "open")
            await pilot.press("x")
            await settle(pilot)
            assert state_of(board, "yishu-sibiao", "baosong-duizhao", "刘洋")["state"] == "done"
            assert str(table.get_cell_at(table.cursor_coordinate)) == "[x]"
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryDialog)
            assert len(app.screen.lines()) == 1
            await pilot.press("escape")
            await pilot.press("u")
            await settle(pilot)
            assert state_of(board, "yishu-sibiao", "baosong-duizhao", "刘洋")["state"] == "open"
            assert [e["action"] for e in all_events(board.store)][-2:] == ["done", "undo"]
    run(scenario())


def test_count_item_with_date(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "清廉")
            assert screen.current().item.id == "dajiangtang"
            await pilot.press("plus")
            await settle(pilot)
            prompt = app.screen
            assert isinstance(prompt, PromptDialog)
            await pilot.press(*["backspace"] * 10, *"2024-13-01", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)  # not a date: stays open
            await pilot.press(*["backspace"] * 10, *"2024-04-02", "enter")
            await settle(pilot)
            state = state_of(board, "qinglian-wenhua", "dajiangtang", "org")
            assert (state["count"], state["state"], state["dates"][-1]) == (2, "done", "2024-04-02")
    run(scenario())


def test_period_switching_search_and_open_only(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "三会")
            header = screen.query_one("#cl-header", Static)
            assert "2024年5月" in text_of(header)
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert "2024年6月" in text_of(header)
            await pilot.press("left_square_bracket", "left_square_bracket")
            await settle(pilot)
            assert "2024年4月" in text_of(header)
            await pilot.press("p")
            await settle(pilot)
            await pilot.press(*"2023-12", "enter")
            await settle(pilot)
            assert "2023年12月" in text_of(header)
            table = screen.query_one("#grid", DataTable)
            assert table.row_count == 3
            await pilot.press("slash")
            await settle(pilot)
            await pilot.press(*"第二", "enter")
            await settle(pilot)
            assert table.row_count == 1
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
    run(scenario())


def test_help_quit_and_command_palette_entries(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpDialog)
            assert "撤销我最近一次修改" in str(app.screen.query_one("#help-text", Static).render())
            await pilot.press("escape")
            screen = await open_checklist(pilot, "节日廉洁")
            titles = [c.title for c in app.get_system_commands(screen)]
            for wanted in ("勾选", "不适用", "备注", "佐证", "记录", "撤销", "上期", "下期"):
                assert any(t.startswith(wanted) for t in titles), wanted
            await pilot.press("q")
            await settle(pilot)
        assert app.return_code == 0
    run(scenario())


def test_read_only_refuses_changes(board) -> None:
    async def scenario():
        board.store.read_only = True
        before = len(all_events(board.store))
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            assert "只读" in text_of(screen.query_one("#cl-header", Static))
            await pilot.press("space")
            await settle(pilot)
        assert len(all_events(board.store)) == before
    run(scenario())


def test_too_small_notice_and_recovery(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(40, 12)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, TooSmallScreen)
            assert "终端太小（40x12）" in str(app.screen.query_one("#too-small", Static).render())
            await pilot.resize_terminal(80, 24)
            await pilot.pause(0.2)
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            await pilot.resize_terminal(45, 30)
            await pilot.pause(0.2)
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(120, 40)
            await pilot.pause(0.2)
            assert isinstance(app.screen, DashboardScreen)
    run(scenario())


def test_store_error_is_a_notice_and_the_app_keeps_running(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "节日廉洁")
            shard = board.store.paths.shard("2024-jieri-lianjie")
            damaged = b'{"_meta": {"1": {"app": "duty-tui-shard", "sch'
            shard.write_bytes(damaged)
            await pilot.press("space")
            await settle(pilot)
            assert any("已损坏" in n for n in notices(app))
            assert shard.read_bytes() == damaged
            assert isinstance(app.screen, ChecklistScreen)
    run(scenario())


@pytest.mark.slow
def test_change_by_another_process_appears(board) -> None:
    import subprocess
    import sys
    import time

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            table = screen.query_one("#grid", DataTable)
            assert str(table.get_cell_at((4, 0))) != "[x]"  # 国庆
            subprocess.run([sys.executable, "-m", "tui", "--db", str(board.store.path), "tick", "jieri-lianjie",
                            "guoqing", "--period", "2024"], check=True, capture_output=True)
            start = time.monotonic()
            while time.monotonic() - start < 5:
                await pilot.pause(0.1)
                await app.workers.wait_for_complete()
                if str(table.get_cell_at((4, 0))) == "[x]":
                    break
            assert str(table.get_cell_at((4, 0))) == "[x]"
            assert time.monotonic() - start < 2.5
    run(scenario())


def test_open_only_filter_hides_done_items(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            table = screen.query_one("#grid", DataTable)
            assert table.row_count == 5
            await pilot.press("o")
            await settle(pilot)
            assert table.row_count == 3  # 春节 and 端午 are done in the demo
            assert "只看未完成" in text_of(screen.query_one("#cl-header", Static))
            await pilot.press("o")
            await settle(pilot)
            assert table.row_count == 5
    run(scenario())


def test_a_shard_left_unwritten_after_the_commit_is_said_to_be_saved_and_completed_later(board, monkeypatch) -> None:
    """A full disk after the head's rename: the change stands, so the notice says so, not "原文件未改动"."""
    import errno

    import store.tinydb.storage as storage
    from store.tinydb.atomic import unwritable

    real = storage.atomic_write

    def full_for_shards(path, data):
        if path.parent == board.store.paths.shards:
            raise unwritable(path, OSError(errno.ENOSPC, "No space left on device"))
        return real(path, data)

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "节日廉洁")
            monkeypatch.setattr(storage, "atomic_write", full_for_shards)
            await pilot.press("space")
            await settle(pilot)
            messages = [n.message for n in app._notifications]
            assert any("已记录这次修改" in m and "磁盘已满" in m for m in messages), messages
            assert not any("原文件未改动" in m for m in messages)
    run(scenario())

"""A new, empty database: the dashboard says what to do first, and each step can be done in place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label, Static

from checklists.loader import load_library
from store.tinydb import TinyStore
from tui.app.app import DutyApp
from tui.app.dialogs.form import FormDialog
from tui.app.dialogs.prompt import PromptDialog
from tui.app.widgets.keybar import KeyBar
from tui.board import Board

from .conftest import TODAY, run, settle

ROSTER = "姓名,角色,科室,支部\n张三,班子成员、党员,办公室,第一党支部\n李四,党组书记、党员,,第一党支部\n"


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Board:
    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    return Board(TinyStore(tmp_path / "duty.json", lock_timeout=5), load_library(), account="tester")


def setup_of(app) -> str:
    panel = app.screen.query_one("#setup", Static)
    return str(panel.render()) if panel.display else ""


def test_the_steps_are_listed_with_keys_and_commands(empty) -> None:
    async def scenario():
        app = DutyApp(empty, first=empty.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            text = setup_of(app)
            for words in ("第一次使用", "单位名称和起始日期：按 o", "duty-tui org set --name 单位名称 --since 2024-01-01",
                          "导入名册", "按 i", "duty-tui people import 名册.csv",
                          "把账户 tester 关联到名册中的自己：导入名册后按 l", "duty-tui whoami --link 姓名"):
                assert words in text, words
    run(scenario())


def test_each_step_done_in_place(empty, tmp_path: Path) -> None:
    roster = tmp_path / "名册.csv"
    roster.write_text(ROSTER, encoding="gbk")

    async def scenario():
        app = DutyApp(empty, first=empty.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, FormDialog)
            await pilot.press(*"某某局党组", "enter", *["backspace"] * 10, *"2023-07-01", "enter")
            await settle(pilot)
            assert empty.store.org(date(2024, 5, 20)).name == "某某局党组"
            assert empty.store.org(date(2024, 5, 20)).since == date(2023, 7, 1)
            assert "[x] 1. 单位名称和起始日期（某某局党组，自 2023-07-01）" in setup_of(app)
            assert "某某局党组" in str(app.screen.query_one("#dash-header", Static).render())

            await pilot.press("i")
            await settle(pilot)
            await pilot.press(*"/没有/这个.csv", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            assert "找不到文件" in str(app.screen.query_one("#prompt-error", Label).render())
            app.screen.query_one(Input).value = str(roster)
            await pilot.press("enter")
            await settle(pilot)
            assert [p.name for p in empty.store.roster().people] == ["李四", "张三"]  # in reading order
            assert "第一次使用" not in setup_of(app)
            assert "账户 tester 还没有关联名册中的人：按 l" in setup_of(app)

            await pilot.press("l")
            await settle(pilot)
            await pilot.press(*"王五", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)  # not in the roster
            await pilot.press(*["backspace"] * 2, *"张三", "enter")
            await settle(pilot)
            assert empty.store.roster().accounts == {"tester": "张三"}
            assert not setup_of(app)
            assert "账户：tester（张三）" in str(app.screen.query_one("#dash-header", Static).render())
            # Linked while the app runs: 我的待办 appears at once, with 张三's items, and takes the focus.
            mine = app.screen.query_one("#mine", DataTable)
            assert mine.display and mine.row_count > 0 and app.focused is mine
            assert app.screen.query_one("#mine-label", Label).display
            assert "Tab" in " ".join(str(w.render()) for w in app.screen.query(KeyBar))
    run(scenario())


def test_a_bad_roster_file_is_explained_and_nothing_imported(empty, tmp_path: Path) -> None:
    roster = tmp_path / "名册.csv"
    roster.write_text("姓名,角色\n张三,不是角色\n", encoding="utf-8")

    async def scenario():
        app = DutyApp(empty, first=empty.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("i")
            await settle(pilot)
            app.screen.query_one(Input).value = str(roster)
            await pilot.press("enter")
            await settle(pilot)
            assert not empty.store.roster().people
            # Kept open, like a missing file, so the path can be corrected or the file fixed and tried again.
            assert isinstance(app.screen, PromptDialog)
            assert "不是角色" in str(app.screen.query_one("#prompt-error", Label).render())
            await pilot.press("escape")
            await settle(pilot)
            assert "第一次使用" in setup_of(app)
    run(scenario())


def test_read_only_gives_the_commands_and_no_keys(empty) -> None:
    empty.store.read_only = True

    async def scenario():
        app = DutyApp(empty, first=empty.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            text = setup_of(app)
            assert "只读打开；请在命令行中做下面三步" in text and "按 o" not in text
            assert "duty-tui people import 名册.csv" in text
            await pilot.press("o", "i", "l")
            await settle(pilot)
            assert not isinstance(app.screen, (FormDialog, PromptDialog))
    run(scenario())

"""The first-run roster import (key i) reads workbooks too, and a damaged one is one line with nothing imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from checklists.loader import load_library
from store.tinydb import TinyStore
from tests.support.workbooks import damaged_files, workbook
from tui.app.app import DutyApp
from tui.app.dialogs.prompt import PromptDialog
from tui.board import Board

from .conftest import TODAY, run, settle


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Board:
    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    return Board(TinyStore(tmp_path / "duty.json", lock_timeout=5), load_library(), account="tester")


def import_through_the_dialog(board: Board, path: Path) -> list[str]:
    """Press i, type the path, Enter: the notifications shown, and the dialog's error if it stayed open to fix."""
    messages: list[str] = []

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("i")
            await settle(pilot)
            app.screen.query_one(Input).value = str(path)
            await pilot.press("enter")
            await settle(pilot)
            messages.extend(n.message for n in app._notifications)
            if isinstance(app.screen, PromptDialog):
                messages.append(str(app.screen.query_one("#prompt-error", Label).render()))
    run(scenario())
    return messages


def test_a_roster_workbook_is_imported(empty, tmp_path: Path) -> None:
    source = workbook(tmp_path / "名册.xlsx", ["姓名", "角色", "科室"], ["张三", "班子成员\n党员", "办公室"])
    messages = import_through_the_dialog(empty, source)
    assert [(p.name, p.roles) for p in empty.store.roster().people] == [("张三", ("班子成员", "党员"))]
    assert f"已导入 1 人：{source}" in messages


def test_a_damaged_workbook_says_so_in_one_line(empty, tmp_path: Path) -> None:
    path, said = damaged_files(tmp_path)["bad-xml"]
    messages = import_through_the_dialog(empty, path)
    assert not empty.store.roster().people
    (shown,) = [m for m in messages if str(path) in m]
    assert shown.startswith(f"{path}：{said}") and "\n" not in shown

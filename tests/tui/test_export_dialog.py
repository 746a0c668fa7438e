"""导出 in the TUI: from the dashboard key or the command palette to two files and where they are."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import Input, Label

from tui.app.app import DutyApp
from tui.app.dialogs.export import ExportDialog

from .conftest import run, settle


def status_text(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-status", Label).render())


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the TUI is started: it writes there (the database lives beside, in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_the_dashboard_key_writes_the_workbook_and_report_and_says_where(board, out: Path) -> None:
    """Into duty-tui-exports where the TUI was started: the account's and the database's group's, not the world's."""
    folder = out / "duty-tui-exports"
    os.chmod(out, 0o755)  # a home folder as most accounts have one
    mask = os.umask(0o022)

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            assert dialog.query_one("#export-year", Input).value == "2024"  # the year in view
            await pilot.press("enter")
            await settle(pilot)
            shown = status_text(dialog)
            assert f"台账：{folder / '2024年度台账.xlsx'}" in shown
            assert f"报告：{folder / '2024年度主体责任报告（草稿）.docx'}" in shown
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, ExportDialog)
    try:
        run(scenario())
    finally:
        os.umask(mask)
    assert load_workbook(folder / "2024年度台账.xlsx").sheetnames[:2] == ["封面", "目录"]
    assert (folder / "2024年度主体责任报告（草稿）.docx").stat().st_size > 0
    shared = board.store.location.parent.stat().st_mode & stat.S_IWGRP
    assert stat.S_IMODE(folder.stat().st_mode) == (0o770 if shared else 0o750)
    for written in folder.iterdir():
        assert stat.S_IMODE(written.stat().st_mode) == (0o660 if shared else 0o640), written
        assert written.stat().st_gid == board.store.location.parent.stat().st_gid


def test_the_palette_offers_it_and_a_bad_year_is_one_line_in_the_dialog(board, out: Path) -> None:

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "导出（e）" in [c.title for c in app.get_system_commands(app.screen)]
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press("导", "出")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#export-year", Input).value = ""
            await pilot.press("2", "3", "enter")
            await settle(pilot)
            assert status_text(dialog) == '年度应为四位数字的年份，如 2023；得到 "23"'
            await pilot.press("escape")
            await settle(pilot)
    run(scenario())
    assert list(out.iterdir()) == []

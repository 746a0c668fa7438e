"""How the screens look, in Chinese, at 80x24 (the usual SSH window) and 120x40.

Apps start with their first data already read, as tui.launch starts them;
otherwise a table's header can be painted before its widths are known, which
looks the same but is drawn differently from run to run.

Refresh after an intended change with: pytest tests/tui --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from tui.app.app import DutyApp

from .conftest import open_checklist, settle

SIZES = [(80, 24), (120, 40)]


def at(search: str, *keys: str, cell: tuple[int, int] | None = None):
    async def run_before(pilot) -> None:
        await settle(pilot)
        if search:
            await open_checklist(pilot, search)
        if cell is not None:
            pilot.app.screen.query_one("#grid", DataTable).move_cursor(row=cell[0], column=cell[1])
        await pilot.press(*keys)
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settle(pilot)
    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(snap_compare, board, size) -> None:
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=size, run_before=at(""))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_matrix_of_one_book_four_tables(snap_compare, board, size) -> None:
    # Row 0: 李明 (lǐ), first of the four in pinyin order; his second item is done.
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=size, run_before=at("1书", cell=(0, 2)))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_org_checklist_list(snap_compare, board, size) -> None:
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=size, run_before=at("节日廉洁"))


def test_note_prompt(snap_compare, board) -> None:
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(80, 24), run_before=at("节日廉洁", "n"))


def test_help(snap_compare, board, monkeypatch) -> None:
    """The dialog names the database in full; a fixed path (and no live reload) keeps the picture stable."""
    monkeypatch.setattr(type(board.store), "location", property(lambda _store: Path("/srv/duty/duty.json")))
    app = DutyApp(board, first=board.load(), live_interval=3600)
    assert snap_compare(app, terminal_size=(80, 24), run_before=at("", "question_mark"))


def test_too_small(snap_compare, board) -> None:
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(40, 12), run_before=at(""))


def test_walk_step(snap_compare, board) -> None:
    """逐项办理's first step at 80x24: the item in full, period, deadline, what it needs, the keys."""
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(80, 24), run_before=at("", "w"))


def test_walk_summary(snap_compare, board) -> None:
    keys = ("w", "space", "right", "n", *"已报", "enter", "escape")
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(80, 24), run_before=at("", *keys))


def test_first_run(snap_compare, tmp_path, monkeypatch) -> None:
    """An empty database: the three first steps, each with its key and its command."""
    from checklists.loader import load_library
    from store.tinydb import TinyStore
    from tui.board import Board

    from .conftest import TODAY

    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    empty = Board(TinyStore(tmp_path / "duty.json"), load_library(), account="tester")
    assert snap_compare(DutyApp(empty, first=empty.load()), terminal_size=(80, 24), run_before=at(""))


def long_overdue(board, monkeypatch):
    """Two and a half years on, nothing more done: 2024-01-31 deadlines are 1031 days overdue."""
    from datetime import date

    board.store.set_org(since=date(2024, 1, 1))
    monkeypatch.setenv("DUTY_TUI_TODAY", "2026-11-27")
    return DutyApp(board, first=board.load())


def test_dashboard_with_long_numbers(snap_compare, board, monkeypatch) -> None:
    assert snap_compare(long_overdue(board, monkeypatch), terminal_size=(80, 24), run_before=at(""))


def test_list_with_long_numbers(snap_compare, board, monkeypatch) -> None:
    """A list at 80x24 with 1031 days overdue: the number in full, the title cut with "…"."""
    assert snap_compare(long_overdue(board, monkeypatch), terminal_size=(80, 24), run_before=at("主题教育"))


def test_matrix_with_earlier_periods(snap_compare, board, monkeypatch) -> None:
    """A monthly matrix carrying open months: "+N" in the cells, the months named in the detail panel."""
    assert snap_compare(long_overdue(board, monkeypatch), terminal_size=(80, 24), run_before=at("三会", cell=(0, 2)))

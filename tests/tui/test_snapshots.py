"""How the screens look, in Chinese, at 50x14 (the least accepted), 80x24 (the usual SSH window) and 120x40.

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
SMALL_AND_LARGE = [(50, 14), (120, 40)]  # for screens whose 80x24 picture is a test of its own


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


@pytest.mark.parametrize("size", [(50, 14), *SIZES], ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(snap_compare, board, size) -> None:
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=size, run_before=at(""))


@pytest.mark.parametrize("size", [(50, 14), *SIZES], ids=lambda s: f"{s[0]}x{s[1]}")
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


@pytest.mark.parametrize("size", SMALL_AND_LARGE, ids=lambda s: f"{s[0]}x{s[1]}")
def test_walk_step_at(snap_compare, board, size) -> None:
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=size, run_before=at("", "w"))


def test_dashboard_after_tab_at_50x14(snap_compare, board) -> None:
    """The progress table, focused, takes the rows; 我的待办 keeps its header and two."""
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(50, 14), run_before=at("", "tab", "down"))


def test_matrix_detail_opened_at_50x14(snap_compare, board) -> None:
    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=(50, 14),
                        run_before=at("1书", "i", cell=(1, 2)))


@pytest.mark.parametrize("size", SMALL_AND_LARGE, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ledger_at(snap_compare, board, size) -> None:
    """The ledger's 80x24 picture is in test_ledger_screen."""
    async def run_before(pilot) -> None:
        await at("挂牌督办台账")(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(DutyApp(board, first=board.load()), terminal_size=size, run_before=run_before)


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


def long_overdue(board, monkeypatch, since: str = "2024-01-01"):
    """Two and a half years on, nothing more done: 2024-01-31 deadlines are 1031 days overdue."""
    from datetime import date

    board.store.set_org(since=date.fromisoformat(since))
    monkeypatch.setenv("DUTY_TUI_TODAY", "2026-11-27")
    return DutyApp(board, first=board.load())


def test_dashboard_with_long_numbers(snap_compare, board, monkeypatch) -> None:
    assert snap_compare(long_overdue(board, monkeypatch), terminal_size=(80, 24), run_before=at(""))


def test_list_with_long_numbers(snap_compare, board, monkeypatch) -> None:
    """A list at 80x24 with 1031 days overdue: the number in full, the title cut with "…".

    Records begun in 2023, so the 2023 campaign (due 2024-01-31) is the org's own and still open.
    """
    assert snap_compare(long_overdue(board, monkeypatch, since="2023-01-01"), terminal_size=(80, 24),
                        run_before=at("主题教育"))


def test_matrix_with_earlier_periods(snap_compare, board, monkeypatch) -> None:
    """A monthly matrix carrying open months: "+N" in the cells, the months named in the detail panel."""
    assert snap_compare(long_overdue(board, monkeypatch), terminal_size=(80, 24), run_before=at("三会", cell=(0, 2)))

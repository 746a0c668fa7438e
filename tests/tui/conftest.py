"""A deterministic demo database and helpers for driving the app with Pilot."""

from __future__ import annotations

import asyncio
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rich.cells import cell_len
from rich.console import Console

if TYPE_CHECKING:
    from tui.app.screens.checklist import ChecklistScreen

import store.tinydb.changes
from checklists.loader import load_library
from store.tinydb import TinyStore
from tui.board import Board
from tui.demo import build_demo

TODAY = "2024-05-20"


def fixed_clock():
    """Event times that are the same every run yet strictly increasing, like real ones."""
    ticks = iter(range(10**6))
    return lambda: f"2024-05-20T02:00:00.{next(ticks):06d}Z"


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Board:
    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    clock = fixed_clock()
    monkeypatch.setattr(store.tinydb.changes, "utc_now", clock)
    library = load_library()
    demo = build_demo(tmp_path / "duty.json", library, "tester", date.fromisoformat(TODAY))
    return Board(TinyStore(demo.path, lock_timeout=5), library, account="tester")


async def settle(pilot) -> None:
    """Let keypresses, workers and the repaints they trigger finish."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_checklist(pilot, search: str) -> ChecklistScreen:
    """Search the dashboard, then open the first checklist in the progress table (Tab to it from 我的待办)."""
    await pilot.press("slash")
    await settle(pilot)
    await pilot.press(*search, "enter")
    await settle(pilot)
    focused = pilot.app.screen.focused
    if focused is not None and focused.id == "mine":
        await pilot.press("tab")
        await settle(pilot)
    assert pilot.app.screen.focused.id == "checklists"
    await pilot.press("enter")
    await settle(pilot)
    from tui.app.screens.checklist import ChecklistScreen

    assert isinstance(pilot.app.screen, ChecklistScreen), pilot.app.screen
    return pilot.app.screen


def screen_lines(app) -> list[str]:
    """The terminal's rows as the app last drew them (dialog over the screen beneath), one string per row."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().split("\n")[:height]


def shown_in(app, selector: str, inside: str) -> list[str]:
    """The rows of text the terminal shows where ``selector`` is drawn, clipped to ``inside`` (its dialog box):
    what a person can read there, not what the widget holds."""
    region = app.screen.query_one(selector).region.intersection(app.screen.query_one(inside).region)
    rows = []
    for line in screen_lines(app)[region.y:region.bottom]:
        cells = [part for ch in line for part in ([ch, ""] if cell_len(ch) == 2 else [ch])]
        rows.append("".join(cells[region.x:region.right]).rstrip())
    return rows


def run(coro) -> None:
    asyncio.run(coro)

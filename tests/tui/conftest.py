"""A deterministic demo database and helpers for driving the app with Pilot."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tui.app.screens.checklist import ChecklistScreen

import store.tinydb.changes
import store.tinydb.ledger
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
    monkeypatch.setattr(store.tinydb.ledger, "utc_now", clock)
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


def run(coro) -> None:
    asyncio.run(coro)

"""A deterministic demo database and helpers for driving the app with Pilot."""

from __future__ import annotations

import asyncio
import html
import re
import weakref
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rich.cells import cell_len

if TYPE_CHECKING:
    from tui.app.screens.checklist import ChecklistScreen

import store.tinydb.changes
from checklists.loader import load_library
from store.tinydb import TinyStore
from tui.board import Board
from tui.demo import build_demo

TODAY = "2024-05-20"

# Every notice an app was asked to show, as typed: recorded where it enters, App.notify (public), not read
# back from Textual's private list of the notices on screen.
_NOTICES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@pytest.fixture(autouse=True)
def recorded_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.app import App

    notify = App.notify

    def recording(self, message, *args, **kwargs):
        _NOTICES.setdefault(self, []).append(message)
        return notify(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", recording)


def notices(app) -> list[str]:
    """The notices ``app`` was asked to show so far, oldest first."""
    return list(_NOTICES.get(app, []))


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


# One <text> of Rich's SVG export: where it starts (pixels), which terminal row it is clipped to, what it says.
_SVG_TEXT = re.compile(r'<text [^>]*?x="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*?clip-path="url\(#[^)]*?-line-(\d+)\)"'
                       r'[^>]*>(.*?)</text>', re.S)


def screen_lines(app) -> list[str]:
    """The terminal's rows as the app last drew them (dialog over the screen beneath), one string per row.

    Read from App.export_screenshot, Textual's public picture of the screen: each run of text in it sits at
    its column (x / the width of a character cell) on its row (the clip path it belongs to).
    """
    width, height = app.size
    runs = [(float(x), float(length), int(row), html.unescape(text).replace("\xa0", " ").replace("\n", ""))
            for x, length, row, text in _SVG_TEXT.findall(app.export_screenshot())]
    char_width = next(length / len(text) for _, length, _, text in runs if text)
    rows = [""] * height
    for x, _, row, text in sorted(runs, key=lambda run: (run[2], run[0])):
        if row < height:
            column = round(x / char_width)
            rows[row] += " " * (column - cell_len(rows[row])) + text
    return [row + " " * (width - cell_len(row)) for row in rows]


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

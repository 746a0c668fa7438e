"""A write that waits for another process's lock: the wait shows with the seconds counting, and Esc gives it up."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time

from store.tinydb.changes import all_events
from tui.app.app import DutyApp
from tui.app.dialogs.wait import WaitDialog
from tui.app.screens.checklist import ChecklistScreen

from .conftest import notices, open_checklist, run, screen_lines, settle

HOLDER = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1], is_singleton=False)
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""


def hold_lock(path) -> subprocess.Popen:
    """Another process holding the database's lock until its stdin closes."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def release(holder: subprocess.Popen) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=10) == 0


async def until(pilot, condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def waited_seconds(app) -> float | None:
    """The seconds the screen says it has waited, read off the drawn screen."""
    try:
        text = "\n".join(screen_lines(app))
    except StopIteration:  # caught between two frames, with nothing drawn yet
        return None
    found = re.search(r"已等待 ([\d.]+) 秒", text)
    return float(found.group(1)) if found else None


def test_a_tick_waiting_for_the_lock_counts_the_seconds_and_esc_gives_it_up(board) -> None:
    before = len(all_events(board.store))

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "节日廉洁")
            holder = hold_lock(board.store.paths.lock)
            try:
                await pilot.press("space")
                await until(pilot, lambda: isinstance(app.screen, WaitDialog))
                assert "等待其他用户完成写入" in "\n".join(screen_lines(app))
                await until(pilot, lambda: (waited_seconds(app) or 0) >= 0.3)
                first = waited_seconds(app)
                assert first is not None
                await until(pilot, lambda: (waited_seconds(app) or 0) >= first + 0.5)  # counting
                await pilot.press("escape")
                await settle(pilot)
                assert isinstance(app.screen, ChecklistScreen)
                assert any("已放弃" in n for n in notices(app))
            finally:
                release(holder)
            # The lock is free now: a write given up must not happen after all.
            await asyncio.sleep(0.5)
            await settle(pilot)
            assert len(all_events(board.store)) == before
            assert not any(n.startswith("已勾选") for n in notices(app))

    run(scenario())


def test_a_short_wait_shows_nothing_and_the_tick_is_saved(board) -> None:
    before = len(all_events(board.store))

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "节日廉洁")
            await pilot.press("space")
            await settle(pilot)
            assert len(all_events(board.store)) == before + 1
            assert not any(isinstance(s, WaitDialog) for s in app.screen_stack)

    run(scenario())


def test_the_wait_closes_by_itself_when_the_lock_comes_free_and_the_tick_is_saved(board) -> None:
    before = len(all_events(board.store))

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "节日廉洁")
            holder = hold_lock(board.store.paths.lock)
            try:
                await pilot.press("space")
                await until(pilot, lambda: isinstance(app.screen, WaitDialog))
            finally:
                release(holder)
            await until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
            await settle(pilot)
            assert len(all_events(board.store)) == before + 1

    run(scenario())


def test_in_the_walk_esc_reaches_the_wait_although_keys_wait_for_the_save(board) -> None:
    """The walk holds keys while it saves; once the wait shows, Esc must reach it, and the step stays."""
    from tui.app.screens.walk import WalkScreen

    before = len(all_events(board.store))

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            holder = hold_lock(board.store.paths.lock)
            try:
                await pilot.press("space")
                await until(pilot, lambda: isinstance(app.screen, WaitDialog))
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is walk)
                await settle(pilot)
                assert walk.index == 0 and not walk.finished
            finally:
                release(holder)
            await asyncio.sleep(0.5)
            await settle(pilot)
            assert len(all_events(board.store)) == before

    run(scenario())

"""Read-only is explicit: an edit key says why and what to do, and keys that cannot work are off the key bar."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from store.tinydb import TinyStore
from store.tinydb.changes import all_events
from tui.app.app import DutyApp
from tui.app.screens.walk import WalkScreen
from tui.app.widgets.keybar import KeyBar
from tui.board import Board

from .conftest import notices, open_checklist, run, settle


def key_bar(app) -> str:
    return " ".join(str(bar.render()) for bar in app.screen.query(KeyBar))


def setup_of(app) -> str:
    from textual.widgets import Static

    panel = app.screen.query_one("#setup", Static)
    return str(panel.render()) if panel.display else ""


def test_chosen_read_only_a_tick_says_to_reopen_without_the_switch(board) -> None:
    board.store.read_only = True
    before = len(all_events(board.store))

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(100, 24)) as pilot:
            await settle(pilot)
            assert "逐项办理" not in key_bar(app)
            await open_checklist(pilot, "节日廉洁")
            assert "勾选" not in key_bar(app) and "逐项办理" not in key_bar(app)
            for key in ("space", "n", "w"):
                await pilot.press(key)
                await settle(pilot)
                said = notices(app)[-1]
                assert "不带 --read-only 重新打开" in said, (key, said)
            assert len(notices(app)) == 3  # one line per key
            assert not isinstance(app.screen, WalkScreen)
            assert len(all_events(board.store)) == before

    run(scenario())


@pytest.fixture
def barred(board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Board:
    """An account that may not write: the database folder belongs to a group it is not in; unlinked."""
    monkeypatch.setattr(TinyStore, "writable", lambda self: False)
    folder = board.store.location.parent
    group = "nogroup"
    if shutil.which("getent") is None or os.system(f"getent group {group} >/dev/null") != 0:
        pytest.skip("no group nogroup")
    shutil.chown(folder, group=group)
    if os.stat(folder).st_gid in (os.getegid(), *os.getgroups()):
        pytest.skip("this account is in nogroup")
    store = TinyStore(board.store.location, read_only=True, lock_timeout=5)
    return Board(store, board.library, account="visitor")


def test_without_write_access_an_unlinked_account_is_not_told_to_run_a_command_that_fails(barred) -> None:
    async def scenario():
        app = DutyApp(barred, first=barred.load(), live_interval=3600)
        async with app.run_test(size=(100, 24)) as pilot:
            await settle(pilot)
            text = setup_of(app)
            assert "还没有关联名册中的人" in text
            assert "whoami --link" not in text
            assert "加入组 nogroup" in text
            bar = key_bar(app)
            assert "逐项办理" not in bar and "关联" not in bar
            for key in ("w", "l"):
                await pilot.press(key)
                await settle(pilot)
                assert "不在数据库目录" in notices(app)[-1] and "加入组 nogroup" in notices(app)[-1], key
            assert not isinstance(app.screen, WalkScreen)

    run(scenario())

"""One spelling of each key (key bar, help, prompts, messages) and one read-only mark on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Static

import tui
from tui.app.app import DutyApp
from tui.app.dialogs.help import KEYS
from tui.app.glyphs import READ_ONLY
from tui.app.screens.ledger import LedgerScreen
from tui.app.screens.walk import WalkScreen
from tui.app.widgets.keybar import KeyBar
from tui.keynames import key_name

from .conftest import open_checklist, run, screen_lines, settle
from .test_focus_and_keys import bottom_line

SOURCES = sorted(Path(tui.__file__).parent.rglob("*.py"))


@pytest.mark.parametrize(("key", "name"), [
    ("slash", "/"), ("ctrl+s", "Ctrl+S"), ("ctrl+p", "Ctrl+P"), ("escape", "Esc"), ("enter", "Enter"),
    ("space", "空格"), ("question_mark", "?"), ("right", "→"), ("left_square_bracket", "["), ("w", "w"),
    ("W", "W"), ("greater_than_sign", ">"),
])
def test_a_key_is_named_as_printed_on_it(key: str, name: str) -> None:
    assert key_name(key) == name


def test_no_screen_text_spells_a_key_another_way() -> None:
    """Textual's "^s"-style names and "回车" for Enter appear in no text shown to people."""
    found = []
    for path in SOURCES:
        if path.name == "keynames.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if "key_display=\"^" in code or re.search(r"[\"'][^\"']*(回车|\^[a-z]\b)", code):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert not found, found


def test_every_key_named_in_a_message_is_spelled_by_the_formatter() -> None:
    """Each "按 X" in the messages and hints names X as key_name does for some key."""
    spelled = {key_name(k) for k in ("enter", "escape", "tab", "space", "slash", "question_mark", "plus",
                                     "left", "right", "up", "down", "greater_than_sign", "less_than_sign",
                                     "left_square_bracket", "right_square_bracket", "ctrl+p", "ctrl+s")}
    spelled |= set("abcdefghijklmnopqrstuvwxyzW")
    named = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        named += [(path.name, key) for key in re.findall(r"按 ([^\s{，。；）-][^\s{，。；）]*) ", text)]
    assert named, "no message names a key: the pattern no longer matches anything"
    assert not [(where, key) for where, key in named if key not in spelled], named


def test_the_key_bar_the_form_and_the_help_spell_keys_alike(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            listed = "".join(text.plain for text, _ in app.screen.query_one(KeyBar).line[0])  # all, fitting or not
            assert " / 搜索" in listed and "slash" not in listed, listed
            assert " Ctrl+P 命令" in listed and "^p" not in listed, listed
            await open_checklist(pilot, "挂牌督办台账")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
            await pilot.press("a")  # the ledger's form
            await settle(pilot)
            line = bottom_line(app)
            assert "Ctrl+S 保存" in line and "^s" not in line, line
            assert "按 Enter 或 Ctrl+S 保存" in "".join(screen_lines(app))
    run(scenario())
    assert ("Ctrl+P", "命令面板：所有操作都可在此搜索执行") in KEYS
    assert not [key for key, _ in KEYS if "回车" in key]


def test_read_only_is_marked_alike_on_every_page(board) -> None:
    board.store.read_only = True

    def marks(text: str) -> list[str]:
        """Every way 只读 is written: bare, in brackets or in parentheses."""
        return re.findall(r"[\[（(]?只读[\]）)]?", text)

    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            seen = {"总览": str(app.screen.query_one("#dash-header", Static).render())}
            await pilot.press("w")  # read-only, the walk could change nothing: it does not open (the key says why)
            await settle(pilot)
            assert not isinstance(app.screen, WalkScreen)
            checklist = await open_checklist(pilot, "挂牌督办台账")
            seen["清单"] = str(checklist.query_one("#cl-header", Static).render())
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, LedgerScreen)
            seen["台账"] = str(app.screen.query_one("#ledger-header", Static).render())
            await pilot.press("question_mark")
            await settle(pilot)
            seen["帮助"] = str(app.screen.query_one("#help-text", Static).render())
        return seen

    seen: dict[str, str] = {}
    seen.update(asyncio_run(scenario()))
    assert set(seen) == {"总览", "清单", "台账", "帮助"}
    for page, text in seen.items():
        assert marks(text) == [READ_ONLY], (page, text)


def asyncio_run(coro):
    import asyncio

    return asyncio.run(coro)

"""Stored text with escape sequences and markup, on the screens of the TUI.

The database is edited by hand after the fact, as text stored before input
was checked would be.
"""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input, Label

from checklists.periods import parse_period
from store.tinydb.roster import add_person
from tests.support.writes import Change, record
from tui.app.app import DutyApp
from tui.app.dialogs.prompt import PromptDialog
from tui.app.widgets.detail import Detail

from .conftest import open_checklist, run, settle

NOTE = "\x1b[2J[b]粗[/]\x9b"
NOTE_SHOWN = "\\x1b[2J[b]粗[/]\\x9b"
ACCOUNT = "\x1b]0;x\x07[i]"
ACCOUNT_SHOWN = "\\x1b]0;x\\x07[i]"
NAME = "王[/]\u202e五"
NAME_SHOWN = "王[/]\\u202e五"
RAW = {"\x1b", "\x07", "\x9b", "\u202e"}


def tamper(store, marker: str, value: str) -> None:
    for path in [store.path, *store.paths.shards.glob("*.json")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(marker, json.dumps(value)[1:-1]), encoding="utf-8")


def legacy(board) -> None:
    checklist = board.library.get("jieri-lianjie")
    record(board.store, Change(checklist, checklist.item("chunjie"), parse_period("2024"), "", "done",
                               note="LEGACYNOTE"), account="LEGACYACCOUNT")
    add_person(board.store, "LEGACYNAME", ["班子成员"])
    tamper(board.store, "LEGACYNOTE", NOTE)
    tamper(board.store, "LEGACYACCOUNT", ACCOUNT)
    tamper(board.store, "LEGACYNAME", NAME)


def test_stored_controls_and_markup_show_literally(board) -> None:
    legacy(board)

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            table = screen.query_one("#grid", DataTable)
            table.move_cursor(row=1)  # items: 元旦, 春节, ...
            await settle(pilot)
            assert screen.current().item.id == "chunjie"
            detail = str(screen.query_one("#detail", Detail).render())
            assert NOTE_SHOWN in detail and ACCOUNT_SHOWN in detail and not RAW & set(detail)
            cells = [str(cell) for cell in table.get_row_at(1)]
            name, day = cells[4].rsplit(" ", 1)  # 最后修改: the name written out and cut with "…", the day in full
            assert name.endswith("…") and ACCOUNT_SHOWN.startswith(name[:-1]) and not RAW & set(name)
            assert day == "05-20"
            shot = app.export_screenshot()
            assert NOTE_SHOWN in shot and not RAW & set(shot)

            await pilot.press("n")  # the note to edit, written out; confirmed unchanged, it is refused
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            assert app.screen.query_one(Input).value == NOTE_SHOWN
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)  # still open, to be corrected
            assert str(app.screen.query_one("#prompt-error", Label).render()) == \
                "备注含有控制字符 U+001B（第 1 个字符）；请删去后重试"

            await pilot.press("escape", "escape")
            await settle(pilot)
            screen = await open_checklist(pilot, "1书")
            table = screen.query_one("#grid", DataTable)
            names = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
            assert NAME_SHOWN in names
            table.move_cursor(row=names.index(NAME_SHOWN), column=1)
            await settle(pilot)
            detail = str(screen.query_one("#detail", Detail).render())
            assert f"[{NAME_SHOWN}]" in detail and not RAW & set(detail)
            assert not RAW & set(app.export_screenshot())
    run(scenario())


def test_a_multi_line_note_opened_and_confirmed_is_kept(board) -> None:
    checklist = board.library.get("jieri-lianjie")
    record(board.store, Change(checklist, checklist.item("chunjie"), parse_period("2024"), "", "done",
                               note="第一条\n第二条"))

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            screen.query_one("#grid", DataTable).move_cursor(row=1)
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert app.screen.query_one(Input).value == "第一条⏎第二条"
            await pilot.press("enter")
            await settle(pilot)
            from store.tinydb.changes import all_events

            assert [e["note"] for e in all_events(board.store) if e["action"] == "note"] == ["第一条\n第二条"]
    run(scenario())

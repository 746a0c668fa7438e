"""Pasting several lines: a multi-line field keeps every one, a one-line field says it cannot take them."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, Label

from tui.app.app import DutyApp
from tui.app.dialogs.ledger_form import LedgerForm
from tui.app.dialogs.prompt import PromptDialog
from tui.app.widgets.text_input import TextInput

from .conftest import open_checklist, run, settle
from .test_ledger_screen import open_ledger, rows_of
from .test_pilot import state_of


async def paste(pilot, text: str) -> None:
    """What a terminal's bracketed paste becomes: one Paste event, which the app hands to the focused field."""
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


def test_a_note_pasted_on_several_lines_keeps_every_line(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "节日廉洁")
            screen.query_one("#grid", DataTable).move_cursor(row=3)  # 中秋
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await paste(pilot, "短信平台已发送\r\n共 56 人\n")
            assert app.screen.query_one(TextInput).value == "短信平台已发送⏎共 56 人"  # each break shown, none lost
            await pilot.press(*"无退回", "enter")
            await settle(pilot)
            assert state_of(board, "jieri-lianjie", "zhongqiu", "org")["note"] == "短信平台已发送\n共 56 人无退回"
            await pilot.press("n")  # opened again, the note shows as it was pasted, and confirming keeps it
            await settle(pilot)
            assert app.screen.query_one(TextInput).value == "短信平台已发送⏎共 56 人无退回"
            await pilot.press("enter")
            await settle(pilot)
            assert state_of(board, "jieri-lianjie", "zhongqiu", "org")["note"] == "短信平台已发送\n共 56 人无退回"
    run(scenario())


def test_several_lines_pasted_into_a_one_line_field_are_refused_with_a_reason(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("slash")  # the search box: one line
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await paste(pilot, "节日廉洁\n春节")
            assert app.screen.query_one(TextInput).value == ""
            assert str(app.screen.query_one("#prompt-error", Label).render()) == \
                "这一项只能填一行，粘贴的内容有 2 行，未粘贴；请只复制其中一行"
            await paste(pilot, "节日廉洁\r\n")  # one line and its line end: pasted as the line
            assert app.screen.query_one(TextInput).value == "节日廉洁"
    run(scenario())


def test_the_ledger_form_keeps_the_lines_of_a_text_column_and_refuses_them_in_a_name(board) -> None:
    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_ledger(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, LedgerForm)
            await paste(pilot, "清廉机关建设\n（第二批）")  # 事项, a text column
            await pilot.press("enter")
            await settle(pilot)
            await paste(pilot, "吴芳\n陈静")  # 责任人: one person
            form = app.screen
            assert form.query_one("#field-zerenren", TextInput).value == ""
            assert str(form.query_one("#form-error", Label).render()) == \
                "这一项只能填一行，粘贴的内容有 2 行，未粘贴；请只复制其中一行"
            await pilot.press(*"吴芳", "enter", "enter", *"2024-08-31", "enter", "enter")
            await settle(pilot)
            assert rows_of(board)["#4"]["fields"]["shixiang"] == "清廉机关建设\n（第二批）"
    run(scenario())


def test_the_export_year_says_so_too(board) -> None:
    from tui.app.dialogs.export import ExportDialog

    async def scenario():
        app = DutyApp(board)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one(TextInput).value = ""
            await paste(pilot, "2023\n2024")
            assert app.screen.query_one(TextInput).value == ""
            assert str(app.screen.query_one("#export-status", Label).render()) == \
                "这一项只能填一行，粘贴的内容有 2 行，未粘贴；请只复制其中一行"
    run(scenario())

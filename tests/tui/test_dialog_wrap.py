"""Dialog text wraps inside its box, per character for Chinese, and is read here off the drawn screen.

A new user at 80x24 saw the 记一次 date refusal stop at "起始日期之前的事" and the
跳到周期 question at "留空回到": a Label as wide as its text, cut by the box.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len

from checklists.text import visible
from tui.app.app import DutyApp
from tui.app.dialogs.export import ExportDialog
from tui.app.dialogs.form import FormDialog
from tui.app.dialogs.prompt import PromptDialog
from tui.app.widgets.wrap import CharWrap, break_offsets, wrapped

from .conftest import open_checklist, run, settle, shown_in

SIZES = [(80, 24), (50, 14)]  # the common SSH terminal and the smallest the app works in
BEFORE_START = "日期 2022-12-01 早于本单位的起始日期 2023-01-01；起始日期之前的事项不算本单位的待办"
JUMP = "跳到周期（如 2024 看全年各期、2024-H1、2024-Q3、2024-07；留空回到本期）"


def joined(rows: list[str]) -> str:
    """Rows read as one sentence: a line break stands where a space or nothing was."""
    return "".join("".join(rows).split())


@pytest.fixture
def short_folder() -> Iterator[Path]:
    """A folder of a length people have, whatever the length of pytest's temporary one: 50x14 holds
    two such paths whole, but no box holds a path of any length without scrolling."""
    with tempfile.TemporaryDirectory(prefix="dt-", dir="/tmp") as folder:
        yield Path(folder)


def assert_box_on_screen(app, box: str) -> None:
    region = app.screen.query_one(box).region
    width, height = app.size
    assert region.x >= 0 and region.y >= 0 and region.right <= width and region.bottom <= height - 1, region  # key bar


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_date_before_the_start_is_refused_in_full(board, size) -> None:
    board.store.set_org(since=date(2023, 1, 1))

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "清廉")
            assert screen.current().item.id == "dajiangtang"  # 2023's 举办清廉文化大讲堂, under 往期未完成
            await pilot.press("plus")
            await settle(pilot)
            await pilot.press(*["backspace"] * 10, *"2022-12-01", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            rows = shown_in(app, "#prompt-error", "#prompt-box")
            assert joined(rows) == joined([BEFORE_START]), rows
            assert len(rows) >= 2  # it did wrap: it is longer than any line of the box
            title = shown_in(app, "#prompt-title", "#prompt-box")
            assert joined(title) == joined(["记一次“举办清廉文化大讲堂”：日期（记入该日期所在的一期）"]), title
            assert_box_on_screen(app, "#prompt-box")
    run(scenario())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_period_question_is_shown_to_its_end(board, size) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "三会")
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            rows = shown_in(app, "#prompt-title", "#prompt-box")
            assert joined(rows) == joined([JUMP]), rows
            assert_box_on_screen(app, "#prompt-box")
    run(scenario())


def test_a_form_refusal_stays_in_view_on_the_smallest_terminal(board) -> None:
    """The fields scroll; the title and the line saying what is wrong do not scroll away below them."""

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(50, 14)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "挂牌督办台账")
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, FormDialog)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, FormDialog)
            assert joined(shown_in(app, "#form-error", "#form-box")) == joined(["必填列不能为空：事项、责任人、时限"])
            assert joined(shown_in(app, "#form-title", "#form-box")) == "新增：挂牌督办台账"
            assert_box_on_screen(app, "#form-box")
    run(scenario())


def test_both_export_paths_are_shown_whole_on_the_smallest_terminal(board, short_folder: Path, monkeypatch) -> None:
    started = short_folder / "台账"
    started.mkdir()
    monkeypatch.chdir(started)
    folder = started / "duty-tui-exports"  # where the TUI writes, beside where it was started

    async def scenario():
        app = DutyApp(board, first=board.load(), live_interval=3600)
        async with app.run_test(size=(50, 14)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ExportDialog) and app.screen.written is not None
            shown = joined(shown_in(app, "#export-status", "#export-box"))
            assert joined([f"台账：{folder / '2024年度台账.xlsx'}"]) in shown
            assert joined([f"报告：{folder / '2024年度主体责任报告（草稿）.docx'}"]) in shown
            assert shown.startswith("已写入（按Esc关闭）")
            assert_box_on_screen(app, "#export-box")
    run(scenario())


def test_chinese_breaks_between_characters_and_keeps_words_and_punctuation() -> None:
    text = "日期 2022-12-01 早于本单位的起始日期 2023-01-01；起始日期之前的事项不算本单位的待办"
    lines = wrapped(text).at(30).plain.split("\n")
    assert lines == ["日期 2022-12-01 早于本单位的起", "始日期 2023-01-01；起始日期之", "前的事项不算本单位的待办"]
    assert wrapped("甲乙丙丁，戊").at(8).plain == "甲乙丙\n丁，戊"  # no line starts with "，"
    assert wrapped("甲乙丙（丁）").at(8).plain == "甲乙丙\n（丁）"  # nor ends with "（"
    assert wrapped("/home/共享/2024年度台账.xlsx").at(10).plain.split("\n") == [
        "/home/共享", "/2024年度", "台账.xlsx"]
    assert wrapped("  p             跳到周期：留空回到本期", hang=16).at(34).plain.split("\n") == [
        "  p             跳到周期：留空回到", "                本期"]


@example("\x1b（\x1b", 8, 4)  # a narrow word after a wide one, too long for the room left
@given(st.text(alphabet=st.sampled_from([*"王伟、，（）“”；", *"ab-/.:", " ", "\n", "😀", "e", "\u0301", "\t", "\x1b"]),
               max_size=120), st.integers(min_value=2, max_value=80), st.sampled_from([0, 4, 16]))
def test_no_line_is_wider_than_its_box_and_no_character_is_lost(text: str, width: int, hang: int) -> None:
    shown = visible(text)
    visual = CharWrap(wrapped(shown).content, hang)
    laid_out = visual.at(width)
    lines = laid_out.plain.split("\n")
    assert all(cell_len(line.rstrip()) <= width for line in lines), lines  # spaces past the edge hide nothing
    assert visual.get_height({}, width) == len(lines)  # Textual's own wrap finds nothing more to break
    assert "".join(laid_out.plain.split()) == "".join(shown.split())
    assert not break_offsets(shown.replace("\n", " "), 10**6)

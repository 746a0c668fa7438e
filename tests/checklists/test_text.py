"""The text rule: which characters are refused at input, and how stored ones are shown."""

from __future__ import annotations

import unicodedata

import pytest

from checklists import text
from checklists.errors import Refusal
from checklists.text import editable, spreadsheet_text, text_problem, visible
from tui.errors import explain


@pytest.mark.parametrize("value", ["见附件〔2024〕3号", "Zhang San", "王伟（办公室）", "全角　空格", "non\u00a0breaking",
                                   "emoji 😀", "[/oops] [link=http://x]y[/link]", "", "¥100 · §3"])
def test_ordinary_text_passes(value: str) -> None:
    assert text_problem(value) is None
    assert visible(value) == value == visible(value, multiline=False)


def test_the_message_names_field_character_and_position() -> None:
    problem = text_problem("见附件〔2\x1b[2J")
    assert problem is not None
    assert explain(problem.refusal("note")) == "备注含有控制字符 U+001B（第 6 个字符）；请删去后重试"
    rejected = Refusal("import-rejected", source="名册.csv", noun="people",
                       problems=(problem.refusal("name", line=3, column="姓名"),))
    assert explain(rejected).splitlines() == ["名册.csv：第 3 行“姓名”列含有控制字符 U+001B（第 6 个字符）",
                                              "名册.csv：有 1 行错误，未导入任何人员"]


@pytest.mark.parametrize(("char", "kind"), [
    ("\x00", "控制字符"), ("\x07", "控制字符"), ("\x1b", "控制字符"), ("\r", "控制字符"), ("\x7f", "控制字符"),
    ("\x85", "控制字符"), ("\x9b", "控制字符"), ("\n", "换行符"), ("\t", "制表符"),
    ("\u202e", "文字方向控制字符"), ("\u2066", "文字方向控制字符"), ("\u200f", "文字方向控制字符"),
    ("\u200b", "不可见的格式字符"), ("\ufeff", "不可见的格式字符"), ("\u00ad", "不可见的格式字符"),
    ("\U000e0041", "不可见的格式字符"), ("\udcff", "非 UTF-8 字符"), ("\u2028", "分隔符"), ("\u2029", "分隔符"),
])
def test_refused_in_a_single_line_field(char: str, kind: str) -> None:
    problem = text_problem(f"王{char}伟")
    assert problem is not None and problem.position == 2
    assert explain(problem.refusal("name")) == f"姓名含有{kind} U+{ord(char):04X}（第 2 个字符）；请删去后重试"


def test_multi_line_fields_take_newlines_and_tabs_but_nothing_else() -> None:
    assert text_problem("第一条\n第二条\t附后", multiline=True) is None
    assert text_problem("第一条\r\n第二条", multiline=True).char == "\r"
    assert text_problem("见\u202e附件", multiline=True).char == "\u202e"


def test_the_fast_path_ranges_hold_no_refused_character() -> None:
    """Characters outside _SUSPECT are never looked up: none of them may be one to refuse."""
    missed = [hex(code) for code in range(0x10000)
              if not text._SUSPECT.match(chr(code)) and text.refused(chr(code))]
    assert missed == []
    assert text._SUSPECT.match("\U000e0041") and text._SUSPECT.match("\U0001f600")  # all astral is looked up


def test_visible_writes_controls_out() -> None:
    value = "a\x1b[31mb\x9bc\u202ed\U000e0041e\udcff\x00"
    assert visible(value) == "a\\x1b[31mb\\x9bc\\u202ed\\U000e0041e\\udcff\\x00"
    assert visible("一\n二\t三") == "一\n二    三"
    assert visible("一\n二\t三", multiline=False) == "一⏎二 三"
    assert visible("一\r\n二", multiline=False) == "一\\x0d⏎二"
    assert all(unicodedata.category(c) not in text.REFUSED for c in visible(value + "\n", multiline=False))


def test_editable_keeps_a_clean_line_and_shows_the_rest() -> None:
    assert editable("局办〔2024〕3号") == "局办〔2024〕3号"
    assert editable("第一条\n第二条") == "第一条⏎第二条"
    assert editable("红\x1b[31m") == "红\\x1b[31m"


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"), ("+1", "'+1"), ("-3", "'-3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'    cmd"), ("\rcmd", "'\\x0dcmd"), ("  =1+1", "'  =1+1"),
    ("见附件", "见附件"), ("a=b", "a=b"), ("2024-01-31", "2024-01-31"), ("", ""), ("x\x1b", "x\\x1b"),
])
def test_spreadsheet_cells_are_never_formulas(value: str, cell: str) -> None:
    assert spreadsheet_text(value) == cell


def test_a_workbook_keeps_them_as_text(tmp_path) -> None:
    """openpyxl stores a str starting with "=" as a formula; the helper's output stays a string."""
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["=1+1"])  # what an export without the helper would write
    sheet.append([spreadsheet_text(v) for v in ("=1+1", "-3", "@x", "\x1b[2J", "\x9b")])
    book.save(tmp_path / "out.xlsx")
    rows = list(load_workbook(tmp_path / "out.xlsx").active.iter_rows())
    assert rows[0][0].data_type == "f"
    assert [(c.data_type, c.value) for c in rows[1]] == [
        ("s", "'=1+1"), ("s", "'-3"), ("s", "'@x"), ("s", "\\x1b[2J"), ("s", "\\x9b")]

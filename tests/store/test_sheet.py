"""Imports read a file as the sheet shows it, or refuse it whole, naming the cell: store.sheet."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from store.ledger_import import read_rows
from store.roster_import import read_people
from tests.conftest import refused
from tests.support.workbooks import HEADER, ROW, SHEET, damaged_files, rewrite, workbook
from tui.errors import explain


@pytest.fixture
def item(library):
    return library.get("guapai-duban").item("guapai-duban")


def csv_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def message(action: Callable[[], object]) -> str:
    with refused() as caught:
        action()
    return explain(caught.value)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_given_twice_is_named_with_its_columns(item, tmp_path: Path, suffix: str) -> None:
    rows = [[*HEADER, "责任人"], [*ROW, "张三"]]
    path = tmp_path / f"督办{suffix}"
    if suffix == ".csv":
        csv_file(path, "\n".join(",".join(r) for r in rows) + "\n")
    else:
        workbook(path, *rows)
    assert message(lambda: read_rows(path, item)) == (
        f"{path}：表头“责任人”出现了 2 次（第 2 列、第 5 列）；只能保留一列，请删去或改名其余的")


def test_two_names_of_one_field_are_one_column_too(item, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "督办.csv", "事项,责任人,时限,SHIXIANG\n招商,王五,2024-03-31,项目\n")
    assert message(lambda: read_rows(path, item)) == (
        f"{path}：表头“事项”（第 1 列）、“SHIXIANG”（第 4 列）是同一列；只能保留一列，请删去或改名其余的")
    roster = csv_file(tmp_path / "名册.csv", "姓名,角色,科室,部门\n张三,党员,办公室,财务科\n")
    assert "表头“科室”（第 3 列）、“部门”（第 4 列）是同一列" in message(lambda: read_people(roster))


def test_unknown_headers_are_all_listed(item, tmp_path: Path) -> None:
    path = workbook(tmp_path / "督办.xlsx", [*HEADER, "备注列", "手机"], [*ROW, "x", "138"])
    assert message(lambda: read_rows(path, item)) == (
        f"{path}：表头“备注列”（第 5 列）、“手机”（第 6 列）不对应任何列；"
        "可用的表头：事项、责任人、责任科室、时限、进展；请改名或删去这些列后重试")
    roster = csv_file(tmp_path / "名册.csv", "姓名,角色,手机\n张三,党员,138\n")
    assert message(lambda: read_people(roster)) == (
        f"{roster}：表头“手机”（第 3 列）不对应任何列；可用的表头：姓名、角色、科室、支部、邮箱；请改名或删去这些列后重试")


def test_a_first_row_of_data_is_told_what_the_header_should_be(item, tmp_path: Path) -> None:
    """Not that 张三 and 党员 are unknown headers."""
    roster = csv_file(tmp_path / "名册.csv", "张三,党员\n")
    assert "第 1 行缺少“姓名”或“角色”列" in message(lambda: read_people(roster))
    path = csv_file(tmp_path / "督办.csv", ",".join(ROW) + "\n")
    assert "表头缺少必填列：事项、责任人、时限" in message(lambda: read_rows(path, item))


def test_cells_beyond_the_header_are_named_and_counted(item, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "督办.csv", ",".join(HEADER) + "\n" + ",".join(ROW) + "\n"
                    + ",".join([*ROW, "", "多出来的"]) + "\n" + ",".join([*ROW, "又一个"]) + "\n")
    assert message(lambda: read_rows(path, item)) == (
        f"{path}：第 3 行第 6 列（F3）有内容，但这一列没有表头（另有 1 处同样的单元格）；请给该列加上表头，或删去多余的内容")
    # A gap in the header counts as well: the cells under it would be dropped.
    gap = workbook(tmp_path / "督办.xlsx", ["事项", "责任人", None, "时限"], ["招商", "王五", "财务科", "2024-03-31"])
    assert "第 2 行第 3 列（C2）有内容，但这一列没有表头；" in message(lambda: read_rows(gap, item))
    # Trailing empty cells are nothing to refuse.
    fine = csv_file(tmp_path / "ok.csv", ",".join(HEADER) + ",,\n" + ",".join(ROW) + ",,\n")
    assert read_rows(fine, item)[0][1]["shixiang"] == "招商引资一号工程"


def test_cells_beyond_a_wrong_dimension_are_still_read(item, tmp_path: Path) -> None:
    """Some programs declare the sheet as A1 whatever it holds; read-only openpyxl would stop there."""
    path = workbook(tmp_path / "督办.xlsx", HEADER, ROW, [*ROW, "多出来的"])
    rewrite(path, SHEET, lambda xml: xml.replace(b'<dimension ref="A1:E3"/>', b'<dimension ref="A1"/>'))
    assert b'ref="A1"/>' in zipfile.ZipFile(path).read(SHEET)
    assert "第 3 行第 5 列（E3）有内容" in message(lambda: read_rows(path, item))


def test_a_formula_without_a_cached_result_is_named_by_its_cell(item, tmp_path: Path) -> None:
    """openpyxl writes formulas without results; read as values, the cell would be empty."""
    rows = [HEADER, *[ROW] * 5, ["招商", "王五", "=B2", "2024-03-31"], ["招商", "王五", "=B3", "2024-03-31"]]
    path = workbook(tmp_path / "督办.xlsx", *rows)
    assert message(lambda: read_rows(path, item)) == (
        f"{path}：单元格 C7 是公式，但文件中没有保存它的计算结果（另有 1 处同样的单元格）；"
        "请用 Excel 或 WPS 打开并保存后再导入，或把公式改为数值")
    roster = workbook(tmp_path / "名册.xlsx", ["姓名", "角色"], ['=CONCAT("张","三")', "党员"])
    assert "单元格 A2 是公式" in message(lambda: read_people(roster))


def test_a_formula_with_its_result_gives_the_result(item, tmp_path: Path) -> None:
    """As Excel saves it: the result in <v>, an empty text result as t="str" with an empty <v>."""
    path = workbook(tmp_path / "督办.xlsx", [*HEADER, "进展"], [*ROW[:2], "=X1", ROW[3], '=IF(1,"","x")'])
    rewrite(path, SHEET, lambda xml: xml.replace(b"<f>X1</f><v></v>", b'<f>X1</f><v>\xe8\xb4\xa2\xe5\x8a\xa1\xe7\xa7\x91</v>')
            .replace(b'<c r="C2">', b'<c r="C2" t="str">')
            .replace(b'<c r="E2">', b'<c r="E2" t="str">'))
    ((number, values),) = read_rows(path, item)
    assert (number, values["keshi"], values["jinzhan"]) == (2, "财务科", "")


def test_a_formula_whose_result_is_an_error_is_refused(item, tmp_path: Path) -> None:
    path = workbook(tmp_path / "督办.xlsx", HEADER, [*ROW[:2], "=VLOOKUP(1,X1,2)", ROW[3]])
    rewrite(path, SHEET, lambda xml: xml.replace(b'<c r="C2"><f>VLOOKUP(1,X1,2)</f><v></v>',
                                                 b'<c r="C2" t="e"><f>VLOOKUP(1,X1,2)</f><v>#N/A</v>'))
    assert message(lambda: read_rows(path, item)) == f"{path}：单元格 C2 的公式结果是错误值 #N/A；请改正公式后再导入"


def test_an_error_value_without_a_formula_is_refused_not_read_as_text(item, tmp_path: Path) -> None:
    """A #N/A pasted as a value is an error cell (t="e") all the same; it is not the text "#N/A"."""
    path = workbook(tmp_path / "督办.xlsx", HEADER, [*ROW[:2], "#N/A", ROW[3]])
    assert b'<c r="C2" t="e"><v>#N/A</v>' in zipfile.ZipFile(path).read(SHEET)
    assert message(lambda: read_rows(path, item)) == f"{path}：单元格 C2 是错误值 #N/A；请改为实际内容或留空后再导入"


def test_a_merged_cell_is_refused_not_read_as_empty(item, tmp_path: Path) -> None:
    """A 责任科室 merged down two rows shows in both; the second row's cell is empty in the file."""
    path = workbook(tmp_path / "督办.xlsx", HEADER, ROW, ROW)
    book = load_workbook(path)
    book.active.merge_cells("C2:C3")
    book.active.merge_cells("A5:B5")
    book.save(path)
    assert message(lambda: read_rows(path, item)) == (
        f"{path}：C2:C3 是合并单元格（另有 1 处同样的单元格）；合并后只有左上角的单元格有内容，"
        "请取消合并，并在每个单元格填上内容后再导入")


def test_a_damaged_workbook_is_one_line_naming_the_file(item, tmp_path: Path) -> None:
    for name, (path, said) in damaged_files(tmp_path).items():
        for read in (lambda p=path: read_rows(p, item), lambda p=path: read_people(p)):
            text = message(read)
            assert text.startswith(f"{path}：{said}") and "\n" not in text, (name, text)


def test_people_read_from_a_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "名册.xlsx", ["姓名", "角色", "部门", "党支部", "E-mail"],
                    ["张三", "班子成员\n党员", "办公室", "第一党支部", "zhangsan@example.gov.cn"], [None] * 5,
                    ["李四", "党员", None, None, None])
    people = read_people(path)
    assert [(p.name, p.roles, p.dept, p.branch, p.email) for p in people] == [
        ("张三", ("班子成员", "党员"), "办公室", "第一党支部", "zhangsan@example.gov.cn"),
        ("李四", ("党员",), "", "", "")]


def test_rows_are_numbered_as_the_sheet_numbers_them(tmp_path: Path) -> None:
    """Blank rows count in a workbook; a CSV row with a line break in a cell is still one row."""
    book = workbook(tmp_path / "名册.xlsx", ["姓名", "角色"], ["张三", "党员"], [None, None], ["李\u202e四", "党员"])
    assert message(lambda: read_people(book)).splitlines()[0] == (
        f"{book}：第 4 行“姓名”列含有文字方向控制字符 U+202E（第 2 个字符）")
    path = csv_file(tmp_path / "名册.csv", '姓名,角色\n张三,"班子成员\n党员"\n李四,不是角色\n')
    assert message(lambda: read_people(path)).splitlines()[0].startswith(f'{path}：第 3 行：角色 "不是角色" 无效')


def test_formula_text_is_kept_as_text(item, tmp_path: Path) -> None:
    """A string that looks like a formula is data: stored as typed (exports prefix it with ')."""
    attack = "=cmd|' /C calc'!A0"
    path = workbook(tmp_path / "督办.xlsx", HEADER, ["x", *ROW[1:]])
    rewrite(path, SHEET, lambda xml: xml.replace(b"<t>x</t>", f"<t>{attack}</t>".replace("'", "&apos;").encode()))
    assert b"<f>" not in zipfile.ZipFile(path).read(SHEET)
    assert read_rows(path, item)[0][1]["shixiang"] == attack
    csv = csv_file(tmp_path / "督办.csv", ",".join(HEADER) + "\n" + ",".join([f'"{attack}"', *ROW[1:]]) + "\n")
    assert read_rows(csv, item)[0][1]["shixiang"] == attack


def test_a_csv_file_the_csv_reader_gives_up_on_is_one_line(item, tmp_path: Path) -> None:
    """Python's csv module stops at a field over 128 KiB (a stray quote swallows the rest of a file)."""
    path = csv_file(tmp_path / "督办.csv", ",".join(HEADER) + "\n" + ",".join(ROW) + '\n"' + "很长" * 70000 + "\n")
    assert message(lambda: read_rows(path, item)) == (
        f"{path}：第 3 行不是有效的 CSV（引号不成对或单元格过长）；请用 Excel 或 WPS 打开后重新另存为 CSV")

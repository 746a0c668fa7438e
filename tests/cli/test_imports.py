"""`people import` and `ledger import` on the command line: workbooks as well as CSV, and whole refusals."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from checklists.text import FORMULA_STARTS
from tests.conftest import run_cli
from tests.support.workbooks import damaged_files, rewrite, workbook
from tui.cli import app

runner = CliRunner()
TODAY = {"DUTY_TUI_TODAY": "2024-05-20"}
LEDGER = ("guapai-duban", "guapai-duban")


def invoke(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], env=TODAY)


def roster(tmp_path: Path) -> Path:
    """A database whose roster came from a workbook, the way `people import 名册.xlsx` makes it."""
    db = tmp_path / "duty.json"
    source = workbook(tmp_path / "名册.xlsx", ["姓名", "角色", "科室"], ["张三", "班子成员", "办公室"],
                      ["王五", "党员", "财务科"])
    result = invoke(db, "people", "import", str(source))
    assert result.exit_code == 0 and f"已导入 2 人：{source}" in result.output, result.output
    return db


def rows_of(db: Path) -> list[dict]:
    return json.loads(invoke(db, "ledger", "list", *LEDGER, "--format", "json").output)


def test_people_and_ledger_rows_come_from_workbooks(tmp_path: Path) -> None:
    db = roster(tmp_path)
    people = json.loads(invoke(db, "people", "list", "--format", "json").output)
    assert [(p["name"], p["dept"]) for p in people] == [("王五", "财务科"), ("张三", "办公室")]  # in reading order
    source = workbook(tmp_path / "督办.xlsx", ["事项", "责任人", "责任科室", "时限"],
                      ["招商引资一号工程", "王五", "财务科", "2024-03-31"])
    assert invoke(db, "ledger", "import", *LEDGER, str(source)).exit_code == 0
    assert [r["fields"]["shixiang"] for r in rows_of(db)] == ["招商引资一号工程"]


def test_a_damaged_workbook_is_exit_2_and_one_line(tmp_path: Path) -> None:
    """The issue's case end to end, in a real process: ESC as &#27; in the sheet's XML."""
    db = roster(tmp_path)
    (tmp_path / "files").mkdir()
    files = damaged_files(tmp_path / "files")
    path, said = files["bad-xml"]
    result = run_cli(db, "ledger", "import", *LEDGER, str(path), **TODAY)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"duty-tui: {path}：{said}，无法读取；请用 Excel 或 WPS 打开修复后另存，或另存为 CSV"]
    assert rows_of(db) == []
    for name, (path, said) in files.items():
        for command in (["ledger", "import", *LEDGER], ["people", "import"]):
            result = invoke(db, *command, str(path))
            assert result.exit_code == 2, (name, command, result.output)
            assert result.stderr.startswith(f"duty-tui: {path}：{said}") and result.stderr.count("\n") == 1, (
                name, result.stderr)
    assert rows_of(db) == [] and len(json.loads(invoke(db, "people", "list", "--format", "json").output)) == 2


def test_a_refused_header_imports_nothing(tmp_path: Path) -> None:
    db = roster(tmp_path)
    header = ["事项", "责任人", "时限"]
    cases = {
        "repeated": ([*header, "责任人"], "表头“责任人”出现了 2 次（第 2 列、第 4 列）"),
        "unknown": ([*header, "备注列"], "表头“备注列”（第 4 列）不对应任何列"),
        "extra": (header, "第 2 行第 4 列（D2）有内容，但这一列没有表头（另有 1 处同样的单元格）"),
    }
    for name, (top, said) in cases.items():
        source = workbook(tmp_path / f"{name}.xlsx", top, ["招商", "王五", "2024-03-31", "张三", "x"])
        result = invoke(db, "ledger", "import", *LEDGER, str(source))
        assert result.exit_code == 2 and said in result.stderr, (name, result.stderr)
    formula = workbook(tmp_path / "formula.xlsx", header, ["招商", "王五", "=TODAY()"])
    result = invoke(db, "ledger", "import", *LEDGER, str(formula))
    assert result.exit_code == 2 and "单元格 C2 是公式，但文件中没有保存它的计算结果" in result.stderr
    assert "必填列不能为空" not in result.stderr
    assert rows_of(db) == []
    people = workbook(tmp_path / "people.xlsx", ["姓名", "角色", "手机"], ["李四", "党员", "138"])
    result = invoke(db, "people", "import", str(people))
    assert result.exit_code == 2 and "表头“手机”（第 3 列）不对应任何列" in result.stderr
    assert len(json.loads(invoke(db, "people", "list", "--format", "json").output)) == 2


def test_what_a_file_holds_never_reaches_the_terminal_as_controls(tmp_path: Path) -> None:
    """A header or cell with ESC or a C1 control is refused by its code point; formula text stays text."""
    db = roster(tmp_path)
    csv = tmp_path / "督办.csv"
    csv.write_text("事项,责任人,时限,备注\x1b]0;pwned\x07\n招商,王五,2024-03-31,x\n", encoding="utf-8")
    result = run_cli(db, "ledger", "import", *LEDGER, str(csv), **TODAY)
    assert result.returncode == 2 and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "第 1 行第 4 列（表头）含有控制字符 U+001B（第 3 个字符）" in result.stderr
    book = workbook(tmp_path / "督办.xlsx", ["事项", "责任人", "时限"], ["招商\x9b2J", "王五", "2024-03-31"])
    result = run_cli(db, "ledger", "import", *LEDGER, str(book), **TODAY)
    assert result.returncode == 2 and "\x9b" not in result.stderr and "U+009B" in result.stderr
    attack = "=cmd|' /C calc'!A0"
    text = workbook(tmp_path / "text.xlsx", ["事项", "责任人", "时限"], ["x", "王五", "2024-03-31"])
    rewrite(text, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<t>x</t>", b"<t>=cmd|&apos; /C calc&apos;!A0</t>"))
    assert run_cli(db, "ledger", "import", *LEDGER, str(text), **TODAY).returncode == 0
    assert [r["fields"]["shixiang"] for r in rows_of(db)] == [attack]
    out = tmp_path / "台账.xlsx"
    exported = run_cli(db, "export", "--year", "2024", "--out", str(out), "--checklist", "guapai-duban", **TODAY)
    assert exported.returncode == 0, exported.stderr
    cells = [c for sheet in load_workbook(out).worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "cmd|" in c.value]
    assert "'" + attack in [c.value for c in cells]
    assert all(c.data_type == "s" and not c.value.startswith(FORMULA_STARTS) for c in cells)


def test_a_drop_down_list_excel_keeps_as_an_extension_prints_no_warning(tmp_path: Path) -> None:
    """Excel writes a drop-down list fed from another sheet as an <extLst>, which openpyxl warns it drops."""
    db = roster(tmp_path)
    source = workbook(tmp_path / "督办.xlsx", ["事项", "责任人", "时限"], ["招商", "王五", "2024-03-31"])
    validation = b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/></extLst></worksheet>'
    rewrite(source, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</worksheet>", validation))
    result = run_cli(db, "ledger", "import", *LEDGER, str(source), **TODAY)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert [r["fields"]["shixiang"] for r in rows_of(db)] == ["招商"]

"""Values no record could need are refused in one Chinese line, exit 2, and leave the database as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()
TODAY = "2025-04-10"


def run(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], env={"DUTY_TUI_TODAY": TODAY, "COLUMNS": "200"})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "duty.json"
    assert run(path, "people", "add", "张三", "--role", "班子成员", "--dept", "办公室", "--branch", "第一党支部").exit_code == 0
    assert run(path, "org", "set", "--since", "2025-01-01").exit_code == 0
    return path


def snapshot(db: Path) -> tuple[str, str, str]:
    return (run(db, "log", "-f", "json").output, run(db, "people", "list").output, run(db, "org", "show").output)


TICK = ("tick", "sanhui-yike", "zhiweihui", "-s", "第一党支部")
LEDGER = ("ledger", "add", "guapai-duban", "guapai-duban", "-p", "2025", "--set", "事项=督办一", "--set", "责任人=张三")
LONG_NAME = "王" * 21


@pytest.mark.parametrize(("args", "message"), [
    ((*TICK, "--period", "1900-01"), '周期 "1900-01" 超出范围：应在 2000 年到 2026-04-10 之间'),
    (("na", "sanhui-yike", "zhiweihui", "-s", "第一党支部", "--reason", "合并", "--period", "2027-01"),
     '周期 "2027-01" 超出范围'),
    ((*TICK, "--date", ""), "--date：日期不能为空"),
    ((*TICK, "--date", "1999-12-31"), "--date：日期 1999-12-31 早于 2000-01-01"),
    (("org", "set", "--since", "1900-01-01"), "--since：日期 1900-01-01 早于 2000-01-01"),
    (("org", "set", "--since", "2099-01-01"), "起始日期 2099-01-01 还没到（今天是 2025-04-10）"),  # not "a year ahead"
    (("org", "set", "--since", "2025-04-11"), "起始日期 2025-04-11 还没到（今天是 2025-04-10）"),
    (("org", "set", "--since", ""), "--since：日期不能为空"),
    (("people", "branch", "不存在支部", "--elected", "2024-01-01"),
     '没有支部 "不存在支部"；已有支部：第一党支部；支部随人员建立：先用 duty-tui people add'),
    (("people", "branch", "第一党支部", "--elected", "1990-05-01"), "--elected：日期 1990-05-01 早于 2000-01-01"),
    ((*LEDGER, "--set", "时限=1999-01-01"), "时限：1999-01-01 与周期 2025 相差超过 10 年"),
    ((*LEDGER, "--set", "时限=2036-01-01"), "时限：2036-01-01 与周期 2025 相差超过 10 年"),
    (("ledger", "add", "guapai-duban", "guapai-duban", "-p", "1999", "--set", "事项=督办一", "--set", "责任人=张三",
      "--set", "时限=1999-03-01"), '周期 "1999" 超出范围'),
    (("people", "add", "王" * 40_000, "--role", "党员"), "姓名太长：40000 个字符，最多 20 个"),
    (("people", "add", LONG_NAME, "--role", "党员"), "姓名太长：21 个字符，最多 20 个"),
    (("people", "add", "李四", "--role", "党员", "--branch", "支" * 41), "支部太长：41 个字符，最多 40 个"),
    (("people", "add", "李四", "--role", "党员", "--dept", "科" * 41), "科室太长：41 个字符，最多 40 个"),
    ((*TICK, "--note", "字" * 2001), "备注太长：2001 个字符，最多 2000 个"),
    ((*LEDGER, "--set", "时限=2025-06-30", "--set", "进展=" + "字" * 2001), "进展太长：2001 个字符，最多 2000 个"),
    (("status", "--as-of", "1900-01-01"), "--as-of：日期 1900-01-01 早于 2000-01-01"),
    (("status", "--as-of", ""), "--as-of：日期不能为空"),
    (("status", "--period", "1900"), '周期 "1900" 超出范围'),
    (("log", "--since", "1999-12-31"), "--since：日期 1999-12-31 早于 2000-01-01"),
])
def test_out_of_bounds_is_refused_in_one_line_and_nothing_changes(db: Path, args, message: str) -> None:
    before = snapshot(db)
    result = run(db, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert snapshot(db) == before


def test_the_edges_are_accepted(db: Path) -> None:
    assert run(db, *TICK, "--period", "2025-03").exit_code == 0
    assert run(db, "org", "set", "--since", "2000-01-01").exit_code == 0
    assert run(db, "org", "set", "--since", TODAY).exit_code == 0
    assert run(db, "people", "branch", "第一党支部", "--elected", "2023-05-10").exit_code == 0
    assert run(db, *LEDGER, "--set", "时限=2035-12-31").exit_code == 0
    assert run(db, "people", "add", "王" * 20, "--role", "党员", "--branch", "支" * 40).exit_code == 0
    assert run(db, *TICK, "--period", "2025-02", "--note", "字" * 2000).exit_code == 0
    branches = json.loads(run(db, "people", "list", "-f", "json").output)
    assert any(p["name"] == "王" * 20 for p in branches)


def test_an_imported_roster_names_the_row_with_a_name_too_long(db: Path, tmp_path: Path) -> None:
    csv = tmp_path / "people.csv"
    csv.write_text(f"姓名,角色,科室,支部\n李四,党员,办公室,第一党支部\n{LONG_NAME},党员,办公室,第一党支部\n", encoding="utf-8")
    before = snapshot(db)
    result = run(db, "people", "import", str(csv))
    assert result.exit_code == 2
    assert "第 3 行：“姓名”列太长：21 个字符，最多 20 个" in result.stderr, result.stderr
    assert snapshot(db) == before

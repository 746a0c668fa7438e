"""Names in Chinese reading order on the command line: `people list` and `status --by branch/dept/person`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, run_cli
from tui.cli import app

runner = CliRunner()
ENV = {"DUTY_TUI_TODAY": "2024-01-10", "COLUMNS": "100"}
# Added in code-point order's worst case: every list below must come out differently from how it went in.
PEOPLE = [("张三", "第十党支部", "组织科"), ("曾华", "第三党支部", "办公室"), ("李四", "第二党支部", "二科"),
          ("王五", "第一党支部", "十一科"), ("安宁", "第十一党支部", "一科"), ("单丽", "第二党支部", "财务科")]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("order") / "duty.json"
    for name, branch, dept in PEOPLE:
        result = runner.invoke(app, ["--db", str(path), "people", "add", name, "--role", "班子成员", "--role", "党员",
                                     "--branch", branch, "--dept", dept], env=ENV)
        assert result.exit_code == 0, result.output
    return path


def test_people_list_reads_in_pinyin_order_with_surnames_read_as_surnames(db: Path) -> None:
    result = run_cli(db, "people", "list", **ENV)
    assert result.returncode == 0, result.stderr
    names = [line.split()[0] for line in result.stdout.splitlines() if line.split() and line.split()[0] in
             {name for name, _, _ in PEOPLE}]
    # 安 ān, 李 lǐ, 单 shàn (not dān), 王 wáng, 曾 zēng (not céng), 张 zhāng
    assert names == ["安宁", "李四", "单丽", "王五", "曾华", "张三"]
    listed = json.loads(run_cli(db, "people", "list", "-f", "json", **ENV).stdout)
    assert [p["name"] for p in listed] == names
    caption = next(line for line in result.stdout.splitlines() if "支部：" in line)
    assert caption.index("第一党支部") < caption.index("第二党支部") < caption.index("第三党支部") \
        < caption.index("第十党支部") < caption.index("第十一党支部")


def headers(output: str) -> list[str]:
    return [line.split("】")[0].lstrip("【") for line in output.splitlines() if line.startswith("【")]


def test_status_by_branch_lists_numbered_branches_in_numeric_order(db: Path) -> None:
    result = run_cli(db, "status", "--by", "branch", "--limit", "0", **ENV)
    assert result.returncode == 0, result.stderr
    # Nothing is overdue on 2024-01-10: the groups are equally late, so their names decide.
    assert headers(result.stdout) == ["第一党支部", "第二党支部", "第三党支部", "第十党支部", "第十一党支部", "不属于支部"]


def test_status_by_dept_and_by_person_read_in_order(db: Path) -> None:
    by_dept = runner.invoke(app, ["--db", str(db), "status", "--by", "dept", "--limit", "0"], env=ENV)
    assert headers(by_dept.output) == ["一科", "二科", "十一科", "办公室", "财务科", "组织科", "不属于科室"]
    by_person = runner.invoke(app, ["--db", str(db), "status", "--by", "person", "--limit", "0"], env=ENV)
    assert headers(by_person.output) == ["安宁", "党组", "第一党支部", "第二党支部", "第三党支部", "第十党支部",
                                         "第十一党支部", "李四", "单丽", "王五", "曾华", "张三"]
    # No 未指定责任人: the only unowned lines were the 2023 campaign's, a year before this database's start.


def test_status_lists_people_equally_late_in_reading_order(db: Path) -> None:
    """Overdue first stays the rule; between entries equally late, due the same day, of one checklist, names decide."""
    data = json.loads(runner.invoke(app, ["--db", str(db), "status", "-f", "json", "-c", "yishu-sibiao",
                                          "--limit", "0"], env=ENV).output)
    first = data["items"][0]["item"]
    subjects = [row["subject"] for row in data["items"] if row["item"] == first]
    assert subjects == ["安宁", "李四", "单丽", "王五", "曾华", "张三"]


def test_sorting_known_names_does_not_import_pypinyin(tmp_path: Path) -> None:
    """pypinyin's import (~130 ms) is paid once for new names: the next run sorts them from the keys kept."""
    db = tmp_path / "duty.json"
    code = ("import sys; sys.argv = ['duty-tui', '--db', sys.argv[1], 'status', '--by', 'person', '--limit', '0']\n"
            "from tui.entry import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('pypinyin' in sys.modules)")

    def status() -> tuple[list[str], bool]:
        out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True,
                             cwd=ROOT, env={**os.environ, **ENV}).stdout
        people = [h for h in headers(out) if h in {"张三", "曾华", "安宁"}]
        return people, out.splitlines()[-1] == "True"

    for name in ("张三", "曾华"):
        assert run_cli(db, "people", "add", name, "--role", "党员", **ENV).returncode == 0
    assert status() == (["曾华", "张三"], True)  # first read: the keys are worked out and kept
    assert status() == (["曾华", "张三"], False)
    assert run_cli(db, "people", "add", "安宁", "--role", "党员", **ENV).returncode == 0
    assert status() == (["安宁", "曾华", "张三"], True)  # a name no run has read
    assert status() == (["安宁", "曾华", "张三"], False)

"""A mistyped command line gets one Chinese line on stderr and exit 2, never Click's English box.

Run as users run it (`python -m tui`, the console script's entry), so the
quick paths for `remind` and `status` (tui.fast) are covered too, and
compared with the Typer app run in-process.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import run_cli
from tui.cli import app

# (command line, the whole line it must print)
EXPECTED = [
    (["na", "yishu-sibiao", "biao-4", "--subject", "李四"],
     "缺少选项 --reason（不适用的理由）；用 duty-tui na --help 查看用法"),
    (["tick", "--bogus", "x"], "没有选项 --bogus；用 duty-tui tick --help 查看可用的选项"),
    (["tick"], "缺少参数 CHECKLIST（清单 ID 或标题）；用 duty-tui tick --help 查看用法"),
    (["status", "--format", "xml"], '选项 --format 的值 "xml" 无效；可用：table、json、csv、markdown'),
    (["status", "--by", "week"], '选项 --by 的值 "week" 无效；可用：checklist、person、branch、dept'),
    (["statsu"], '没有命令 "statsu"（是否想用 status？）；用 duty-tui --help 查看可用的命令'),
    (["status", "--limt", "3"], "没有选项 --limt（是否想用 --limit？）；用 duty-tui status --help 查看可用的选项"),
    (["people", "lst"], '没有命令 "lst"（是否想用 list？）；用 duty-tui people --help 查看可用的命令'),
    (["status", "--limit", "abc"], '选项 --limit 的值 "abc" 无效；应为整数'),
    (["people", "branch", "第一党支部", "--term", "0"], '选项 --term 的值 "0" 无效；应为 1 到 10 之间的整数'),
    (["status", "--mine=yes"], "选项 --mine 不带值；只写 --mine 即可"),
    (["status", "--format"], "选项 --format 后面缺少值；可用：table、json、csv、markdown"),
    (["log", "--since"], "选项 --since 后面缺少值：从这一天（本地时间）起，如 2024-03-01；用 duty-tui log --help 查看用法"),
    (["tick", "yishu-sibiao", "biao-4", "--note", "已", "完成"],
     '多余的参数："完成"；含空格的文字请整个加上引号；用 duty-tui tick --help 查看用法'),
    (["remind", "-f", "xml"], '选项 --format 的值 "xml" 无效；可用：text、json'),
    (["ledger", "reopen"], "缺少参数 CHECKLIST；用 duty-tui ledger reopen --help 查看用法"),  # an argument without help
]


@pytest.mark.parametrize(("argv", "line"), EXPECTED, ids=[" ".join(a) for a, _ in EXPECTED])
def test_a_usage_error_is_one_chinese_line_and_exit_2(tmp_path, argv: list[str], line: str) -> None:
    out = run_cli(tmp_path / "duty.json", *argv)
    assert out.returncode == 2, out
    assert out.stdout == ""
    assert out.stderr.splitlines() == [f"duty-tui: {line}"], out.stderr
    assert not any(word in out.stderr for word in ("Usage", "Error", "Missing", "Try ", "╭")), out.stderr
    assert not (tmp_path / "duty.json").exists()  # nothing was written for a line that did not parse


# Lines tui.entry and tui.fast.argv look at before handing them to Typer: the console script must say what
# the Typer app says.
QUICK_SHAPES = [
    ["remind", "--person"], ["remind", "--format=xml"], ["remind", "--login=yes"], ["remind", "x"],
    ["remind", "--bogus"], ["status", "--by", "week"], ["status", "x"], ["status", "--format"],
    ["--read-only=1", "status"], ["--db"], ["--dbx", "a"], ["--readonly"],
]


@pytest.mark.parametrize("argv", QUICK_SHAPES, ids=" ".join)
def test_the_quick_paths_report_a_mistake_as_typer_does(tmp_path, argv: list[str]) -> None:
    # run_cli puts --db first; `--db` alone must be the last word, so the app gets the same words.
    db = tmp_path / "duty.json"
    words = ["--db", str(db), *argv]
    out = run_cli(db, *argv)
    typer = CliRunner().invoke(app, words)
    assert out.returncode == typer.exit_code == 2, (out, typer.output)
    assert out.stderr == typer.stderr
    assert len(out.stderr.splitlines()) == 1 and out.stderr.startswith("duty-tui: "), out.stderr


def test_help_for_a_bare_group_is_still_help() -> None:
    result = CliRunner().invoke(app, ["people"])
    assert result.exit_code == 2
    assert "people [OPTIONS] COMMAND" in result.output and "添加一名人员" in result.output


def test_a_typed_value_with_control_characters_is_written_out(tmp_path) -> None:
    out = run_cli(tmp_path / "duty.json", "status", "--format", "x\x1b[31m")
    assert out.returncode == 2
    assert "\x1b" not in out.stderr and len(out.stderr.splitlines()) == 1, out.stderr

"""tick / untick / na / undo / log through the CLI, including exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import run_cli
from tui.cli import app

runner = CliRunner()


def invoke(db: Path, *args: str, env: dict | None = None):
    return runner.invoke(app, ["--db", str(db), *args], env=env)


def test_tick_untick_na_and_log(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    ok = invoke(db, "tick", "节日廉洁提醒", "chunjie", "--period", "2024", "--note", "短信已发", "--evidence", "局办〔2024〕3号")
    assert ok.exit_code == 0 and "已保存：节日廉洁提醒 / 春节廉洁提醒（党组，2024年）：完成" in ok.output
    assert invoke(db, "untick", "jieri-lianjie", "chunjie", "-p", "2024").exit_code == 0
    assert invoke(db, "na", "jieri-lianjie", "duanwu", "-p", "2024", "--reason", "与中秋合并").exit_code == 0
    log = json.loads(invoke(db, "log", "--format", "json").output)
    assert [(e["action"], e["item"]) for e in log] == [("done", "chunjie"), ("undone", "chunjie"), ("na", "duanwu")]
    assert log[0]["evidence"] == "局办〔2024〕3号" and "restore" not in log[0]
    table = invoke(db, "log", "--checklist", "节日廉洁提醒")
    assert table.exit_code == 0 and "与中秋合并" in table.output and "共 3 条" in table.output


def test_count_item_tick_uses_the_date_and_the_clock(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    env = {"DUTY_TUI_TODAY": "2024-05-20"}
    ok = invoke(db, "tick", "qinglian-wenhua", "dajiangtang", env=env)
    assert ok.exit_code == 0 and "2024年" in ok.output and "记一次" in ok.output
    log = json.loads(invoke(db, "log", "-f", "json").output)
    assert (log[0]["action"], log[0]["date"], log[0]["period"]) == ("count", "2024-05-20", "2024")


def test_untick_on_a_count_item_says_it_took_back_one_occurrence(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    env = {"DUTY_TUI_TODAY": "2024-05-20"}
    for _ in range(2):
        assert invoke(db, "tick", "qinglian-wenhua", "dajiangtang", env=env).exit_code == 0
    result = invoke(db, "untick", "qinglian-wenhua", "dajiangtang", env=env)
    assert result.exit_code == 0 and result.output.rstrip().endswith("：减去一次"), result.output
    log = invoke(db, "log", "--checklist", "qinglian-wenhua", env=env).output
    assert "减去一次" in log and "撤销完成" not in log
    again = invoke(db, "undo", env=env)
    assert "的“减去一次”" in again.output, again.output


def test_usage_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    cases = [
        (["tick", "nope", "x"], '没有清单 "nope"'),
        (["tick", "jieri-lianjie", "x"], '清单 "jieri-lianjie" 中没有事项 "x"'),
        (["tick", "jieri-lianjie", "chunjie", "-p", "2024-13"], '周期 "2024-13" 写法不对'),
        (["tick", "jieri-lianjie", "chunjie", "-p", "2024-Q1"], '周期 "2024-Q1" 不适用：该事项每年一次'),
        (["tick", "jieri-lianjie", "chunjie", "--date", "2024-02-30"], '--date：2024 年 2 月没有 30 日'),
        (["tick", "yishu-sibiao", "chengnuoshu"], "按人员记录；请用 --subject 指定"),
        (["log", "--since", "yesterday"], "--since：日期应写成"),
        (["undo"], "数据库不存在"),
        (["verify"], "数据库不存在"),
    ]
    for args, message in cases:
        result = invoke(db, *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not db.exists()


def test_bad_clock_setting_is_one_line(tmp_path: Path) -> None:
    result = invoke(tmp_path / "duty.json", "tick", "jieri-lianjie", "chunjie", env={"DUTY_TUI_TODAY": "tomorrow"})
    assert result.exit_code == 2 and "DUTY_TUI_TODAY" in result.stderr


def test_undo_via_cli(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    invoke(db, "tick", "jieri-lianjie", "chunjie", "-p", "2024")
    result = invoke(db, "undo")
    assert result.exit_code == 0 and "已撤销：节日廉洁提醒 / 春节廉洁提醒（党组，2024年）的“完成”" in result.output
    again = invoke(db, "undo")
    assert again.exit_code == 2 and "没有可撤销的修改" in again.stderr


def test_undo_refused_after_someone_elses_change_names_the_entry_by_its_titles(tmp_path: Path) -> None:
    from checklists.loader import load_library
    from checklists.periods import parse_period
    from store.tinydb import TinyStore
    from tests.support.writes import Change, record

    db = tmp_path / "duty.json"
    assert invoke(db, "tick", "jieri-lianjie", "chunjie", "-p", "2024").exit_code == 0
    checklist = load_library().get("jieri-lianjie")
    later = Change(checklist, checklist.item("chunjie"), parse_period("2024"), "", "na", reason="合并")
    record(TinyStore(db), later, account="someone-else")
    result = invoke(db, "undo")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == "duty-tui: 节日廉洁提醒 / 春节廉洁提醒（党组，2024年）在你之后已被修改，不能撤销；请直接改正"


def test_untick_of_what_is_not_done_says_so_and_records_nothing(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    assert run_cli(db, "tick", "jieri-lianjie", "chunjie", "-p", "2024").returncode == 0
    for args, message in [
        (["untick", "jieri-lianjie", "duanwu", "-p", "2024"], '“端午廉洁提醒”（党组，2024年）尚未完成，无可取消'),
        (["untick", "qinglian-wenhua", "dajiangtang", "-p", "2024"], "还没有记过次数，无可减去"),
    ]:
        result = run_cli(db, *args)
        assert (result.returncode, result.stdout) == (2, ""), result.stderr
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    log = json.loads(run_cli(db, "log", "--format", "json").stdout)
    assert [(e["action"], e["item"]) for e in log] == [("done", "chunjie")]

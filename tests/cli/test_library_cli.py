"""`duty-tui checklists | show | validate | --version | --help` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()

USER_1S4B = '''id = "yishu-sibiao"
title = "本局1书4表"
scope = "person"
roles = ["班子成员"]
every = "year"
[[items]]
id = "chengnuoshu"
title = "签订承诺书"
[[items]]
id = "fengxian"
title = "廉政风险点及防控措施表"
'''


def test_no_subcommand_without_a_terminal_prints_the_summary(tmp_path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "duty.json")])
    assert result.exit_code == 0
    assert "各清单进度" in result.output and "ssh -t" in result.stderr


def test_help_is_chinese_and_english() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "列出清单库" in result.output and "List checklists" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("duty-tui ")


def test_checklists_table_lists_every_builtin() -> None:
    result = runner.invoke(app, ["checklists"])
    assert result.exit_code == 0
    for cid in ("yishu-sibiao", "sanhui-yike", "jieri-lianjie", "fazhan-dangyuan"):
        assert cid in result.output
    assert "内置" in result.output and "每个支部" in result.output


def test_checklists_json_has_the_documented_keys() -> None:
    result = runner.invoke(app, ["checklists", "--format", "json"])
    data = json.loads(result.output)
    assert len(data) >= 20
    for entry in data:
        assert {"id", "title", "scope", "every", "source", "items"} <= set(entry)
        for item in entry["items"]:
            assert {"id", "title", "kind", "target"} <= set(item)
    sanhui = next(e for e in data if e["id"] == "sanhui-yike")
    assert sanhui["scope"] == "branch" and sanhui["source"] == "builtin"
    assert {"id": "zhiweihui", "kind": "count", "target": 1}.items() <= sanhui["items"][1].items()


def test_show_by_id_and_by_chinese_title() -> None:
    by_id = runner.invoke(app, ["show", "jieri-lianjie"])
    by_title = runner.invoke(app, ["show", "节日廉洁提醒"])
    assert by_id.exit_code == by_title.exit_code == 0
    assert by_id.output == by_title.output
    assert "春节放假前最后一个工作日" in by_id.output and "佐证" in by_id.output and "依据" in by_id.output


def test_show_json_has_due_rules_and_evidence() -> None:
    data = json.loads(runner.invoke(app, ["show", "diyi-zerenren", "-f", "json"]).output)
    report = next(i for i in data["items"] if i["id"] == "niandu-baogao")
    assert report["due"] == {"rule": "end", "text": "本年结束后31日内", "days": 31}
    assert report["evidence"] and data["basis"]


def test_show_names_a_ledger_with_its_stages_and_columns() -> None:
    result = runner.invoke(app, ["show", "guapai-duban"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "台账（挂牌 → 推进中 → 已完成 → 已销号）" in result.output
    assert "登记列：事项（必填）、责任人（必填）、责任科室、时限（必填）、进展" in result.output
    assert "计次" not in result.output


def test_show_words_counts_and_deadlines_by_recurrence() -> None:
    result = runner.invoke(app, ["show", "sanhui-yike"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "次数（目标1次） · 每季度 · 本季末前" in result.output
    assert "次数（目标1次） · 每月 · 本月底前" in result.output
    assert "期末前" not in result.output and "佐证材料：" in result.output


def test_show_unknown_checklist_is_one_line_exit_2() -> None:
    result = runner.invoke(app, ["show", "nope"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        'duty-tui: 没有清单 "nope"；用 duty-tui checklists 查看可用的 ID 和标题']


def test_validate_good_and_bad(tmp_path: Path, data_dir: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(USER_1S4B, "utf-8")
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0 and "全部有效：1 个清单" in ok.output
    bad = runner.invoke(app, ["validate", str(good), str(data_dir / "malformed" / "bad-every.toml")])
    assert bad.exit_code == 2
    assert 'item "b3": field "every": expected one of once, year, half, quarter, month; got "weekly"' in bad.output


def test_holidays_file_is_validated_and_used(tmp_path: Path) -> None:
    holidays = tmp_path / "holidays.toml"
    holidays.write_text('[2027]\n"春节" = { start = "2027-02-05", end = "2027-02-13" }\n', "utf-8")
    ok = runner.invoke(app, ["validate", str(tmp_path)])
    assert ok.exit_code == 0 and "全部有效：0 个清单，1 个放假安排文件（holidays.toml）" in ok.output
    shown = runner.invoke(app, ["--checklists", str(tmp_path), "show", "jieri-lianjie"], env={"DUTY_TUI_TODAY": "2027-01-05"})
    assert "春节廉洁提醒2027-02-04放假02-05至02-13（本单位holidays.toml）" in _squeezed(shown.output)
    holidays.write_text('[2027]\n"春节" = { start = "2027-02-13", end = "2027-02-05" }\n', "utf-8")
    line = f'{holidays}: field "2027.春节.end": expected a date on or after start 2027-02-13; got 2027-02-05'
    bad = runner.invoke(app, ["validate", str(holidays)])
    assert bad.exit_code == 2 and line in bad.output
    status = runner.invoke(app, ["--checklists", str(tmp_path), "status"])
    assert status.exit_code == 2 and status.stderr.splitlines()[0] == f"duty-tui: {line}"
    assert "Traceback" not in status.output + status.stderr


def test_show_says_when_a_year_has_no_notice_yet() -> None:
    """2040 has no notice in the package: the festival day stands in, and show says so."""
    shown = runner.invoke(app, ["show", "jieri-lianjie"], env={"DUTY_TUI_TODAY": "2040-03-01"})
    text = _squeezed(shown.output)
    assert "2040年节前时限" in text and "holidays.toml" in text
    assert "国庆廉洁提醒2040-09-282040年放假通知未收录，暂按节日当天10-01起算" in text
    merged = _squeezed(runner.invoke(app, ["show", "jieri-lianjie"], env={"DUTY_TUI_TODAY": "2025-03-01"}).output)
    assert "中秋廉洁提醒2025-09-30放假10-01至10-08（国务院通知）；与国庆同一段假期，可合并提醒" in merged
    assert "国庆廉洁提醒2025-09-30放假10-01至10-08（国务院通知）；与中秋同一段假期，可合并提醒" in merged
    assert "放假通知未收录" not in merged
    assert "元旦廉洁提醒（为次年元旦）2025-12-31放假2026-01-01至2026-01-03（国务院通知）" in merged


def _squeezed(output: str) -> str:
    """Rich wraps the third column at 80 columns; compare the words, not the layout."""
    return "".join(output.split())


def test_user_file_replaces_builtin_by_id(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(USER_1S4B, "utf-8")
    result = runner.invoke(app, ["--checklists", str(tmp_path), "checklists", "-f", "json"])
    entry = next(e for e in json.loads(result.output) if e["id"] == "yishu-sibiao")
    assert entry["title"] == "本局1书4表" and entry["source"] == "user"
    assert [i["id"] for i in entry["items"]] == ["chengnuoshu", "fengxian"]


def test_user_dir_from_environment_and_default_config_dir(tmp_path: Path, monkeypatch, isolated_env) -> None:
    default = isolated_env / ".config" / "duty-tui" / "checklists"
    default.mkdir(parents=True)
    (default / "extra.toml").write_text(USER_1S4B.replace('"yishu-sibiao"', '"extra"'), "utf-8")
    assert "extra" in runner.invoke(app, ["checklists"]).output
    monkeypatch.setenv("DUTY_TUI_CHECKLISTS", str(tmp_path))
    assert "extra" not in runner.invoke(app, ["checklists"]).output


def test_invalid_user_file_stops_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text('id = "x"\ntitle = \n', "utf-8")
    result = runner.invoke(app, ["--checklists", str(tmp_path), "checklists"])
    assert result.exit_code == 2
    assert f"{tmp_path / 'broken.toml'}: TOML 语法错误（第 2 行第 9 列）：" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_missing_explicit_user_dir_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--checklists", str(tmp_path / "nope"), "checklists"])
    assert result.exit_code == 2 and "清单目录不存在；请先创建它，或改正路径" in result.stderr

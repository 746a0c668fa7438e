"""Dates people enter pick the period and are checked; the org's start date decides what is owed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()


def run(db: Path, *args: str, today: str = "2025-04-10"):
    return runner.invoke(app, ["--db", str(db), *args], env={"DUTY_TUI_TODAY": today, "COLUMNS": "80"})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "duty.json"
    assert run(path, "people", "add", "张三", "--role", "党员", "--branch", "第一党支部").exit_code == 0
    assert run(path, "org", "set", "--since", "2025-01-01").exit_code == 0
    return path


def counted(db: Path, period: str) -> list[str]:
    data = json.loads(run(db, "status", "-f", "json", "--all", "-c", "sanhui-yike", "--period", period).output)
    return [d for r in data["items"] if r["item"] == "zhiweihui" and r["period"] == period for d in [r["count"]]]


def test_a_meeting_date_picks_its_month_whatever_today_is(db: Path) -> None:
    result = run(db, "tick", "sanhui-yike", "zhiweihui", "-s", "第一党支部", "--date", "2025/3/12")
    assert result.exit_code == 0, result.output
    assert "2025年3月" in result.output
    assert counted(db, "2025-03") == [1] and counted(db, "2025-04") == [0]
    log = json.loads(run(db, "log", "-f", "json").output)
    assert log[-1]["period"] == "2025-03" and log[-1]["date"] == "2025-03-12"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--date", "2025-04-11"], "future", "日期 2025-04-11 还没到（今天是 2025-04-10）"),
    (["--date", "2024-12-31"], "before", "日期 2024-12-31 早于本单位的起始日期 2025-01-01"),
    (["--date", "2025-03-12", "--period", "2025-02"], "outside", "日期 2025-03-12 不在周期 2025-02 内"),
    (["--date", "2025-02-30"], "impossible", "--date：2025 年 2 月没有 30 日"),
    (["--date", "2025-13-01"], "month", '--date：月份应为 1 到 12，得到 13（"2025-13-01"）'),
    (["--period", "2025-05"], "not begun", "2025年5月还没开始（今天是 2025-04-10），没有可记的次数；请核对 --period"),
])
def test_a_date_that_cannot_be_right_is_refused_and_nothing_recorded(db: Path, args, code, message) -> None:
    before = run(db, "log", "-f", "json").output
    result = run(db, "tick", "sanhui-yike", "zhiweihui", "-s", "第一党支部", *args)
    assert result.exit_code == 2, (code, result.output)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert run(db, "log", "-f", "json").output == before


def test_not_applicable_with_a_date_lands_in_that_period(db: Path) -> None:
    result = run(db, "na", "sanhui-yike", "zhiweihui", "-s", "第一党支部", "--reason", "支部合并", "--date", "2025-02-20")
    assert result.exit_code == 0, result.output
    data = json.loads(run(db, "status", "-f", "json", "--all", "-c", "sanhui-yike", "--period", "2025-02").output)
    row = next(r for r in data["items"] if r["item"] == "zhiweihui")
    assert row["state"] == "na"


def test_a_count_in_a_past_period_without_a_date_counts_on_its_last_day(db: Path) -> None:
    assert run(db, "tick", "sanhui-yike", "zhiweihui", "-s", "第一党支部", "-p", "2025-02").exit_code == 0
    assert json.loads(run(db, "log", "-f", "json").output)[-1]["date"] == "2025-02-28"


def test_a_count_in_the_current_period_without_a_date_counts_today(db: Path) -> None:
    assert run(db, "tick", "sanhui-yike", "zhiweihui", "-s", "第一党支部", "-p", "2025-04").exit_code == 0
    assert json.loads(run(db, "log", "-f", "json").output)[-1]["date"] == "2025-04-10"


def test_org_show_and_set(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    shown = run(db, "org", "show", today="2026-11-27")
    assert "起始日期：2026-01-01" in shown.output  # a new database owes nothing from before its year
    assert run(db, "org", "set", "--name", "某某局党组", "--since", "2023-01-01").exit_code == 0
    data = json.loads(run(db, "org", "show", "-f", "json").output)
    assert (data["name"], data["since"]) == ("某某局党组", "2023-01-01")
    assert run(db, "org", "set").exit_code == 2
    bad = run(db, "org", "set", "--name", "局\x1b]0;x\x07党组")
    assert bad.exit_code == 2 and "单位名称含有控制字符" in bad.stderr


@pytest.mark.parametrize(("day", "month", "quarter"), [
    ("2024-02-29", "2024-02", "2024-Q1"),  # a leap day
    ("2024-03-31", "2024-03", "2024-Q1"),  # the last day of a month and a quarter
    ("2024-04-01", "2024-04", "2024-Q2"),  # the first day of the next
    ("2024-01-01", "2024-01", "2024-Q1"),  # the first day of a year
])
def test_dates_on_period_edges_land_in_their_own_period(tmp_path: Path, day: str, month: str, quarter: str) -> None:
    db = tmp_path / "duty.json"
    run(db, "people", "add", "张三", "--role", "党员", "--branch", "第一党支部", today="2024-05-01")
    run(db, "org", "set", "--since", "2024-01-01", today="2024-05-01")
    for item in ("zhiweihui", "dangke"):  # monthly and quarterly
        assert run(db, "tick", "sanhui-yike", item, "-s", "第一党支部", "--date", day, today="2024-05-01").exit_code == 0
    log = json.loads(run(db, "log", "-f", "json", today="2024-05-01").output)
    assert [(e["item"], e["period"], e["date"]) for e in log] == [("zhiweihui", month, day), ("dangke", quarter, day)]


def test_a_leap_day_exists_only_in_a_leap_year(db: Path) -> None:
    result = run(db, "tick", "sanhui-yike", "zhiweihui", "-s", "第一党支部", "--date", "2025-02-29")
    assert result.exit_code == 2 and "2025 年 2 月没有 29 日" in result.stderr

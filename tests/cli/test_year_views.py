"""The year as a 党建办 lives it: last year's duties in January, whole-year roll-ups, a new database owes nothing old."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()


def run(db: Path, *args: str, today: str):
    return runner.invoke(app, ["--db", str(db), *args], env={"DUTY_TUI_TODAY": today, "COLUMNS": "80"})


def items(db: Path, *args: str, today: str) -> list[dict]:
    result = run(db, "status", "-f", "json", *args, today=today)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["items"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "duty.json"
    run(path, "people", "add", "张三", "--role", "党组书记", "--role", "班子成员", "--role", "党员", "--branch", "第一党支部",
        today="2023-03-01")
    run(path, "org", "set", "--since", "2023-01-01", today="2023-03-01")
    return path


def test_in_late_january_last_years_report_is_outstanding_and_soon_due(db: Path) -> None:
    rows = items(db, "-c", "diyi-zerenren", today="2024-01-20")
    report = next(r for r in rows if r["item"] == "niandu-baogao")
    assert (report["period"], report["due"], report["carried"], report["soon"]) == ("2023", "2024-01-31", True, True)
    table = run(db, "status", "-c", "diyi-zerenren", "--limit", "0", today="2024-01-20").output
    assert "2023年 即将到期" in table or "即将到期 2023年" in table


def test_on_1_february_it_is_overdue_and_done_work_is_no_longer_listed(db: Path) -> None:
    assert run(db, "tick", "diyi-zerenren", "niandu-baogao", "-s", "张三", "-p", "2023", today="2024-01-25").exit_code == 0
    assert not [r for r in items(db, "-c", "diyi-zerenren", today="2024-02-01") if r["item"] == "niandu-baogao"
                and r["period"] == "2023"]
    late = [r for r in items(db, "-c", "yishu-sibiao", "--overdue", today="2024-02-01") if r["period"] == "2023"]
    assert late and all(r["days_overdue"] > 0 and r["carried"] for r in late)


def test_a_new_database_is_not_born_overdue(tmp_path: Path) -> None:
    db = tmp_path / "new.json"
    run(db, "people", "add", "张三", "--role", "班子成员", "--role", "党员", "--branch", "第一党支部", today="2026-11-27")
    overdue = items(db, "--overdue", today="2026-11-27")
    assert all(r["due"] >= "2026-01-01" for r in overdue)
    assert not [r for r in items(db, today="2026-11-27") if r["checklist"] == "zhuti-jiaoyu-2023"]
    # Asked for by name, the one-off 2023 checklist shows; back-filling works with --period.
    assert [r for r in items(db, "-c", "zhuti-jiaoyu-2023", today="2026-11-27") if r["checklist"] == "zhuti-jiaoyu-2023"]


def test_a_database_whose_start_is_today(tmp_path: Path) -> None:
    db = tmp_path / "today.json"
    run(db, "org", "set", "--since", "2026-11-27", today="2026-11-27")
    assert all(r["days_overdue"] == 0 for r in items(db, today="2026-11-27"))


def test_a_year_rolls_up_monthly_meetings_with_the_missing_months_named(db: Path) -> None:
    for month in ("01", "03", "04", "05", "06", "08", "09", "10", "11", "12"):
        result = run(db, "tick", "sanhui-yike", "zhiweihui", "-s", "第一党支部", "--date", f"2023-{month}-10",
                     today="2024-01-15")
        assert result.exit_code == 0, result.output
    data = json.loads(run(db, "status", "-f", "json", "--period", "2023", "-c", "sanhui-yike", today="2024-01-15").output)
    roll = next(u for u in data["rollups"] if u["item"] == "zhiweihui" and u["subject"] == "第一党支部")
    assert (roll["done"], roll["total"], roll["missing"], roll["overdue"]) == (10, 12, ["2023-02", "2023-07"],
                                                                            ["2023-02", "2023-07"])
    assert [p["period"] for p in roll["periods"]] == [f"2023-{m:02d}" for m in range(1, 13)]
    # Sub-period rows stay in the machine formats, so the figures can be checked line by line.
    assert {r["period"] for r in data["items"] if r["item"] == "zhiweihui"} == {"2023-02", "2023-07"}
    table = run(db, "status", "--period", "2023", "-c", "sanhui-yike", today="2024-01-15").output
    assert "10/12个月 缺：2月、7月" in table
    markdown = run(db, "status", "--period", "2023", "-c", "sanhui-yike", "-f", "markdown", today="2024-01-15").output
    assert "| 10/12个月 缺：2月、7月 | 2 |" in markdown
    # Markdown lists the same sub-period rows as JSON and CSV, each naming its period.
    assert "| 支部委员会会议 | 第一党支部 | 2023年2月 | 2023-02-28 |" in markdown
    assert "| 支部委员会会议 | 第一党支部 | 2023年7月 | 2023-07-31 |" in markdown
    csv_rows = run(db, "status", "--period", "2023", "-c", "sanhui-yike", "-f", "csv", today="2024-01-15").output
    detail = markdown.split("| 清单 | 事项 | 对象 | 周期 |")[1].splitlines()[2:]
    assert len(detail) == len(csv_rows.strip().splitlines()) - 1 == len(data["items"])


def test_this_years_view_counts_only_months_begun(db: Path) -> None:
    data = json.loads(run(db, "status", "-f", "json", "--period", "2024", "-c", "sanhui-yike", today="2024-03-15").output)
    roll = next(u for u in data["rollups"] if u["item"] == "zhiweihui")
    assert [p["period"] for p in roll["periods"]] == ["2024-01", "2024-02", "2024-03"]


def test_a_years_own_campaign_counts_in_that_years_view_whatever_its_deadlines(db: Path) -> None:
    from checklists.loader import load_library

    campaign = load_library().get("zhuti-jiaoyu-2023")
    once = {i.id for i in campaign.items if i.every == "once" and i.kind != "ledger"}
    assert any(i.due.date == "2024-01-31" for i in campaign.items if i.every == "once")  # due the next January
    in_2023 = {r["item"] for r in items(db, "--period", "2023", "--all", "-c", campaign.id, today="2024-01-20")}
    assert once <= in_2023
    in_2024 = {r["item"] for r in items(db, "--period", "2024", "--all", "-c", campaign.id, today="2024-01-20")}
    assert not once & in_2024
    overview = json.loads(run(db, "status", "-f", "json", "--period", "2023", today="2024-01-20").output)["summary"]
    assert next(p for p in overview if p["checklist"] == campaign.id)["total"] >= len(once)


def test_a_campaign_named_for_a_year_before_the_start_is_in_no_later_years_status_export_or_report(
        tmp_path: Path) -> None:
    """zhuti-jiaoyu-2023 is due 2024-01-31; a database begun on 2024-01-01 never owed it, in any later year."""
    import openpyxl

    db = tmp_path / "duty.json"
    run(db, "people", "add", "张三", "--role", "班子成员", "--role", "党员", "--branch", "第一党支部", today="2024-03-01")
    run(db, "org", "set", "--since", "2024-01-01", today="2024-03-01")
    today = "2026-12-08"
    campaign, title = "zhuti-jiaoyu-2023", "2023年主题教育"
    for args in ([], ["--period", "2025", "--all"], ["--period", "2026", "--all"], ["--period", "2024", "--all"]):
        data = json.loads(run(db, "status", "-f", "json", *args, today=today).output)
        assert not [r for r in data["items"] if r["checklist"] == campaign], args
        summary = {p["checklist"]: p for p in data["summary"]}
        if args:  # another year's campaign has no line in a year's view
            assert campaign not in summary, args
        else:  # the default view lists every checklist, so the campaign can still be opened to back-fill
            assert (summary[campaign]["total"], summary[campaign]["overdue"]) == (0, 0)
    for year in ("2025", "2026"):
        out = tmp_path / f"{year}.md"
        assert run(db, "report", "--year", year, "--out", str(out), today=today).exit_code == 0
        assert title not in out.read_text("utf-8") and "已逾期1042天" not in out.read_text("utf-8")
        book = tmp_path / f"{year}.xlsx"
        assert run(db, "export", "--year", year, "--out", str(book), today=today).exit_code == 0
        cells = [str(c) for sheet in openpyxl.load_workbook(book) for row in sheet.iter_rows(values_only=True)
                 for c in row if c]
        assert not [c for c in cells if title in c or campaign in c], year
    # Its own year, or asked for by name, still shows it: that is how a 2023 campaign is back-filled.
    assert [r for r in items(db, "--period", "2023", "--all", today=today) if r["checklist"] == campaign]
    assert [r for r in items(db, "-c", campaign, today=today) if r["checklist"] == campaign]

"""支部换届 follows each branch's term: 届满 dates, shown from six months before, recorded in the term's year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()


def run(db: Path, *args: str, today: str):
    return runner.invoke(app, ["--db", str(db), *args], env={"DUTY_TUI_TODAY": today, "COLUMNS": "80"})


def huanjie(db: Path, today: str, *args: str) -> list[dict]:
    data = json.loads(run(db, "status", "-f", "json", "-c", "zhibu-huanjie", "--all", *args, today=today).output)
    return data["items"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "duty.json"
    run(path, "people", "add", "张三", "--role", "党员", "--branch", "第一党支部", today="2023-05-01")
    run(path, "people", "add", "李四", "--role", "党员", "--branch", "第二党支部", today="2023-05-01")
    run(path, "org", "set", "--since", "2023-01-01", today="2023-05-01")
    assert run(path, "people", "branch", "第一党支部", "--elected", "2023-05-10", today="2023-05-10").exit_code == 0
    assert run(path, "people", "branch", "第二党支部", "--elected", "2022-02-28", "--term", "5",
               today="2023-05-10").exit_code == 0
    return path


def test_the_term_end_is_shown_and_the_election_appears_six_months_before(db: Path) -> None:
    assert "第一党支部（届满 2026-05-10）" in run(db, "people", "list", today="2025-01-01").output
    assert huanjie(db, "2025-11-09") == []
    rows = huanjie(db, "2025-11-10")
    assert {r["subject"] for r in rows} == {"第一党支部"}
    assert {(r["period"], r["due"]) for r in rows} == {("2026", "2026-05-10")}
    assert all(r["days_overdue"] == 0 for r in rows)
    late = huanjie(db, "2026-05-20")
    assert late and all(r["days_overdue"] == 10 for r in late if r["subject"] == "第一党支部")
    assert "届满 2026-05-10" in run(db, "status", "-c", "zhibu-huanjie", "--limit", "0", today="2026-05-20").output


def test_a_branch_with_its_own_term_and_one_without_a_date(db: Path) -> None:
    run(db, "people", "add", "王五", "--role", "党员", "--branch", "第三党支部", today="2026-01-01")
    rows = huanjie(db, "2026-09-01", "--period", "2027")
    assert {(r["subject"], r["due"]) for r in rows} == {("第二党支部", "2027-02-28")}
    assert not [r for r in huanjie(db, "2026-12-01") if r["subject"] == "第三党支部"]


def test_a_step_is_recorded_in_the_terms_year_and_a_new_election_starts_the_next(db: Path) -> None:
    result = run(db, "tick", "zhibu-huanjie", "qingshi", "-s", "第一党支部", today="2025-12-01")  # no -p 2026 needed
    assert result.exit_code == 0, result.output
    done = {r["item"]: r["state"] for r in huanjie(db, "2025-12-01")}
    assert done["qingshi"] == "done" and done["xuanju"] == "open"
    run(db, "people", "branch", "第一党支部", "--elected", "2026-04-20", today="2026-04-20")
    assert "第一党支部（届满 2029-04-20）" in run(db, "people", "list", today="2026-04-21").output
    assert huanjie(db, "2026-04-21") == [r for r in huanjie(db, "2026-04-21") if r["subject"] != "第一党支部"]

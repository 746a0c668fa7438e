"""status --as-of rebuilds states from events; ledger rows among them are shown like the live ones."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()
TODAY = date.today().isoformat()  # events carry the real clock's time; --as-of must not end before it


def run(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], env={"DUTY_TUI_TODAY": TODAY, "COLUMNS": "120"})


def test_as_of_with_a_ledger_row_shows_the_row(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    year = TODAY[:4]
    assert run(db, "people", "add", "张三", "--role", "班子成员", "--dept", "办公室").exit_code == 0
    added = run(db, "ledger", "add", "guapai-duban", "guapai-duban", "-p", year, "--set", "事项=督办一",
                "--set", "责任人=张三", "--set", "时限=" + f"{year}-01-02")
    assert added.exit_code == 0, added.output
    live = json.loads(run(db, "status", "-c", "guapai-duban", "-p", year, "-f", "json").output)
    result = run(db, "status", "-c", "guapai-duban", "-p", year, "-f", "json", "--as-of", TODAY)
    assert result.exit_code == 0, result.output
    past = json.loads(result.output)
    assert [r["subject"] for r in past["items"]] == [r["subject"] for r in live["items"]] == ["#1"]
    table = run(db, "status", "-c", "guapai-duban", "-p", year, "--as-of", TODAY)
    assert table.exit_code == 0 and "督办一" in table.output, table.output

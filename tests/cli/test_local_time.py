"""The log cuts days at local midnight and shows local times, whatever UTC says."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import store.tinydb.changes
from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from tests.support.writes import Change, record
from tui.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two changes: 23:30 and 00:30 Beijing time, either side of local midnight on 2024-05-20."""
    times = iter(["2024-05-19T15:30:00.000000Z", "2024-05-19T16:30:00.000000Z"])
    monkeypatch.setattr(store.tinydb.changes, "utc_now", lambda: next(times))
    library = load_library()
    checklist = library.get("jieri-lianjie")
    s = TinyStore(tmp_path / "duty.json")
    for item in ("chunjie", "duanwu"):
        record(s, Change(checklist, checklist.item(item), parse_period("2024"), "", "done"), account="clerk")
    return s.path


def log(db: Path, *args: str, tz: str = "Asia/Shanghai") -> str:
    result = runner.invoke(app, ["--db", str(db), "log", *args],
                           env={"DUTY_TUI_TIMEZONE": tz, "DUTY_TUI_TODAY": "2024-05-21", "COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.output


def test_since_cuts_at_local_midnight(db: Path) -> None:
    shanghai = log(db, "--since", "2024-05-20")
    assert "端午廉洁提醒" in shanghai and "春节廉洁提醒" not in shanghai
    assert "2024-05-20 00:30" in shanghai
    utc = log(db, "--since", "2024-05-20", tz="UTC")
    assert "共 0 条" in utc  # both are still 19 May in UTC


def test_times_show_in_the_configured_zone_with_the_year(db: Path) -> None:
    shown = log(db)
    assert "2024-05-19 23:30" in shown and "2024-05-20 00:30" in shown
    assert "2024-05-19 15:30" in log(db, tz="UTC")


def test_as_of_ends_the_day_at_local_midnight(db: Path) -> None:
    import json

    result = runner.invoke(app, ["--db", str(db), "status", "-f", "json", "--all", "-c", "jieri-lianjie",
                                 "--as-of", "2024-05-19"],
                           env={"DUTY_TUI_TIMEZONE": "Asia/Shanghai", "DUTY_TUI_TODAY": "2024-05-21"})
    states = {r["item"]: r["state"] for r in json.loads(result.output)["items"]}
    assert (states["chunjie"], states["duanwu"]) == ("done", "open")  # 23:30 was the 19th; 00:30 the 20th

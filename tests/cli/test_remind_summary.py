"""The reminders kept with the database: read at login without the program, and never once they are out of date.

`quick` runs the console script's entry in a fresh process and reports
which of the program's heavier packages it had to load (tests.support.probe).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from store.tinydb import TinyStore
from tests.cli.test_remind import TODAY, db, remind, tick  # noqa: F401 - the fixture
from tests.conftest import run_cli
from tests.support.probe import entry
from tui.board import Board
from tui.resolve import settings_for


def quick(db: Path, *args: str, today: str = TODAY, **env: str) -> tuple[str, list[str]]:
    """(stdout, heavy packages loaded) of `duty-tui --db DB remind ARGS` in a fresh process."""
    return entry("--db", str(db), "remind", *args, DUTY_TUI_TODAY=today, **env)


def kept(db: Path) -> Path:
    return db.with_name(db.name + ".summary")


def test_the_second_reminder_is_read_without_loading_the_program(db: Path) -> None:
    first, loaded = quick(db)
    assert "checklists" in loaded and kept(db).exists()
    second, loaded = quick(db)
    assert (second, loaded) == (first, [])
    for args in (["--login"], ["--all"], ["--person", "王五"]):
        full, _ = quick(db, *args, DUTY_TUI_SYSTEM_CONFIG="/nonexistent/elsewhere.toml")  # other settings: computed
        assert quick(db, *args) == (full, [])


def test_a_write_through_the_command_line_keeps_it_current(db: Path) -> None:
    before, _ = quick(db, "--all")
    assert "王五：" in before
    tick_out = run_cli(db, "tick", "yishu-sibiao", "chengnuoshu", "-s", "张三", "-p", "2024", DUTY_TUI_TODAY=TODAY)
    assert tick_out.returncode == 0, tick_out.stderr
    after, loaded = quick(db, "--all")
    assert loaded == [] and after != before and "签订《同级监督承诺书》" not in after.split("\n")[0]


def test_any_other_write_makes_it_stale_and_the_answer_is_computed_again(db: Path) -> None:
    before, _ = quick(db, "--person", "王五")
    tick(TinyStore(db), "yishu-sibiao", "baosong-duizhao", "2024", "王五")  # straight into the store: nothing refreshed it
    after, loaded = quick(db, "--person", "王五")
    assert "checklists" in loaded and after != before
    assert quick(db, "--person", "王五") == (after, [])


def test_a_new_day_a_checklist_file_or_a_setting_is_never_answered_from_an_old_summary(db: Path,
                                                                                     tmp_path: Path) -> None:
    quick(db)
    _, loaded = quick(db, today="2024-05-21")
    assert "checklists" in loaded
    lists = tmp_path / "lists"
    lists.mkdir()
    env = {"DUTY_TUI_CHECKLISTS": str(lists)}
    quick(db, **env)
    assert quick(db, **env)[1] == []
    (lists / "extra.toml").write_text('id = "extra"\ntitle = "本局专项"\nscope = "person"\nroles = ["班子成员"]\n'
                                      'every = "year"\ndue = { rule = "date", date = "05-25" }\n'
                                      '[[items]]\nid = "a"\ntitle = "专项事项"\n', "utf-8")
    out, loaded = quick(db, "--person", "王五", **env)
    assert "checklists" in loaded and "本局专项·专项事项（还有 5 天）" in out
    config = tmp_path / "etc" / "config.toml"
    config.parent.mkdir()
    config.write_text("soon_days = 3\n", "utf-8")
    out, loaded = quick(db, "--person", "王五", DUTY_TUI_SYSTEM_CONFIG=str(config), **env)
    assert "checklists" in loaded and "本局专项" not in out  # 5 days away is outside a 3-day window


def test_the_tui_board_keeps_it_current_after_anyone_writes(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checklists.loader import load_library

    quick(db)
    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    board = Board(TinyStore(db), load_library(), settings=settings_for({"db": db, "checklists": None}))
    board.load()  # the first screen's load keeps nothing: the TUI's start must not wait for it
    tick(TinyStore(db), "yishu-sibiao", "biao-3", "2024", "王五")  # another session's write
    assert TinyStore(db).summary() is None
    board.load()  # the live refresh that follows a change
    join_keepers()
    data = TinyStore(db).summary()
    assert isinstance(data, dict)
    wangwu = next(p for p in data["people"] if p["name"] == "王五")
    assert "biao-3" not in [i["item"] for i in wangwu["items"]]
    monkeypatch.delenv("DUTY_TUI_TODAY")
    assert quick(db, "--person", "王五")[1] == []


def join_keepers() -> None:
    """Wait for the board's threads that keep the summary."""
    import threading

    for thread in threading.enumerate():
        if thread.name == "keep-summary":
            thread.join(30)


def test_read_only_keeps_nothing_and_a_database_nobody_is_reminded_from_gets_no_summary(db: Path) -> None:
    assert run_cli(db, "--read-only", "remind", DUTY_TUI_TODAY=TODAY).returncode == 0
    assert not kept(db).exists()
    assert run_cli(db, "tick", "yishu-sibiao", "baosong-duizhao", "-s", "王五", "-p", "2024",
                   DUTY_TUI_TODAY=TODAY).returncode == 0
    assert not kept(db).exists()


def test_the_summary_is_never_for_the_world_and_shared_with_the_group_in_a_shared_folder(tmp_path: Path) -> None:
    folder = tmp_path / "srv"
    folder.mkdir()
    os.chmod(folder, 0o2770)
    db = folder / "duty.json"
    assert run_cli(db, "people", "add", "张三", "--role", "党员").returncode == 0
    assert run_cli(db, "remind", "--all", DUTY_TUI_TODAY=TODAY).returncode == 0
    assert stat.S_IMODE(kept(db).stat().st_mode) == 0o660
    private = tmp_path / "home" / "duty.json"
    assert run_cli(private, "people", "add", "张三", "--role", "党员").returncode == 0
    assert run_cli(private, "remind", DUTY_TUI_TODAY=TODAY).returncode == 0
    assert stat.S_IMODE(kept(private).stat().st_mode) & 0o007 == 0


def test_a_damaged_summary_is_simply_computed_again(db: Path) -> None:
    first, _ = quick(db)
    for damage in (b"", b"{not json", json.dumps({"version": 1, "signature": [], "data": 3}).encode()):
        kept(db).write_bytes(damage)
        again, loaded = quick(db)
        assert again == first and "checklists" in loaded


@pytest.mark.parametrize("name", ["XDG_CACHE_HOME", None])
def test_the_settings_cache_is_where_platformdirs_puts_the_cache(name: str | None, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_path

    from tui.fast.kept import cache_dir

    if name:
        monkeypatch.setenv(name, str(tmp_path / "c"))
    else:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_dir() == str(user_cache_path("duty-tui"))

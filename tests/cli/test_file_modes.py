"""Files written for people take the database's group and never the world, whatever the umask.

With umask 022 into a 0755 folder, a plain write is 0644: any account on
the server reads the 台账 the database's 2770 folder keeps from it.
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from store import open_store
from tests.conftest import run_cli

TODAY = "2025-04-10"


def umask_022() -> None:
    os.umask(0o022)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o755, 0o2770], ids=["private-0755", "shared-2770"])
def db(request, tmp_path: Path) -> Path:
    """A database in a folder of the given mode, with a person in it to write about."""
    folder = tmp_path / "db"
    folder.mkdir()
    os.chmod(folder, request.param)
    path = folder / "duty.json"
    result = run_cli(path, "people", "add", "张三", "--role", "班子成员", "--dept", "办公室", "--branch", "第一党支部",
                     preexec_fn=umask_022, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    return path


def expected(db: Path) -> int:
    return 0o660 if db.parent.stat().st_mode & stat.S_IWGRP else 0o640


@pytest.mark.parametrize("args", [("export", "--out", "台账.xlsx"), ("report", "--out", "报告.docx"),
                                  ("report", "--format", "markdown", "--out", "报告.md")],
                         ids=["export", "report-docx", "report-markdown"])
def test_exports_and_reports_are_the_groups_and_never_the_worlds(db: Path, tmp_path: Path, args) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    target = home / args[-1]
    result = run_cli(db, *args[:-1], str(target), "--year", "2025", preexec_fn=umask_022, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    assert mode(target) == expected(db), oct(mode(target))
    assert target.stat().st_gid == db.parent.stat().st_gid
    assert not [p for p in home.iterdir() if p != target]  # no temporary file left beside it


def test_an_existing_world_readable_export_is_replaced_by_a_private_one(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    result = run_cli(db, "export", "--year", "2025", "--out", str(target), preexec_fn=umask_022, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    assert mode(target) == expected(db)


def test_the_sent_log_keeps_the_database_file_from_the_world(db: Path) -> None:
    """The reminder sent-log lives in the head file: claiming a person rewrites it, never wider than the folder allows."""
    mask = os.umask(0o022)
    try:
        store = open_store(db, lock_timeout=5)
        assert store.claim_mail(date(2025, 4, 10), "张三", "zhangsan@example.gov.cn", account="cron")
    finally:
        os.umask(mask)
    assert mode(db) & 0o007 == 0
    assert mode(db) == expected(db), oct(mode(db))


def test_the_group_is_the_database_folders_where_the_account_belongs_to_it(tmp_path: Path) -> None:
    """With another group of this account on the database folder (root may give any), the export is given
    that group, not the account's primary one."""
    others = [g for g in os.getgroups() if g != os.getegid()] or ([4242] if os.geteuid() == 0 else [])
    if not others:
        pytest.skip("this account belongs to one group only")
    folder = tmp_path / "db"
    folder.mkdir()
    os.chown(folder, -1, others[0])
    os.chmod(folder, 0o750)  # not setgid: new files would otherwise take the account's primary group
    db = folder / "duty.json"
    assert run_cli(db, "people", "add", "张三", "--role", "党员", DUTY_TUI_TODAY=TODAY).returncode == 0
    target = tmp_path / "台账.xlsx"
    result = run_cli(db, "export", "--year", "2025", "--out", str(target), preexec_fn=umask_022, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    assert target.stat().st_gid == others[0] and mode(target) == 0o640


def test_the_tui_export_folder_is_closed_to_the_world_even_if_it_was_open(db: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.yearend import output_folder

    start = tmp_path / "start"
    (start / "duty-tui-exports").mkdir(parents=True)
    os.chmod(start / "duty-tui-exports", 0o755)
    monkeypatch.chdir(start)
    folder = output_folder(db)
    assert folder == start / "duty-tui-exports"
    assert mode(folder) == (0o770 if expected(db) == 0o660 else 0o750)
    assert folder.stat().st_gid == db.parent.stat().st_gid

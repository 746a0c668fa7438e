"""Operating-system failures through the real command line: one line naming the file, exit 2 or 3.

A traceback, or exit 1, would read to a cron job as "overdue" or "tampered";
so a path the user got wrong exits 2 and anything the system refuses exits 3.
"""

from __future__ import annotations

import ctypes
import errno
import gc
import json
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from store.tinydb.lock import locked
from tests.conftest import run_cli

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def as_plain_user():
    """A preexec_fn under which mode bits bind the child, or None when they already do.

    The suite runs as root in CI, and root reads and writes whatever the mode
    bits say. Dropping the capabilities that override them from the bounding
    set before exec leaves root an ordinary owner, so chmod 000 denies it as
    it denies a user outside the database's group. Any other user needs nothing.
    """
    if os.geteuid() != 0:
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


@contextmanager
def mode(path: Path, bits: int) -> Iterator[None]:
    before = stat.S_IMODE(path.stat().st_mode)
    path.chmod(bits)
    try:
        yield
    finally:
        path.chmod(before)


def one_line(result, code: int, *names: object) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for name in names:
        assert str(name) in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with a head, one shard of this year (status reads it) and a day's backup."""
    path = tmp_path / "db" / "duty.json"
    assert run_cli(path, "people", "add", "张三", "--role", "党员").returncode == 0
    assert run_cli(path, "tick", "jieri-lianjie", "chunjie").returncode == 0
    return path


def shard_of(db: Path) -> Path:
    (shard,) = (db.parent / "duty.json.d").glob("*.json")
    return shard


COMMANDS = {
    "status": ["status"],
    "log": ["log"],
    "verify": ["verify"],
    "people add": ["people", "add", "李四", "--role", "党员"],
    "tick": ["tick", "jieri-lianjie", "duanwu"],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_folder_given_as_the_database_is_a_usage_error(tmp_path: Path, command) -> None:
    line = one_line(run_cli(tmp_path, *command), 2, tmp_path)
    assert "是一个目录" in line and str(tmp_path / "duty.json") in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_database_below_a_file_is_a_usage_error(tmp_path: Path, command) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    line = one_line(run_cli(blocker / "sub" / "duty.json", *command), 2, blocker)
    assert "是文件而不是目录" in line and blocker.read_text() == "not a folder"


READERS = {"log": ["log"], "verify": ["verify"], "status": ["status"]}
UNREADABLE = {
    # what is closed: (path relative to the database folder, the commands that must then fail)
    "head": ("duty.json", ["verify", "status"]),
    "shard": (None, ["log", "verify", "status"]),
    "shard folder": ("duty.json.d", ["log", "verify", "status"]),
    "database folder": (".", ["log", "verify", "status"]),
}


@pytest.mark.parametrize("closed", UNREADABLE, ids=UNREADABLE.keys())
def test_what_this_account_may_not_read_is_one_line_exit_3(db: Path, closed: str) -> None:
    relative, failing = UNREADABLE[closed]
    target = (db.parent / relative).resolve() if relative else shard_of(db)
    with mode(target, 0):
        for name in failing:
            line = one_line(run_cli(db, *READERS[name], preexec_fn=as_plain_user()), 3, target)
            assert "没有读取权限" in line, (name, line)


@pytest.mark.parametrize("closed", ["duty.json", "."], ids=["head", "database folder"])
def test_whoami_on_a_database_it_cannot_read_still_says_who_and_where(db: Path, closed: str) -> None:
    """README sends people to whoami to find out why their database is not the shared one: it must answer."""
    import pwd

    with mode((db.parent / closed).resolve(), 0):
        result = run_cli(db, "whoami", preexec_fn=as_plain_user())
    line = one_line(result, 3, db.parent if closed == "." else db)
    assert "没有读取权限" in line
    assert result.stdout.splitlines() == [f"系统账户：{pwd.getpwuid(os.getuid()).pw_name}", "关联人员：（数据库无法读取，见下）",
                                          f"数据库：{db}", "数据库位置来自：命令行 --db"]


def test_log_refuses_a_head_it_cannot_read_as_every_read_does(db: Path) -> None:
    """The head may hold a saved change its shard still lacks: a log without it would be incomplete."""
    with mode(db, 0):
        one_line(run_cli(db, "log", "--format", "json", preexec_fn=as_plain_user()), 3, db)


def snapshot_of(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file() and ".backups" not in str(p)}


@pytest.mark.parametrize(("closed", "command"), [
    ("duty.json", "people add"),
    ("duty.json", "tick"),  # the shard is writable: the head is checked before anything is written
    (None, "tick"),
])
def test_a_file_without_write_permission_is_refused_not_replaced(db: Path, closed, command: str) -> None:
    target = db.parent / closed if closed else shard_of(db)
    before = snapshot_of(db.parent)
    with mode(target, 0o444):
        line = one_line(run_cli(db, *COMMANDS[command], preexec_fn=as_plain_user()), 3, target)
        assert "没有写权限" in line
        assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert snapshot_of(db.parent) == before


def test_a_shard_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    (tmp_path / "duty.json.d").write_text("")
    one_line(run_cli(db, "log"), 3, tmp_path / "duty.json.d")
    one_line(run_cli(db, "tick", "jieri-lianjie", "chunjie"), 3, tmp_path / "duty.json.d")


def test_a_symlinked_database_writes_through_to_its_target(tmp_path: Path) -> None:
    """Two accounts whose links differ share one file, one lock, one shard folder and one backup folder."""
    shared = tmp_path / "srv" / "duty"
    shared.mkdir(parents=True)
    (tmp_path / "zhang").mkdir()
    (tmp_path / "li").mkdir()
    zhang = tmp_path / "zhang" / "duty.json"
    zhang.symlink_to(shared / "duty.json")  # dangling until the first write
    li = tmp_path / "li" / "duty.json"
    li.symlink_to(Path("..") / "srv" / "duty" / "duty.json")
    assert run_cli(zhang, "people", "add", "张三", "--role", "党员").returncode == 0
    assert run_cli(li, "people", "add", "李四", "--role", "党员").returncode == 0
    assert run_cli(zhang, "tick", "jieri-lianjie", "chunjie", "-p", "2024").returncode == 0
    assert zhang.is_symlink() and li.is_symlink()
    assert sorted(p.name for p in tmp_path.joinpath("zhang").iterdir()) == ["duty.json"]
    assert sorted(p.name for p in tmp_path.joinpath("li").iterdir()) == ["duty.json"]
    assert {"duty.json", "duty.json.lock", "duty.json.d", "duty.json.backups"} <= {p.name for p in shared.iterdir()}
    people = json.loads((shared / "duty.json").read_bytes())["people"]
    assert sorted(p["name"] for p in people.values()) == ["张三", "李四"]
    with locked(shared / "duty.json.lock"):
        busy = run_cli(li, "tick", "jieri-lianjie", "duanwu", "-p", "2024", DUTY_TUI_LOCK_TIMEOUT="0.3")
    one_line(busy, 3, shared / "duty.json.lock")


def test_an_unforeseen_os_failure_is_one_line_naming_the_file(capsys) -> None:
    from tui.options import store_errors

    with pytest.raises(SystemExit) as exit_info, store_errors():
        raise OSError(errno.EIO, "Input/output error", "/srv/duty/duty.json")
    assert exit_info.value.code == 3
    assert capsys.readouterr().err == "duty-tui: 无法访问 /srv/duty/duty.json：输入输出错误（磁盘或网络文件系统故障）\n"


def test_the_command_line_turns_any_os_error_into_exit_3(monkeypatch, capsys) -> None:
    import tui.cli

    def broken() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/srv/duty/duty.json.d")

    monkeypatch.setattr(tui.cli, "app", broken)
    with pytest.raises(SystemExit) as exit_info:
        tui.cli.main()
    assert exit_info.value.code == 3 and "/srv/duty/duty.json.d：磁盘已满" in capsys.readouterr().err


@pytest.mark.parametrize("failure", ["folder", "os"])
def test_the_quick_path_to_the_tui_reports_the_same_way(tmp_path: Path, monkeypatch, capsys, failure) -> None:
    import tui.entry
    import tui.launch

    monkeypatch.setattr(tui.launch, "terminal_ready", lambda: True)
    monkeypatch.setattr(sys, "argv", ["duty-tui", "--db", str(tmp_path)])
    if failure == "os":
        monkeypatch.setattr(sys, "argv", ["duty-tui", "--db", str(tmp_path / "duty.json")])

        def broken(*_args, **_kwargs) -> None:
            raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "duty.json"))

        monkeypatch.setattr(tui.launch, "start", broken)
    try:
        with pytest.raises(SystemExit) as exit_info:
            tui.entry.main()
    finally:
        gc.enable()  # main() turns it off until the app has painted
    assert exit_info.value.code == (2 if failure == "folder" else 3)
    (line,) = capsys.readouterr().err.splitlines()
    assert str(tmp_path) in line


def test_a_file_too_large_is_said_in_chinese() -> None:
    """EFBIG (ulimit -f, a file system's limit) came out as the system's English "File too large"."""
    import errno

    from store.errors import StoreUnwritable, os_reason
    from tui.errors import explain

    error = StoreUnwritable("write-failed", path="/srv/duty/duty.json", reason=os_reason(OSError(errno.EFBIG, "File too large")))
    assert explain(error) == "写入 /srv/duty/duty.json 失败：文件超出大小限制（ulimit -f 或文件系统的上限）；原文件未改动"

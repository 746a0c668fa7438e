"""Empty, blank, ``{}``, missing or ill-shaped files are refused, for reads and writes alike, and left as they were."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .test_damage import ROOT, cli

EMPTIES = [b"", b"  \n\t", b"{}\n"]


def database(tmp_path: Path) -> Path:
    """A head with a roster and one shard of 2024, as a user would have made them."""
    db = tmp_path / "duty.json"
    assert cli(db, "people", "add", "张三", "--role", "党员").returncode == 0
    assert cli(db, "tick", "jieri-lianjie", "chunjie", "--period", "2024").returncode == 0
    return db


def shard_of(db: Path) -> Path:
    (shard,) = (db.parent / "duty.json.d").glob("*.json")
    return shard


def files(db: Path) -> dict[str, bytes]:
    return {str(p.relative_to(db.parent)): p.read_bytes() for p in [db, *sorted((db.parent / "duty.json.d").glob("*"))]
            if p.exists()}


def refused(result: subprocess.CompletedProcess, path: Path, reason: str) -> None:
    assert result.returncode == 4, (result.stdout, result.stderr)
    assert str(path) in result.stderr and reason in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


COMMANDS = [("people", "add", "新人", "--role", "党员"), ("tick", "jieri-lianjie", "duanwu", "--period", "2024"),
            ("people", "list"), ("status", "--period", "2024"), ("log",)]


@pytest.mark.parametrize("content", EMPTIES)
def test_an_emptied_head_is_refused_not_taken_for_a_new_database(tmp_path: Path, content: bytes) -> None:
    db = database(tmp_path)
    db.write_bytes(content)
    before = files(db)
    for command in COMMANDS:  # the log too: the head says which changes it holds that the shards may lack
        refused(cli(db, *command), db, "内容为空")
    assert files(db) == before


@pytest.mark.parametrize("content", EMPTIES)
def test_an_emptied_shard_is_refused_and_never_overwritten(tmp_path: Path, content: bytes) -> None:
    db = database(tmp_path)
    shard = shard_of(db)
    shard.write_bytes(content)
    before = files(db)
    for command in COMMANDS[1:]:
        if command[0] != "people":  # the roster lives in the head alone
            refused(cli(db, *command), shard, "内容为空")
    assert files(db) == before


@pytest.mark.parametrize("table", ["events", "state"])
def test_a_shard_with_entries_of_the_wrong_shape_is_refused(tmp_path: Path, table: str) -> None:
    db = database(tmp_path)
    shard = shard_of(db)
    data = json.loads(shard.read_bytes())
    data[table] = {key: "garbage" for key in data[table]} if table == "events" else {"1": {"state": "done"}}
    shard.write_text(json.dumps(data))
    before = files(db)
    for command in COMMANDS[1:]:
        if command[0] != "people":
            refused(cli(db, *command), shard, f"表 {table} 的第 1 项不是有效的记录")
    verify = cli(db, "verify")  # verify names each odd entry itself
    assert verify.returncode == 1 and "Traceback" not in verify.stderr
    assert files(db) == before


def test_a_missing_head_beside_its_shards_is_refused(tmp_path: Path) -> None:
    db = database(tmp_path)
    db.unlink()
    before = files(db)
    for command in [("people", "add", "新人", "--role", "党员"), ("tick", "jieri-lianjie", "duanwu", "--period", "2024"),
                    ("status", "--period", "2024"), ("verify",), ("log",)]:
        refused(cli(db, *command), db, "头文件不存在")
    assert files(db) == before and not db.exists()


def test_a_new_database_is_created_only_where_nothing_was_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    first = cli(db, "people", "add", "张三", "--role", "党员")
    assert first.returncode == 0 and first.stderr.strip() == f"duty-tui: 新建数据库：{db}"
    second = cli(db, "people", "add", "李四", "--role", "党员")
    assert second.returncode == 0 and "新建数据库" not in second.stderr
    other = tmp_path / "other.json"
    tick = cli(other, "tick", "jieri-lianjie", "chunjie", "--period", "2024")
    assert tick.returncode == 0 and tick.stderr.strip() == f"duty-tui: 新建数据库：{other}"


def test_the_tui_refuses_an_emptied_head_with_the_same_line(tmp_path: Path) -> None:
    """On a real terminal (a pty), the TUI's open path stops at the damaged head instead of creating one."""
    db = database(tmp_path)
    db.write_bytes(b"")
    controller, terminal = pty.openpty()
    env = {**os.environ, "DUTY_TUI_DB": str(db), "TERM": "xterm", "LANG": "C.UTF-8", "PYTHONUTF8": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "tui"], stdin=terminal, stdout=terminal, stderr=terminal,
                            cwd=ROOT, env=env, close_fds=True)
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1)
            if ready:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(controller)
    text = output.decode("utf-8", "replace")
    assert code == 4, text
    assert "内容为空" in text and "Traceback" not in text
    assert db.read_bytes() == b""


def test_a_shard_the_head_does_not_list_is_refused_for_writes_and_left_alone(tmp_path: Path) -> None:
    db = database(tmp_path)
    backup = db.read_bytes()  # as a backup taken before the next shard was made
    assert cli(db, "tick", "jieri-lianjie", "duanwu", "--period", "2025").returncode == 0
    db.write_bytes(backup)  # restored, while the newer shard stays behind
    (unlisted,) = (p for p in (db.parent / "duty.json.d").glob("*.json") if "2025" in p.name)
    before = files(db)
    result = cli(db, "tick", "jieri-lianjie", "chunjie", "--period", "2025")
    refused(result, unlisted, "不在头文件")
    assert "移出" in result.stderr and files(db) == before
    assert cli(db, "tick", "jieri-lianjie", "duanwu", "--period", "2024").returncode == 0  # listed shards still take writes

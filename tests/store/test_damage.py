"""Corrupt, foreign, newer-version and tampered databases; busy and unwritable ones."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from store.tinydb import TinyStore
from store.tinydb.lock import locked
from tui.errors import explain

ROOT = Path(__file__).parent.parent.parent


def cli(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "DUTY_TUI_DB": str(db), **env}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=ROOT, env=full_env, timeout=60)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"_meta": {"1": {"app": "duty-tui", "schema": 1}}, "people": {"1": {"na', "不是完整的 JSON（第 72 字节起：文件到此就结束了"),
        (b"\x00" * 64, "含有 NUL 字节"),
        (b'{"editor.fontSize": 14}', "不是 duty-tui 数据库"),
        (b'{"_default": {"1": {"name": "x"}}}', "不是 duty-tui 数据库"),
    ],
)
def test_damaged_head_is_never_overwritten(tmp_path: Path, content: bytes, reason: str) -> None:
    db = tmp_path / "duty.json"
    db.write_bytes(content)
    result = cli(db, "people", "add", "张三", "--role", "党员")
    assert result.returncode == 4
    assert reason in result.stderr and str(db) in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == content


def test_message_points_to_the_newest_backup(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    assert cli(db, "people", "add", "张三", "--role", "党员").returncode == 0
    assert cli(db, "people", "add", "李四", "--role", "党员").returncode == 0  # first write of the day on data
    backup = tmp_path / "duty.json.backups"
    (newest,) = [p for p in backup.iterdir()]
    db.write_bytes(db.read_bytes()[:40])
    result = cli(db, "people", "list")
    assert result.returncode == 4 and f"最新备份：{newest}" in result.stderr
    assert json.loads((newest / "duty.json").read_bytes())["people"]["1"]["name"] == "张三"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    content = b'{"_meta": {"1": {"app": "duty-tui", "schema": 99}}}'
    db.write_bytes(content)
    result = cli(db, "people", "add", "张三", "--role", "党员")
    assert result.returncode == 4 and "更新版本" in result.stderr and "请升级" in result.stderr
    assert db.read_bytes() == content


def test_locked_database_is_busy_exit_3(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    TinyStore(db)  # paths only
    db.parent.mkdir(exist_ok=True)
    with locked(tmp_path / "duty.json.lock"):
        result = cli(db, "people", "add", "张三", "--role", "党员", DUTY_TUI_LOCK_TIMEOUT="0.3")
    assert result.returncode == 3 and "正被其他用户占用" in result.stderr
    assert not db.exists()


def test_read_only_flag_exit_3(tmp_path: Path) -> None:
    result = cli(tmp_path / "duty.json", "--read-only", "tick", "jieri-lianjie", "chunjie")
    assert result.returncode == 3 and "只读模式" in result.stderr


@pytest.mark.parametrize(("err", "text"), [(errno.EROFS, "没有写权限"), (errno.ENOSPC, "磁盘已满")])
def test_unwritable_folder_or_full_disk_leaves_file_as_it_was(tmp_path: Path, monkeypatch, err, text) -> None:
    from store.errors import StoreUnwritable
    from store.tinydb.roster import add_person

    store = TinyStore(tmp_path / "duty.json")
    add_person(store, "张三", ["党员"])
    before = store.path.read_bytes()

    def refuse(*_a, **_k):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StoreUnwritable) as caught:
        add_person(store, "李四", ["党员"])
    assert text in explain(caught.value)
    assert store.path.read_bytes() == before


def test_user_variable_does_not_change_the_recorded_account(tmp_path: Path) -> None:
    import pwd

    db = tmp_path / "duty.json"
    assert cli(db, "tick", "jieri-lianjie", "chunjie", "--period", "2024",
               USER="somebody", LOGNAME="somebody").returncode == 0
    log = json.loads(cli(db, "log", "--format", "json").stdout)
    assert [e["account"] for e in log] == [pwd.getpwuid(os.getuid()).pw_name]
    assert cli(db, "whoami", USER="somebody").stdout.startswith(f"系统账户：{pwd.getpwuid(os.getuid()).pw_name}")


def _shard(db: Path) -> Path:
    (shard,) = (db.parent / "duty.json.d").glob("*.json")
    return shard


@pytest.mark.parametrize("tamper", ["edit", "remove-middle", "remove-last", "reorder"])
def test_verify_catches_hand_edits(tmp_path: Path, tamper: str) -> None:
    db = tmp_path / "duty.json"
    for item in ("chunjie", "duanwu", "zhongqiu"):
        assert cli(db, "tick", "jieri-lianjie", item, "--period", "2024", "--note", item).returncode == 0
    intact = cli(db, "verify")
    assert intact.returncode == 0 and "审计记录完好：3 条事件" in intact.stdout
    shard = _shard(db)
    data = json.loads(shard.read_text("utf-8"))
    events = data["events"]
    if tamper == "edit":
        events["2"]["note"] = "改过的备注"
    elif tamper == "remove-middle":
        del events["2"]
    elif tamper == "remove-last":
        del events["3"]
    else:
        events["1"], events["2"] = events["2"], events["1"]
    shard.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli(db, "verify")
    assert result.returncode == 1, result.stdout
    assert "分片 2024-jieri-lianjie" in result.stdout


def test_verify_reports_a_deleted_shard(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    assert cli(db, "tick", "jieri-lianjie", "chunjie", "--period", "2024").returncode == 0
    _shard(db).unlink()
    result = cli(db, "verify")
    assert result.returncode == 1 and "分片 2024-jieri-lianjie：文件不存在" in result.stdout

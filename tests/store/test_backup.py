"""Backups are copies that survive damage to the live files, replayed when made, and restore as README says."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from store.tinydb.backup import PROBLEMS_FILE, newest_backup

from .test_damage import cli
from .test_write_faults import TICK


def yesterday_database(tmp_path: Path) -> tuple[Path, Path]:
    """A database with a shard, as if made on an earlier day, and today's backup taken by today's first change."""
    db = tmp_path / "duty.json"
    assert cli(db, "people", "add", "张三", "--role", "党员", "--branch", "第一党支部").returncode == 0
    assert cli(db, *TICK).returncode == 0
    shutil.rmtree(tmp_path / "duty.json.backups")  # the day those were written is over
    assert cli(db, *TICK).returncode == 0
    (backup,) = (tmp_path / "duty.json.backups").iterdir()
    return db, backup


def test_a_backup_shares_no_file_with_the_database_and_survives_damage_in_place(tmp_path: Path) -> None:
    db, backup = yesterday_database(tmp_path)
    (shard,) = (tmp_path / "duty.json.d").glob("*.json")
    copied = backup / "duty.json.d" / shard.name
    live = {db.stat().st_ino, shard.stat().st_ino}
    assert {(backup / "duty.json").stat().st_ino, copied.stat().st_ino}.isdisjoint(live)
    assert copied.stat().st_nlink == 1 and not (backup / PROBLEMS_FILE).exists()
    saved = copied.read_bytes()
    os.truncate(shard, 40)  # damaged in place, as a disk error or an editor would
    assert copied.read_bytes() == saved
    refused = cli(db, "status")
    assert refused.returncode == 4 and f"最新备份：{backup}" in refused.stderr

    # README, 数据库: keep the damaged files aside, then copy the backup's head and shard folder back.
    shutil.copytree(tmp_path / "duty.json.d", tmp_path / "damaged.d")
    shutil.copy2(backup / "duty.json", db)
    shutil.copytree(backup / "duty.json.d", tmp_path / "duty.json.d", dirs_exist_ok=True)
    verify = cli(db, "verify")
    assert verify.returncode == 0 and "审计记录完好：1 条事件" in verify.stdout, verify.stdout


def test_a_backup_whose_replay_finds_problems_says_so_and_is_not_recommended(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    assert cli(db, "people", "add", "张三", "--role", "党员", "--branch", "第一党支部").returncode == 0
    assert cli(db, *TICK).returncode == 0
    (sound,) = (tmp_path / "duty.json.backups").iterdir()
    (shard,) = (tmp_path / "duty.json.d").glob("*.json")
    data = json.loads(shard.read_bytes())
    data["events"]["1"]["note"] = "改过"  # a hand edit verify reports
    shard.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    shutil.move(sound, tmp_path / "duty.json.backups" / "2000-01-01")  # an older, sound one
    assert cli(db, *TICK).returncode == 0  # the day's first change: the backup replays the edited shard
    today = tmp_path / "duty.json.backups" / sound.name
    problems = (today / PROBLEMS_FILE).read_text("utf-8")
    assert "哈希不符" in problems
    from store.tinydb.paths import DbPaths

    assert newest_backup(DbPaths(db)) == tmp_path / "duty.json.backups" / "2000-01-01"


def test_a_backup_holding_nothing_to_restore_is_not_recommended(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    assert cli(db, "org", "set", "--name", "某某局党组").returncode == 0  # made today: no backup yet
    assert cli(db, "org", "set", "--name", "某某局机关党委").returncode == 0  # today's backup: the name alone
    assert len(list((tmp_path / "duty.json.backups").iterdir())) == 1
    db.write_bytes(b"")
    refused = cli(db, "status")
    assert refused.returncode == 4 and "没有可用的备份" in refused.stderr and "最新备份" not in refused.stderr
    assert "替换" not in refused.stderr, refused.stderr  # no advice to restore what does not exist


def test_restoring_as_readme_says_moves_away_shards_made_after_the_backup(tmp_path: Path) -> None:
    db, backup = yesterday_database(tmp_path)
    assert cli(db, "tick", "jieri-lianjie", "chunjie", "--period", "2024").returncode == 0  # a shard the backup lacks
    db.write_bytes(b"{}")
    # README, 数据库: keep the damaged files aside, move away shards the backup lacks, copy the backup back.
    shutil.copytree(tmp_path / "duty.json.d", tmp_path / "damaged.d")
    for shard in (tmp_path / "duty.json.d").glob("*.json"):
        if not (backup / "duty.json.d" / shard.name).exists():
            shard.unlink()
    shutil.copy2(backup / "duty.json", db)
    shutil.copytree(backup / "duty.json.d", tmp_path / "duty.json.d", dirs_exist_ok=True)
    verify = cli(db, "verify")
    assert verify.returncode == 0, verify.stdout

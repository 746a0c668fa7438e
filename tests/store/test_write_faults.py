"""A change cut short at any step of its writes: refused and gone, or acknowledged and completed; never both.

Each case runs the real command in a child process (fault_child.py) with
ENOSPC, EIO or SIGKILL injected at one step of the atomic-write helper, found
by tracing a clean run. The head's rename is the commit point
(store/tinydb/sealing.py): before it, the files must be byte-identical and a
retry records the change once; after it, the command must say it was saved
(not "原文件未改动"), and the next unrelated write completes it, once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from store.tinydb.verify import verify
from tests.support.writes import Change, record

from .test_damage import ROOT, cli

CHILD = Path(__file__).with_name("fault_child.py")
YEAR = date.today().year
PERIOD = f"{YEAR}-01"
TICK = ("tick", "sanhui-yike", "zhiweihui", "--period", PERIOD, "--subject", "第一党支部")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a roster, one count of the item under test, another shard, and today's backup."""
    db = tmp_path_factory.mktemp("template") / "duty.json"
    assert cli(db, "people", "add", "张三", "--role", "党员", "--branch", "第一党支部").returncode == 0
    assert cli(db, *TICK).returncode == 0
    assert cli(db, "tick", "jieri-lianjie", "chunjie", "--period", str(YEAR)).returncode == 0
    return db


def run_child(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "DUTY_TUI_DB": str(db), **env}
    return subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True, cwd=ROOT,
                          env=full_env, timeout=60)


@pytest.fixture(scope="module")
def trace(template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The steps of a clean run, in order."""
    folder = tmp_path_factory.mktemp("trace")
    db = copy(template, folder / "db")
    trace = folder / "steps.txt"
    assert run_child(db, *TICK, FAULT_TRACE=str(trace)).returncode == 0
    return trace.read_text("utf-8").splitlines()


def copy(template: Path, folder: Path) -> Path:
    shutil.copytree(template.parent, folder)
    return folder / template.name


def data_files(db: Path) -> dict[str, bytes]:
    """The head and the shards, without temp files a killed writer may leave (the next writer removes them)."""
    found = [db, *(db.parent / "duty.json.d").glob("*.json")]
    return {p.name: p.read_bytes() for p in found if p.exists()}


def temps(db: Path) -> list[Path]:
    return [*db.parent.glob(".*.tmp"), *(db.parent / "duty.json.d").glob(".*.tmp")]


def count(db: Path) -> int:
    (state,) = TinyStore(db).states({("sanhui-yike", PERIOD)}).values()
    return state["count"]


def write(db: Path, checklist: str, item: str, period: str, subject: str, action: str) -> None:
    chosen = load_library().get(checklist)
    assert chosen is not None
    found = chosen.item(item)
    assert found is not None
    record(TinyStore(db, lock_timeout=10), Change(chosen, found, parse_period(period), subject, action), account="clerk")


def cases() -> list[tuple[int, str]]:
    """Every step with every fault; the steps are those of a clean run (10: two files of five steps each)."""
    kinds = ["ENOSPC", "EIO", "KILL", "KILL-AFTER"]
    return [(index, kind) for index in range(10) for kind in kinds]


@pytest.mark.parametrize(("index", "kind"), cases())
def test_a_fault_at_any_step_is_refused_and_gone_or_acknowledged_and_completed_once(
        template: Path, trace: list[str], tmp_path: Path, index: int, kind: str) -> None:
    assert len(trace) == 10 and trace[3] == "replace duty.json", trace
    commit = trace.index("replace duty.json")
    db = copy(template, tmp_path / "db")
    before, counted = data_files(db), count(db)

    result = run_child(db, *TICK, FAULT=f"{index}:{kind}")

    committed = index > commit or (index == commit and kind == "KILL-AFTER")
    assert (data_files(db)["duty.json"] != before["duty.json"]) == committed
    if kind.startswith("KILL"):
        assert result.returncode == -9
    elif committed:  # acknowledged: saved, with one line saying what is still to be written
        assert result.returncode == 0 and "已保存" in result.stdout, result.stderr
        assert "原文件未改动" not in result.stderr and "Traceback" not in result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert ("未能同步目录" if trace[index] == "fsync-folder" else "已记录这次修改") in line
        assert "请勿重做" in line or "已写入" in line
    else:  # refused: said so, and nothing of it left
        assert result.returncode == 3 and "原文件未改动" in result.stderr, (result.stdout, result.stderr)
        assert not temps(db)
    if not committed:
        assert data_files(db) == before
        write(db, "sanhui-yike", "zhiweihui", PERIOD, "第一党支部", "count")  # the user retries
    else:
        write(db, "jieri-lianjie", "duanwu", str(YEAR), "", "done")  # an unrelated change completes it
    assert count(db) == counted + 1
    report = verify(TinyStore(db), {})
    assert report.problems == [], report.problems
    assert not temps(db)


def shard_events(db: Path) -> list[int]:
    """The global sequence numbers of every event in the shard files, as written."""
    from store.tinydb.atomic import read_tables

    found: list[int] = []
    for path in (db.parent / "duty.json.d").glob("*.json"):
        found.extend(e["gseq"] for e in (read_tables(path) or {}).get("events", {}).values())
    return sorted(found)


@pytest.mark.parametrize("second", [TICK, ("tick", "jieri-lianjie", "duanwu", "--period", str(YEAR))],
                         ids=["same-shard", "other-shard"])
def test_a_change_after_one_still_pending_is_refused_while_its_shard_cannot_be_written(
        template: Path, tmp_path: Path, second: tuple[str, ...]) -> None:
    db = copy(template, tmp_path / "db")
    counted, written = count(db), shard_events(db)
    signature = TinyStore(db).signature()

    first = run_child(db, *TICK, FAULT_FULL="duty.json.d")  # the head fits on the disk, the shard does not
    assert first.returncode == 0 and "已保存" in first.stdout and "已记录这次修改" in first.stderr, first.stderr
    pending = data_files(db)
    assert count(db) == counted + 1  # reported as saved, so shown as saved before its shard has it
    assert max(e["gseq"] for e in TinyStore(db).events()) == len(written) + 1
    assert "sanhui-yike" in (TinyStore(db).changed_checklists(signature) or set())  # the summary's delta sees it too

    refused = run_child(db, *second, FAULT_FULL="duty.json.d")  # still full: the earlier change can't go in
    assert refused.returncode == 3 and "原文件未改动" in refused.stderr, (refused.stdout, refused.stderr)
    assert data_files(db) == pending and shard_events(db) == written

    third = run_child(db, "tick", "jieri-lianjie", "zhongqiu", "--period", str(YEAR))  # space is back
    assert third.returncode == 0 and third.stderr == "", third.stderr
    assert count(db) == counted + 1
    gseqs = shard_events(db)
    assert gseqs == list(range(1, len(written) + 3)), gseqs  # the first and the third, each once; never the second
    report = verify(TinyStore(db), {})
    assert report.problems == [], report.problems

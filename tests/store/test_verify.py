"""`duty-tui verify` against hand edits: of states, events, shard files and the head's seal.

Each database is written by the store's own code; the tampering is done the
way a person with a text editor or a shell would do it; the verdict comes
from the real `duty-tui verify` process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from store.tinydb.chain import event_hash
from store.tinydb.changes import all_events
from store.tinydb.roster import add_person
from store.tinydb.verify import verify
from tests.support.writes import Change, record

ROOT = Path(__file__).parent.parent.parent
LEGACY = Path(__file__).parent.parent / "data" / "legacy-schema1"


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DUTY_TUI_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)


def tick(store: TinyStore, checklist: str, item: str, period: str, subject: str = "", action: str = "done",
         **extra: str) -> dict[str, Any]:
    c = load_library().get(checklist)
    return record(store, Change(c, c.item(item), parse_period(period), subject, action, **extra), account="dangjianban")


def shard(db: Path, name: str) -> Path:
    return db.parent / "duty.json.d" / f"{name}.json"


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def targets() -> dict[str, int]:
    return load_library().targets()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Five shards; the last change goes to a shard the tampering below leaves alone."""
    path = tmp_path / "duty.json"
    store = TinyStore(path)
    add_person(store, "张三", ["班子成员", "党员"], "办公室", "第一党支部")
    tick(store, "yishu-sibiao", "chengnuoshu", "2024", "张三")
    tick(store, "yishu-sibiao", "chengnuoshu", "2024", "张三", "undone", note="原件未交")
    tick(store, "jieri-lianjie", "chunjie", "2023", note="2023年已发")
    for item in ("chunjie", "duanwu", "zhongqiu"):
        tick(store, "jieri-lianjie", item, "2024", note=item)
    tick(store, "qinglian-wenhua", "dajiangtang", "2024", action="count", date="2024-03-01")  # 1 of 2: still open
    old_copy = tmp_path / "old-2024-qinglian-wenhua.json"
    shutil.copy2(shard(path, "2024-qinglian-wenhua"), old_copy)
    tick(store, "qinglian-wenhua", "yian-cugai", "2024")
    tick(store, "jieri-lianjie", "yuandan", "2025")
    return path


def test_untouched_database_is_intact_and_count_targets_come_from_the_library(db: Path) -> None:
    result = cli(db, "verify")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("审计记录完好：9 条事件，哈希链无断裂；8 条状态与事件回放一致，5 个分片与头文件的封印相符")
    # With a target of 1 the single lecture would replay as done; the library says 2, as the store did.
    assert verify(TinyStore(db), targets()).problems == []
    wrong = verify(TinyStore(db), {})
    assert wrong.problems == ["分片 2024-qinglian-wenhua：qinglian-wenhua / dajiangtang / 2024 / org："
                              '字段 state 记录为 "open"，按事件回放应为 "done"']


def _edit_zhangsan_state(db: Path, **values: str) -> None:
    path = shard(db, "2024-yishu-sibiao")
    data = load(path)
    (state,) = [s for s in data["state"].values() if s["subject"] == "张三"]
    state.update(values)
    save(path, data)


def _forge_state(db: Path, tmp: Path) -> None:
    _edit_zhangsan_state(db, state="done")


def _forge_state_key(db: Path, tmp: Path) -> None:
    _edit_zhangsan_state(db, key="chengnuoshu|2024|李四")


def _delete_shard_and_entry(db: Path, tmp: Path) -> None:
    shard(db, "2023-jieri-lianjie").unlink()
    head = load(db)
    head["_shards"] = {k: v for k, v in head["_shards"].items() if v["name"] != "2023-jieri-lianjie"}
    save(db, head)


def _delete_shard(db: Path, tmp: Path) -> None:
    shard(db, "2023-jieri-lianjie").unlink()


def _swap_shards(db: Path, tmp: Path) -> None:
    a, b = shard(db, "2023-jieri-lianjie"), shard(db, "2024-yishu-sibiao")
    a.rename(tmp / "swap")
    b.rename(a)
    (tmp / "swap").rename(b)


def _restore_old_copy(db: Path, tmp: Path) -> None:
    shutil.copy2(tmp / "old-2024-qinglian-wenhua.json", shard(db, "2024-qinglian-wenhua"))


def _add_foreign_shard(db: Path, tmp: Path) -> None:
    other = tmp / "other" / "duty.json"
    tick(TinyStore(other), "jieri-lianjie", "chunjie", "2022")
    shutil.copy2(shard(other, "2022-jieri-lianjie"), shard(db, "2022-jieri-lianjie"))


def _edit_event(db: Path, tmp: Path) -> None:
    path = shard(db, "2024-jieri-lianjie")
    data = load(path)
    data["events"]["2"]["note"] = "改过的备注"
    save(path, data)


def _delete_event(db: Path, tmp: Path) -> None:
    path = shard(db, "2024-jieri-lianjie")
    data = load(path)
    del data["events"]["2"]
    save(path, data)


def _delete_event_and_rehash_its_shard(db: Path, tmp: Path) -> None:
    """What someone who knows the shard's chain would do: renumber, rehash, fix the state and the count."""
    path = shard(db, "2024-jieri-lianjie")
    data = load(path)
    events = [e for k, e in sorted(data["events"].items(), key=lambda kv: int(kv[0])) if k != "2"]
    prev = ""
    for seq, event in enumerate(events, 1):
        event["seq"] = seq
        event["hash"] = event_hash(event, prev)
        prev = event["hash"]
    data["events"] = {str(n): e for n, e in enumerate(events, 1)}
    data["state"] = {k: s for k, s in data["state"].items() if s["item"] != "duanwu"}
    data["_meta"]["1"].update(count=len(events), last_hash=prev)
    save(path, data)


# Each tampering, and a phrase the line naming it must contain.
TAMPERING = {
    "forged state": (_forge_state, "分片 2024-yishu-sibiao：yishu-sibiao / chengnuoshu / 2024 / 张三："
                                   '字段 state 记录为 "done"，按事件回放应为 "open"'),
    "state key edited": (_forge_state_key, "yishu-sibiao / chengnuoshu / 2024 / 张三：状态记录的 key 为"),
    "deleted shard and its head entry": (_delete_shard_and_entry, "全局序号 3 的事件不在任何分片中"),
    "deleted shard only": (_delete_shard, "分片 2023-jieri-lianjie 已被删除：头文件记录有 1 条事件，文件不存在"),
    "swapped shard files": (_swap_shards, "分片 2023-jieri-lianjie：文件中记的分片名是 2024-yishu-sibiao"),
    "old copy of a shard restored": (_restore_old_copy, "分片 2024-qinglian-wenhua：头文件记录有 2 条事件"),
    "added foreign shard": (_add_foreign_shard, "分片 2022-jieri-lianjie：不在头文件的分片目录中"),
    "event edited": (_edit_event, "分片 2024-jieri-lianjie 第 2 条事件"),
    "event deleted": (_delete_event, "分片 2024-jieri-lianjie 第 2 条事件"),
    "event deleted, shard rehashed": (_delete_event_and_rehash_its_shard, "全局序号 5 的事件不在任何分片中"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_each_tampering_is_named_and_exits_1(db: Path, tmp_path: Path, case: str) -> None:
    tamper, expected = TAMPERING[case]
    tamper(db, tmp_path)
    result = cli(db, "verify")
    assert result.returncode == 1, result.stdout
    assert any(expected in line for line in result.stdout.splitlines()), result.stdout
    assert "发现" in result.stderr and "Traceback" not in result.stderr


def test_swapped_shards_name_the_misplaced_events(db: Path, tmp_path: Path) -> None:
    _swap_shards(db, tmp_path)
    out = cli(db, "verify").stdout
    assert "分片 2024-yishu-sibiao：1 条事件属于别的分片（第 1 条属于 2023-jieri-lianjie）" in out
    assert "分片 2023-jieri-lianjie：头文件记录有 1 条事件" in out


def test_rehashed_shard_still_differs_from_the_head(db: Path, tmp_path: Path) -> None:
    _delete_event_and_rehash_its_shard(db, tmp_path)
    out = cli(db, "verify").stdout
    assert "分片 2024-jieri-lianjie：头文件记录有 3 条事件" in out and "文件中有 2 条" in out


def test_edited_seal_or_event_total_in_the_head(db: Path) -> None:
    head = load(db)
    head["_meta"]["1"]["seal"] = "0" * 64
    save(db, head)
    assert "头文件的封印与各分片的事件不符" in cli(db, "verify").stdout
    head["_meta"]["1"]["events"] = 8
    save(db, head)
    assert "全局序号 9 超出头文件记录的 8 条事件" in cli(db, "verify").stdout


def test_a_change_written_while_verify_reads_is_not_reported(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify reads the head, then the shards; a change landing in between is no problem."""
    real = TinyStore.read_shard
    written: list[bool] = []

    def read_shard(self: TinyStore, name: str, checked: bool = True) -> dict[str, Any]:
        if not written:
            written.append(True)
            tick(TinyStore(db), "jieri-lianjie", "guoqing", "2025")
        return real(self, name, checked)

    monkeypatch.setattr(TinyStore, "read_shard", read_shard)
    report = verify(TinyStore(db), targets())
    assert written and report.problems == [] and report.events == 10


class Killed(BaseException):
    """Stands in for SIGKILL: nothing after it runs, no handler catches it."""


def _kill_before_shard_write(monkeypatch: pytest.MonkeyPatch) -> None:
    import store.tinydb.storage

    real = store.tinydb.storage.atomic_write

    def write(path: Path, data: bytes) -> None:
        if path.parent.name.endswith(".d"):
            raise Killed
        real(path, data)

    monkeypatch.setattr(store.tinydb.storage, "atomic_write", write)


@pytest.mark.parametrize("next_write", ["tick elsewhere", "tick same shard", "people add"])
def test_a_change_cut_short_after_the_head_is_completed_by_the_next_write(
        db: Path, monkeypatch: pytest.MonkeyPatch, next_write: str) -> None:
    store = TinyStore(db)
    with monkeypatch.context() as patch:
        _kill_before_shard_write(patch)
        with pytest.raises(Killed):
            tick(store, "jieri-lianjie", "duanwu", "2025", note="写到一半")
    result = cli(db, "verify")
    assert result.returncode == 1
    assert "分片 2025-jieri-lianjie：缺少最近一次修改（1 条事件）" in result.stdout
    assert len(result.stdout.splitlines()) == 1, result.stdout  # and nothing else follows from it
    if next_write == "tick elsewhere":
        tick(store, "jieri-lianjie", "guoqing", "2024")
    elif next_write == "tick same shard":
        tick(store, "jieri-lianjie", "guoqing", "2025")
    else:
        add_person(store, "李四", ["党员"])
    assert "写到一半" in [e.get("note") for e in all_events(TinyStore(db))]
    assert cli(db, "verify").returncode == 0


def test_a_new_shard_cut_short_is_reported_then_written(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = TinyStore(db)
    with monkeypatch.context() as patch:
        _kill_before_shard_write(patch)
        with pytest.raises(Killed):
            tick(store, "jieri-lianjie", "chunjie", "2026")
    assert not shard(db, "2026-jieri-lianjie").exists()
    result = cli(db, "verify")
    assert result.returncode == 1 and "分片 2026-jieri-lianjie：文件不存在" in result.stdout
    add_person(store, "李四", ["党员"])
    assert shard(db, "2026-jieri-lianjie").exists() and cli(db, "verify").returncode == 0


def test_hand_deleted_last_change_comes_back(db: Path) -> None:
    """Removing the last change and fixing its shard's count does not stick: the head keeps a copy."""
    path = shard(db, "2025-jieri-lianjie")
    path.unlink()
    assert "分片 2025-jieri-lianjie：文件不存在" in cli(db, "verify").stdout
    add_person(TinyStore(db), "李四", ["党员"])
    assert cli(db, "verify").returncode == 0 and load(path)["events"]["1"]["item"] == "yuandan"


def test_a_bulk_change_leaves_no_copy_in_the_head(db: Path) -> None:
    from tests.support.writes import add_rows

    c = load_library().get("guapai-duban")
    add_rows(TinyStore(db), c, c.item("guapai-duban"), parse_period("2024"),
             [{"事项": f"事项{n}", "责任人": "张三", "责任科室": "办公室", "时限": "2024-06-30"} for n in range(3)])
    assert load(db)["_meta"]["1"]["pending"] is None
    assert cli(db, "verify").returncode == 0


# -- databases written by the schema-1 code --------------------------------------------------------


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    shutil.copytree(LEGACY, tmp_path / "legacy", ignore=shutil.ignore_patterns("README.md"))
    return tmp_path / "legacy" / "duty.json"


def test_schema_1_database_verifies_before_any_write(legacy: Path) -> None:
    result = cli(legacy, "verify")
    assert result.returncode == 0, result.stdout
    assert "尚未封印" in result.stdout and "审计记录完好：27 条事件" in result.stdout


def test_first_change_seals_a_schema_1_database_without_rewriting_its_events(legacy: Path) -> None:
    before = {p.name: p.read_bytes() for p in (legacy.parent / "duty.json.d").iterdir()}
    assert cli(legacy, "tick", "jieri-lianjie", "yuandan", "--period", "2024").returncode == 0
    head = load(legacy)
    assert head["_meta"]["1"]["schema"] == 2 and head["_meta"]["1"]["events"] == 1
    assert {e["name"]: e["legacy"] for e in head["_shards"].values()}["2024-guapai-duban"] == 4
    after = {p.name: p.read_bytes() for p in (legacy.parent / "duty.json.d").iterdir()}
    assert {n for n in after if after[n] != before.get(n)} == {"2024-jieri-lianjie.json"}
    events = load(shard(legacy, "2024-jieri-lianjie"))["events"]
    assert ["gseq" in e for e in events.values()] == [False, False, True]
    (snapshot,) = (legacy.parent / "duty.json.backups").glob("*-before-schema-2")
    assert load(snapshot / "duty.json")["_meta"]["1"]["schema"] == 1
    result = cli(legacy, "verify")
    assert result.returncode == 0 and "11 个分片与头文件的封印相符" in result.stdout, result.stdout


def test_sealed_legacy_shards_are_covered(legacy: Path) -> None:
    assert cli(legacy, "tick", "jieri-lianjie", "yuandan", "--period", "2024").returncode == 0
    head = load(legacy)
    head["_shards"] = {k: v for k, v in head["_shards"].items() if v["name"] != "2024-dangfei-jiaona"}
    save(legacy, head)
    shard(legacy, "2024-dangfei-jiaona").unlink()
    result = cli(legacy, "verify")
    assert result.returncode == 1 and "头文件的封印与各分片的事件不符" in result.stdout, result.stdout


def test_legacy_part_of_a_shard_restored_to_an_older_copy(legacy: Path, tmp_path: Path) -> None:
    path = shard(legacy, "2024-jieri-lianjie")
    data = load(path)
    del data["events"]["2"]
    data["_meta"]["1"].update(count=1, last_hash=data["events"]["1"]["hash"])
    assert cli(legacy, "tick", "jieri-lianjie", "yuandan", "--period", "2023").returncode == 0
    save(path, data)  # after sealing: it recorded two legacy events here
    result = cli(legacy, "verify")
    assert result.returncode == 1
    assert "分片 2024-jieri-lianjie：封印前的 2 条事件与头文件记录的不符" in result.stdout, result.stdout

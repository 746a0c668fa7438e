"""Recording changes, scopes, state kept in step with events, and undo."""

from __future__ import annotations

import pytest

from checklists.periods import parse_period
from store.errors import StoreUnwritable
from store.tinydb import TinyStore
from store.tinydb.changes import all_events, all_states
from tests.conftest import refused
from tests.support.writes import Change, record, undo_last


def change(library, checklist: str, item: str, period: str, subject: str = "", action: str = "done", **kw) -> Change:
    c = library.get(checklist)
    return Change(c, c.item(item), parse_period(period), subject, action, **kw)


def test_tick_records_event_and_state(store: TinyStore, library) -> None:
    event = record(store, change(library, "yishu-sibiao", "chengnuoshu", "2024", "张三", note="已签"), account="alice")
    assert {k: event[k] for k in ("action", "checklist", "item", "period", "subject", "account", "note")} == {
        "action": "done", "checklist": "yishu-sibiao", "item": "chengnuoshu", "period": "2024",
        "subject": "张三", "account": "alice", "note": "已签"}
    assert event["time"].endswith("Z") and len(event["hash"]) == 64
    (state,) = all_states(store)
    assert (state["state"], state["note"], state["event"], state["account"]) == ("done", "已签", event["id"], "alice")


def test_count_item_reaches_target(store: TinyStore, library) -> None:
    ch = change(library, "qinglian-wenhua", "dajiangtang", "2024", action="count", date="2024-03-01")
    record(store, ch)
    (state,) = all_states(store)
    assert (state["state"], state["count"]) == ("open", 1)
    record(store, change(library, "qinglian-wenhua", "dajiangtang", "2024", action="count", date="2024-09-01"))
    (state,) = all_states(store)
    assert (state["state"], state["count"], state["dates"]) == ("done", 2, ["2024-03-01", "2024-09-01"])


def test_org_subject_defaults_and_person_subject_is_required(store: TinyStore, library) -> None:
    assert record(store, change(library, "jieri-lianjie", "chunjie", "2024"))["subject"] == "org"
    with refused("按人员记录；请用 --subject 指定"):
        record(store, change(library, "yishu-sibiao", "chengnuoshu", "2024"))
    with refused("请去掉 --subject"):
        record(store, change(library, "jieri-lianjie", "chunjie", "2024", "张三"))


def test_subject_outside_scope_is_refused(store: TinyStore, library) -> None:
    with refused(r'"王五" 的角色（党员）不在 "同级监督“1书4表”" 的范围内（党组书记、班子成员）'):
        record(store, change(library, "yishu-sibiao", "chengnuoshu", "2024", "王五"))
    with refused('名册中没有 "赵六"'):
        record(store, change(library, "yishu-sibiao", "chengnuoshu", "2024", "赵六"))
    with refused('没有支部 "第九党支部"；已有支部：第一党支部、第二党支部'):
        record(store, change(library, "sanhui-yike", "zhiweihui", "2024-01", "第九党支部", action="count"))
    assert all_events(store) == []


def test_action_rules(store: TinyStore, library) -> None:
    with refused("须说明理由"):
        record(store, change(library, "jieri-lianjie", "chunjie", "2024", action="na"))
    with refused("是计次事项"):
        record(store, change(library, "qinglian-wenhua", "dajiangtang", "2024"))
    with refused("周期"):
        record(store, change(library, "sanhui-yike", "zhiweihui", "2024-Q1", "第一党支部", action="count"))


def test_undo_appends_a_reversing_event(store: TinyStore, library) -> None:
    record(store, change(library, "jieri-lianjie", "chunjie", "2024"), account="alice")
    record(store, change(library, "jieri-lianjie", "chunjie", "2024", action="note", note="补充"), account="alice")
    undo = undo_last(store, library.targets(), account="alice")
    assert undo["action"] == "undo"
    (state,) = all_states(store)
    assert (state["state"], state["note"]) == ("done", "")
    undo_last(store, library.targets(), account="alice")
    (state,) = all_states(store)
    assert state["state"] == "open"
    assert [e["action"] for e in all_events(store)] == ["done", "note", "undo", "undo"]
    with refused("没有可撤销的修改"):
        undo_last(store, library.targets(), account="alice")


def test_undo_refuses_to_discard_someone_elses_later_change(store: TinyStore, library) -> None:
    record(store, change(library, "jieri-lianjie", "chunjie", "2024"), account="alice")
    record(store, change(library, "jieri-lianjie", "chunjie", "2024", action="na", reason="合并"), account="bob")
    with refused("在你之后已被修改"):
        undo_last(store, library.targets(), account="alice")


def test_undo_only_touches_own_changes(store: TinyStore, library) -> None:
    record(store, change(library, "jieri-lianjie", "chunjie", "2024"), account="alice")
    record(store, change(library, "jieri-lianjie", "duanwu", "2024"), account="bob")
    assert undo_last(store, library.targets(), account="alice")["item"] == "chunjie"


def test_read_only_store_refuses_changes(db_path, library) -> None:
    with pytest.raises(StoreUnwritable, match="read-only-mode"):
        record(TinyStore(db_path, read_only=True), change(library, "jieri-lianjie", "chunjie", "2024"))
    assert not db_path.exists()


def test_files_have_no_world_permissions(store: TinyStore, library) -> None:
    record(store, change(library, "jieri-lianjie", "chunjie", "2024"))
    for path in [store.path, store.paths.lock, *store.paths.shards.iterdir(), store.paths.shards]:
        assert path.stat().st_mode & 0o007 == 0, path


def test_group_shared_folder_gives_group_write(tmp_path, library) -> None:
    import os
    import stat

    shared = tmp_path / "srv"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    old = os.umask(0o022)
    try:
        s = TinyStore(shared / "duty.json")
        record(s, change(library, "jieri-lianjie", "chunjie", "2024"))
    finally:
        os.umask(old)
    for path in [s.path, s.paths.lock, s.paths.shards, *s.paths.shards.iterdir()]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o060 == 0o060 and mode & 0o007 == 0, (path, oct(mode))


def test_a_long_lived_reader_sees_every_write_from_elsewhere(store: TinyStore, db_path, library) -> None:
    """The TUI keeps one Store open for hours and re-reads through its parse cache."""
    reader = TinyStore(db_path)
    assert all_states(reader) == []
    shard = "2024-yishu-sibiao"
    for n, item in enumerate(["chengnuoshu", "biao-3", "biao-4"], 1):
        record(TinyStore(db_path), change(library, "yishu-sibiao", item, "2024", "张三"), account="bob")
        assert len(all_states(reader)) == n
        assert reader.read_shard(shard) is reader.read_shard(shard)  # unchanged file: parsed once
    undo_last(TinyStore(db_path), library.targets(), account="bob")
    assert sorted(s["state"] for s in all_states(reader)) == ["done", "done", "open"]
    (db_path.parent / "duty.json.d" / f"{shard}.json").unlink()
    assert all_states(reader) == []


def test_untick_of_an_open_entry_records_nothing(store: TinyStore, library) -> None:
    record(store, change(library, "jieri-lianjie", "chunjie", "2024"))  # the shard exists: nothing else may change
    shard = store.paths.shard("2024-jieri-lianjie")
    before = shard.read_bytes()
    with refused("端午.*（党组，2024年）尚未完成，无可取消") as refusal:
        record(store, change(library, "jieri-lianjie", "duanwu", "2024", action="undone"))
    assert refusal.value.code == "not-done"
    with refused("还没有记过次数，无可减去"):
        record(store, change(library, "qinglian-wenhua", "dajiangtang", "2024", action="undone"))
    assert shard.read_bytes() == before
    assert store.shard_names() == ["2024-jieri-lianjie"]
    assert [e["action"] for e in all_events(store)] == ["done"]

"""Checking the hash chains: what `duty-tui verify` reports."""

from __future__ import annotations

from .chain import event_hash
from .db import Store
from .errors import StoreCorrupt


def verify(store: Store) -> tuple[list[str], int]:
    """Problems found (empty when intact) and the number of events checked."""
    problems: list[str] = []
    checked = 0
    head = store.read_head()
    listed = {doc["name"] for doc in head.get("_shards", {}).values()}
    present = set(store.shard_names())
    for name in sorted(listed - present):
        problems.append(f"分片 {name} 已被删除（头文件中有记录，文件不存在）")
    for name in sorted(present):
        try:
            data = store.read_shard(name)
        except StoreCorrupt as exc:
            problems.append(str(exc))
            continue
        docs = sorted(data.get("events", {}).items(), key=lambda kv: int(kv[0]))
        prev = ""
        states: dict[str, dict] = {}
        for position, (_doc_id, event) in enumerate(docs, 1):
            checked += 1
            label = f"分片 {name} 第 {position} 条事件（id {event.get('id', '?')}）"
            if event.get("seq") != position:
                problems.append(f"{label}：序号为 {event.get('seq')}，应为 {position}（事件被删除或调换了顺序）")
            if event.get("hash") != event_hash(event, prev):
                problems.append(f"{label}：哈希不符（本条被手工修改，或前面的事件被删除、调换）")
            prev = event.get("hash", "")
            key = f"{event.get('item')}|{event.get('period')}|{event.get('subject')}"
            states[key] = event  # last event per key, for the state check below
        meta = data.get("_meta", {}).get("1", {})
        if meta.get("count", 0) != len(docs) or meta.get("last_hash", "") != prev:
            problems.append(f"分片 {name}：记录的事件数或末条哈希与实际不符（末尾事件被删除或追加）")
        for state in data.get("state", {}).values():
            last = states.get(state.get("key"))
            if last is None or state.get("event") != last.get("id"):
                problems.append(f"分片 {name}：{state.get('key')} 的当前状态与事件记录不符")
    return problems, checked


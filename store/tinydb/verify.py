"""What `duty-tui verify` checks: each shard's chain, the shards against the head's seal, states against events.

Every problem is one line naming the shard and, where there is one, the event
position or the (checklist, item, period, subject) and field; the command
prints them and exits 1. Notes (an interrupted write, a database not yet
sealed) are printed but are not problems.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from checklists.audit import Difference, differences, entry_of, replay_states
from checklists.records import StateKey
from checklists.text import visible

from ..errors import StoreCorrupt
from ..interface import VerifyReport
from .chain import event_hash, seal_root, seal_step
from .changes import shard_name, state_key
from .db import Database
from .sealing import legacy_entries, missing_pending

# A damaged shard is one of the findings of a verify run, which is a report of its own.
CORRUPT_WORDS = {"corrupt-nul": "文件已损坏：含有 NUL 字节", "corrupt-json": "文件已损坏：不是完整的 JSON",
                 "foreign-tables": "不是 duty-tui 数据：内容不是 TinyDB 表", "foreign-file": "不是 duty-tui 分片：缺少标记",
                 "bad-schema": "文件已损坏：数据格式版本无效", "newer-schema": "由更新版本的 duty-tui 写入",
                 "corrupt-empty": "文件已损坏：内容为空（被截断或清空）"}

# A shard swapped with another misplaces every event; name a few, count the rest.
SHOWN_PER_KIND = 5


@dataclass
class _Placed:
    """Where each global number was found: the first shard (and the event's hash), and any others (a copy)."""

    at: dict[int, tuple[str, str]] = field(default_factory=dict)
    again: dict[int, list[str]] = field(default_factory=dict)


def verify(store: Database, targets: dict[str, int]) -> VerifyReport:
    """Check the whole database; ``targets`` maps "checklist/item" to a count item's goal.

    The files are read without the lock, as every reader reads them, so a
    nightly verify never holds up a user. A change written meanwhile can make
    them disagree for that moment (a new head with the old shard), so any
    problem is checked again under the lock, and only what is still wrong then
    is reported.
    """
    report = _verify(store, targets)
    if not report.problems:
        return report
    from ..errors import StoreBusy, StoreUnwritable
    from .lock import locked

    try:
        with locked(store.paths.lock, store.lock_timeout):
            return _verify(Database(store.path, read_only=True), targets)
    except (StoreBusy, StoreUnwritable):  # unwritable too: a reader without write access to the folder cannot lock
        report.notes.append("未能加锁复查：以上问题也可能是检查期间恰有修改写入；请稍后再运行一次")
        return report


def verify_copy(store: Database, targets: dict[str, int]) -> list[str]:
    """The problems of a copy nobody else writes (a backup as it is made): one pass, no lock to take."""
    return _verify(store, targets).problems


def _verify(store: Database, targets: dict[str, int]) -> VerifyReport:
    head = store.read_head()
    meta = head.get("_meta", {}).get("1", {})
    head_shards = head.get("_shards", {})
    report = VerifyReport(sealed="seal" in meta, seal=str(meta.get("seal", "")))
    entries = {doc["name"]: doc for doc in head_shards.values() if isinstance(doc.get("name"), str)}
    pending = meta.get("pending") if report.sealed else None
    present = set(store.shard_names())
    placed = _Placed()
    for name in sorted(present | set(entries)):
        report.shards += 1
        _check_shard(store, name, name in present, entries.get(name), pending, targets, report, placed)
    if report.sealed:
        _check_seal(meta, head_shards, placed, report)
    elif present:
        if meta.get("schema", 1) >= 2:
            report.problems.append("头文件没有封印，却已有分片：封印被从头文件中删除")
        else:
            report.notes.append("数据库由旧版本写入，尚未封印：已检查各分片的哈希链和状态；分片被整个删除、调换或换成"
                                "旧副本，要在下次修改（届时自动封印）之后才能查出")
    return report


def _check_shard(store: Database, name: str, exists: bool, entry: dict[str, Any] | None, pending: dict[str, Any] | None,
                 targets: dict[str, int], report: VerifyReport, placed: _Placed) -> None:
    problems = report.problems
    if not exists:
        if not missing_pending(pending, name, {}):
            count = entry.get("count") if entry else None
            recorded = f"头文件记录有 {count} 条事件" if isinstance(count, int) else "头文件中有记录"
            problems.append(f"分片 {name} 已被删除：{recorded}，文件不存在")
            return
        data: dict[str, Any] = {}
    else:
        if report.sealed and entry is None:
            problems.append(f"分片 {name}：不在头文件的分片目录中：文件是手工添加的，或从别的数据库复制而来")
        try:
            data = store.read_shard(name, checked=False)  # each odd entry is reported below, not the file
        except StoreCorrupt as exc:
            problems.append(f"分片 {name}：{CORRUPT_WORDS.get(exc.code, '文件已损坏')}")
            return
    shard_meta = data.get("_meta", {}).get("1", {})
    if shard_meta.get("shard", name) != name:
        problems.append(f"分片 {name}：文件中记的分片名是 {_plain(shard_meta.get('shard'))}：文件被改名，或与别的分片调换")
    events = _events(name, data, problems)
    last = events[-1].get("hash", "") if events else ""
    if shard_meta.get("count", 0) != len(events) or shard_meta.get("last_hash", "") != last:
        problems.append(f"分片 {name}：记录的事件数或末条哈希与实际不符（末尾事件被删除或追加）")
    states = _stored_states(name, data, problems)
    if missing_pending(pending, name, {"count": len(events), "last_hash": last}):
        assert pending is not None
        events += pending["events"]
        states.update((entry_of(doc), doc) for doc in pending["states"].values())
        what = (f"缺少最近一次修改（{len(pending['events'])} 条事件）：写入分片时中断，或这些事件被手工删除" if exists else
                f"文件不存在，而头文件中的最近一次修改（{len(pending['events'])} 条事件）是它的全部内容：写入分片时中断，"
                "或文件被手工删除")
        problems.append(f"分片 {name}：{what}；头文件存有这次修改，下次任何修改都会先把它补写回分片")
    report.events += len(events)
    report.states += len(states)
    _check_chain(name, events, problems)
    _check_placement(name, events, problems)
    if report.sealed:
        _check_numbers(name, events, entry, problems, placed)
    elif any("gseq" in e for e in events):
        problems.append(f"分片 {name}：事件带有全局序号，但头文件没有封印：封印被从头文件中删除")
    _check_states(name, events, states, targets, problems)


def _events(name: str, data: dict[str, Any], problems: list[str]) -> list[dict[str, Any]]:
    """The shard's events in stored order (TinyDB document ids count up as events are appended)."""
    table = data.get("events", {})
    if list(table) == [str(n) for n in range(1, len(table) + 1)]:  # as written: no sort needed
        docs = list(table.items())
    else:
        docs = sorted(table.items(), key=lambda doc: (int(doc[0]), "") if doc[0].isdigit() else (1 << 62, doc[0]))
    events = []
    for doc_id, event in docs:
        if isinstance(event, dict):
            events.append(event)
        else:
            problems.append(f"分片 {name}：事件表中的第 {_plain(doc_id)} 项不是事件记录")
    return events


def _stored_states(name: str, data: dict[str, Any], problems: list[str]) -> dict[StateKey, dict[str, Any]]:
    states: dict[StateKey, dict[str, Any]] = {}
    for doc in data.get("state", {}).values():
        if not isinstance(doc, dict):
            problems.append(f"分片 {name}：状态表中有一项不是状态记录")
            continue
        entry = entry_of(doc)
        if entry in states:
            problems.append(f"分片 {name}：{_entry(doc)}：有两条状态记录")
        if doc.get("key") != state_key(str(entry.item), str(entry.period), str(entry.subject)):
            # The store finds a state by this key; a wrong one makes the next change start from nothing.
            problems.append(f"分片 {name}：{_entry(doc)}：状态记录的 key 为 {_shown(doc.get('key'))}，与其事项、周期、对象不符")
        states[entry] = doc
    return states


def _check_chain(name: str, events: list[dict[str, Any]], problems: list[str]) -> None:
    """Each event's place and hash; a gap in the numbering is reported once, not at every later event."""
    def label(position: int, event: dict[str, Any]) -> str:
        return f"分片 {name} 第 {position} 条事件（id {_plain(event.get('id', '?'))}）"

    prev_hash, prev_seq = "", 0
    for position, event in enumerate(events, 1):
        seq = event.get("seq")
        if seq != position and (prev_seq == position - 1 or seq != prev_seq + 1):
            problems.append(f"{label(position, event)}：序号为 {_plain(seq)}，应为 {position}（事件被删除或调换了顺序）")
        if event.get("hash") != event_hash(event, prev_hash):
            problems.append(f"{label(position, event)}：哈希不符（本条被手工修改，或前面的事件被删除、调换）")
        prev_hash = str(event.get("hash", ""))
        prev_seq = seq if isinstance(seq, int) else -1


def _check_placement(name: str, events: list[dict[str, Any]], problems: list[str]) -> None:
    """Each event must sit in the shard its (checklist, period year) names."""
    belongs: dict[tuple[Any, Any], str] = {}  # a shard's events name a handful of (checklist, period) pairs
    wrong = []
    for position, e in enumerate(events, 1):
        pair = (e.get("checklist"), e.get("period", ""))
        try:
            other = belongs[pair]
        except KeyError:
            other = belongs[pair] = shard_name(str(pair[0]), str(pair[1]))
        except TypeError:  # a list or a table typed in by hand
            other = shard_name(str(pair[0]), str(pair[1]))
        if other != name:
            wrong.append((position, other))
    if wrong:
        shown = "、".join(f"第 {p} 条属于 {_plain(o)}" for p, o in wrong[:SHOWN_PER_KIND])
        more = " 等" if len(wrong) > SHOWN_PER_KIND else ""
        problems.append(f"分片 {name}：{len(wrong)} 条事件属于别的分片（{shown}{more}）：文件被改名、与别的分片调换，"
                        "或事件被移入")


def _check_numbers(name: str, events: list[dict[str, Any]], entry: dict[str, Any] | None, problems: list[str],
                   placed: _Placed) -> None:
    """The head's entry for this shard, its legacy part, and where each global number was found."""
    last = events[-1].get("hash", "") if events else ""
    if entry is not None and (entry.get("count") != len(events) or entry.get("last_hash") != last):
        count = entry.get("count")
        if isinstance(count, int) and len(events) < count:
            why = "文件被换成了旧副本，或末尾事件被删除"
        elif isinstance(count, int) and len(events) > count and events[count - 1].get("hash") == entry.get("last_hash"):
            why = "事件被追加"
        else:
            why = "文件被替换，或事件被改动"
        problems.append(f"分片 {name}：头文件记录有 {_plain(count)} 条事件、末条哈希 {str(entry.get('last_hash'))[:12]}，"
                        f"文件中有 {len(events)} 条、末条哈希 {str(last)[:12]}：{why}")
    legacy = entry.get("legacy", 0) if entry else 0
    legacy = legacy if isinstance(legacy, int) else 0
    if legacy and entry and (len(events) < legacy or events[legacy - 1].get("hash") != entry.get("legacy_hash")):
        problems.append(f"分片 {name}：封印前的 {legacy} 条事件与头文件记录的不符：旧版本写入的事件被改动或删除")
    at, again = placed.at, placed.again
    for position, event in enumerate(events, 1):
        gseq = event.get("gseq")
        if position <= legacy:
            if gseq is not None:
                problems.append(f"分片 {name} 第 {position} 条事件：封印前写入，却带有全局序号 {_plain(gseq)}")
        elif not isinstance(gseq, int) or isinstance(gseq, bool):
            problems.append(f"分片 {name} 第 {position} 条事件：没有有效的全局序号（{_plain(gseq)}）")
        elif gseq in at:
            again.setdefault(gseq, [at[gseq][0]]).append(name)
        else:
            at[gseq] = (name, str(event.get("hash", "")))


def _check_seal(meta: dict[str, Any], head_shards: dict[str, Any], placed: _Placed,
                report: VerifyReport) -> None:
    """All shards together hold exactly events 1..N, and chaining them reproduces the head's seal."""
    total = meta.get("events")
    if not isinstance(total, int):
        report.problems.append(f"头文件记录的事件总数无效（{_plain(total)}）")
        return
    at = placed.at
    if len(at) == total and (not at or (min(at) >= 1 and max(at) <= total)):  # distinct keys: exactly 1..total
        missing: list[int] = []
        extra: list[int] = []
    else:
        missing = [g for g in range(1, total + 1) if g not in at]
        extra = sorted(g for g in at if not 1 <= g <= total)
    doubled = sorted(placed.again)
    if missing:
        report.problems.append(f"全局序号 {_ranges(missing)} 的事件不在任何分片中（共 {len(missing)} 条）：分片或事件被删除，"
                               "或分片被换成了旧副本")
    if extra:
        report.problems.append(f"全局序号 {_ranges(extra)} 超出头文件记录的 {total} 条事件：事件被追加，或分片来自别的数据库")
    for g in doubled[:SHOWN_PER_KIND]:
        report.problems.append(f"全局序号 {g} 出现在多处（{'、'.join(placed.again[g])}）：事件被复制，"
                               "或分片来自别的数据库")
    if missing or extra or doubled:
        return
    seal = seal_root(legacy_entries(head_shards))
    for g in range(1, total + 1):
        shard, hash_ = at[g]
        seal = seal_step(seal, g, shard, hash_)
    if seal != meta.get("seal"):
        report.problems.append("头文件的封印与各分片的事件不符：分片连同其目录记录被删除或调换，或头文件被改动")


def _check_states(name: str, events: list[dict[str, Any]], stored: dict[StateKey, dict[str, Any]],
                  targets: dict[str, int],
                  problems: list[str]) -> None:
    replayed, unusable = replay_states(events, targets)
    for position in unusable:
        problems.append(f"分片 {name} 第 {position} 条事件：缺少必要的字段或操作无效，无法回放")
    for diff in differences(stored, replayed):
        record = stored.get(diff.key) or replayed[diff.key]
        problems.append(f"分片 {name}：{_entry(record)}：{_explain(diff)}")


def _explain(diff: Difference) -> str:
    if diff.stored is None:
        return "有事件却没有状态记录（状态被删除）"
    if diff.replayed is None:
        return "有状态记录却没有任何事件（状态是手工添加的，或其事件被删除）"
    return f"字段 {diff.field} 记录为 {_shown(diff.stored)}，按事件回放应为 {_shown(diff.replayed)}"


def _entry(record: dict[str, Any]) -> str:
    return " / ".join(_plain(record.get(f, "?")) for f in ("checklist", "item", "period", "subject"))


def _plain(value: Any) -> str:
    """Stored text shown as text: control characters are written out, never sent to the terminal."""
    return visible(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), multiline=False)


def _shown(value: Any, limit: int = 80) -> str:
    text = _plain(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ranges(numbers: list[int]) -> str:
    """1,2,3,7 -> "1–3、7" (the first few runs, then a count)."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    shown = "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs[:SHOWN_PER_KIND])
    return shown + (" 等" if len(runs) > SHOWN_PER_KIND else "")

"""The head's record of every shard, sealed into a chain of its own.

Each event carries a global sequence number (``gseq``) beside its place in its
shard. The head keeps, per shard, its event count and last hash, and overall
the number of events and a seal chained over every event in gseq order. A
shard deleted with its entry, swapped with another, or put back as an older
copy of itself then no longer adds up to what the head sealed.

A change writes the head first, then the shard, under the database's lock.
The head also keeps a copy of the change's events and resulting states
("pending") until the next change. The protocol, step by step:

1. Under the lock, before anything is written, the head is read and checked,
   and a pending copy left by an earlier change is put into its shard if the
   shard lacks it (complete_pending, complete_here), in a write of its own.
   If that write fails too (the disk is still full), the new change is
   refused here, before its commit point: its pending copy would replace the
   earlier one, which would then exist nowhere. So a head holds at most one
   committed change its shard lacks, and it stays there until written.
2. The new head (seal, shard entry, pending copy) goes to a temp file, is
   fsynced and renamed over the old head. **That rename is the commit point.**
   Any failure before it (no space, an I/O error, a kill) leaves the old head
   and every shard as they were, so the change is refused ("原文件未改动")
   and nothing of it exists anywhere: no pending copy can replay it later.
3. The shard is written the same way. A failure here, or in syncing the
   head's folder after the rename, comes after the commit point: the change
   stands and is reported as saved, with a line saying the shard is still to
   be written (Database.deferred), never as "not written". A user who retried
   would count it twice.
4. The next change of any kind, by any process, first completes it (step 1).
   Until then readers see the change from the head's copy
   (Database.read_shard_seen), as it was reported saved, while ``verify``
   reports the shard as lacking that change: from the files alone, a write
   cut short looks exactly like the last change deleted by hand. Rolling forward rather than back means such a deletion does not
   stick: the head still holds the change and puts it back.

So every pending copy in a head was committed by that head's own rename, and
completing it completes a write that was acknowledged (or whose writer was
killed after committing it). A writer killed at any step leaves either no
change or a committed one; its temp files are removed by the next writer.
tests/store/test_write_faults.py drives each step with ENOSPC, EIO and SIGKILL.

Databases written before events were numbered (schema 1) are sealed on their
first change: each existing shard's count and last hash become its "legacy"
part, recorded in the head and hashed into the seal's starting point. Their
events are never rewritten, so their own chains stay the evidence they were.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tinydb import Query

from .chain import event_hash, seal, seal_root, seal_step

if TYPE_CHECKING:
    from .db import Database, Txn


def legacy_entries(head_shards: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    """(shard, legacy events, legacy last hash) of each shard the head listed when it was first sealed."""
    return [(doc.get("name", ""), doc.get("legacy", 0), doc.get("legacy_hash", ""))
            for doc in head_shards.values() if doc.get("legacy", 0) != 0]


def ensure_sealed(store: Database, head: Txn, schema: int) -> None:
    """Seal a database the first time a change is written to it (see the module notes)."""
    meta = head.meta()
    if "seal" in meta:
        return
    listed = {doc["name"] for doc in head.table("_shards").all() if "name" in doc}
    entries: list[dict[str, Any]] = []
    for name in sorted(listed | set(store.shard_names())):
        if not store.paths.shard(name).exists():
            # Listed but gone before sealing: kept listed, so verify still reports it.
            entries.append({"name": name, "count": None, "last_hash": "", "legacy": None, "legacy_hash": ""})
            continue
        shard_meta = store.read_shard(name).get("_meta", {}).get("1", {})
        count, last = shard_meta.get("count", 0), shard_meta.get("last_hash", "")
        entries.append({"name": name, "count": count, "last_hash": last, "legacy": count, "legacy_hash": last})
    if entries:
        from .backup import take_backup

        take_backup(store.paths, f"{date.today().isoformat()}-before-schema-{schema}", store.replay)
    table = head.table("_shards")
    table.truncate()
    table.insert_multiple(entries)
    root = seal_root((e["name"], e["legacy"], e["legacy_hash"]) for e in entries if e["legacy"] != 0)
    head.set_meta(schema=schema, events=0, seal=root)


def append(txn: Txn, event: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    """Number and hash the event, store it with its state, and seal it into the head."""
    head = txn.head
    assert head is not None, "events are appended inside Database.change_txn"
    meta, head_meta = txn.meta(), head.meta()
    event["seq"] = meta.get("count", 0) + 1
    event["gseq"] = head_meta["events"] + 1
    seal(event, meta.get("last_hash", ""))
    _store(txn, [event], {state["key"]: state})
    if txn.pending is None:
        txn.pending = {"shard": txn.name, "events": [], "states": {}}
    txn.pending["events"].append(event)
    txn.pending["states"][state["key"]] = state
    head.set_meta(events=event["gseq"], seal=seal_step(head_meta["seal"], event["gseq"], txn.name, event["hash"]),
                  pending=txn.pending)
    head.table("_shards").upsert({"name": txn.name, "count": event["seq"], "last_hash": event["hash"]},
                                 Query().name == txn.name)
    return event


def _store(txn: Txn, events: list[dict[str, Any]], states: dict[str, dict[str, Any]]) -> None:
    table = txn.table("events")
    for event in events:
        table.insert(event)
    state_table = txn.table("state")
    for key, state in states.items():
        state_table.upsert(state, Query().key == key)
    txn.set_meta(count=events[-1]["seq"], last_hash=events[-1]["hash"])


def missing_pending(pending: dict[str, Any] | None, shard: str, shard_meta: dict[str, Any]) -> bool:
    """Whether the head's pending change belongs to ``shard`` and its file lacks exactly that change.

    Only the exact case of a write cut short qualifies: the shard ends right
    before the change and the change's first event chains onto its last hash.
    """
    if not pending or pending.get("shard") != shard or not pending.get("events"):
        return False
    first = pending["events"][0]
    return (shard_meta.get("count", 0) == first.get("seq", 0) - 1
            and first.get("hash") == event_hash(first, shard_meta.get("last_hash", "")))


def complete_pending(store: Database, head: dict[str, Any], unless: str = "") -> None:
    """Under the lock, before any write: put the head's last change into its shard if a killed writer left it out.

    ``unless`` names the shard the caller is about to open anyway; it checks
    that one itself (complete_here), saving a parse of the file.
    """
    pending = head.get("_meta", {}).get("1", {}).get("pending")
    if not pending or pending.get("shard") == unless:
        return
    shard = pending.get("shard", "")
    if missing_pending(pending, shard, store.read_shard(shard).get("_meta", {}).get("1", {})):
        from .atomic import make_private_dir

        make_private_dir(store.paths.shards)  # a change whose first write to a new shard failed
        with store.shard_txn(shard) as txn:
            _store(txn, pending["events"], pending["states"])


def with_pending(data: dict[str, Any], pending: dict[str, Any]) -> dict[str, Any]:
    """A copy of a shard's tables with the pending change added, as _store would write it (for readers)."""
    events = dict(data.get("events", {}))
    states = dict(data.get("state", {}))
    next_id = max((int(k) for k in events), default=0) + 1
    for event in pending["events"]:
        events[str(next_id)] = event
        next_id += 1
    by_key = {state.get("key"): doc_id for doc_id, state in states.items()}
    next_state = max((int(k) for k in states), default=0) + 1
    for key, state in pending["states"].items():
        doc_id = by_key.get(key)
        if doc_id is None:
            doc_id, next_state = str(next_state), next_state + 1
        states[doc_id] = state
    meta = {**data.get("_meta", {}).get("1", {}), "count": pending["events"][-1]["seq"],
            "last_hash": pending["events"][-1]["hash"]}
    return {**data, "events": events, "state": states, "_meta": {"1": meta}}


def complete_here(head: Txn, txn: Txn) -> bool:
    """complete_pending for the shard open in ``txn``; True if it added the change (the caller writes it)."""
    pending = head.meta().get("pending")
    if not missing_pending(pending, txn.name, txn.meta()):
        return False
    assert pending is not None
    _store(txn, pending["events"], pending["states"])
    return True


def settle(head: Txn, txn: Txn) -> bool:
    """After the shard is written: drop a bulk change's copy from the head; True if the head changed.

    A single change's copy (~1 KB) stays until the next change replaces it; an
    import of hundreds of rows would otherwise ride along in the head that
    every command reads.
    """
    if txn.pending and len(txn.pending["events"]) > 1:
        head.set_meta(pending=None)
        return True
    return False

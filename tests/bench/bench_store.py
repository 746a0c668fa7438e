"""Store benchmark: one tick and a full state read, against TinyDB's default storage and SQLite.

Run by hand:  .venv/bin/python tests/bench/bench_store.py [--sizes 1000,10000,100000] [--repeat 15]

For each size, every side holds the same N events and all are measured
alternately in the same run (the machine is shared and noisy); each figure is
the median with min and max over N samples, in ms.

What is compared:
- tick (ours): one complete change in our sharded database: lock, checks,
  read head and shard, write the head (seal) and the shard (~N/180 events),
  each with fsync and rename.
- insert, default TinyDB, one file: TinyDB's default JSONStorage inserting
  one document into a single file holding all N events. This is what the
  store would cost without sharding; it rewrites all N events (no fsync).
- insert, default TinyDB, sharded: the same storage with our sharding, one
  file per (year, checklist) holding the same events as our shard; it
  inserts into the file our tick writes. Same bytes rewritten as ours, but
  no fsync, no lock, no head and no state: the fairest TinyDB baseline.
- insert, SQLite WAL: one row into a table of all N events, WAL journal,
  synchronous=FULL, a fresh connection per insert as a command would open:
  a durable store of the kind one would otherwise choose.
- read state (ours): all current states, through a fresh Store per sample
  (a Store caches parsed files; a warm one would time cache hits).
- orjson.loads: reading and parsing the same shard files with the same
  parser our store uses: the floor for reading them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import orjson
from tinydb import TinyDB

from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from store.tinydb.changes import all_states, shard_name
from tests.bench.fixtures import build, flat_events, plan
from tests.bench.stats import Samples, ratio
from tests.support.writes import Change, record

TICK_CHECKLIST, TICK_ITEM, TICK_PERIOD = "jieri-lianjie", "chunjie", "2024"


def fsync_floor(folder: Path) -> float:
    path = folder / "floor.bin"
    with open(path, "wb") as handle:
        handle.write(b"x" * 200)
        handle.flush()
        start = time.perf_counter()
        os.fsync(handle.fileno())
        return (time.perf_counter() - start) * 1000


def default_sharded(folder: Path, size: int) -> Path:
    """The plan's events in one default-TinyDB file per shard; returns the file our tick's shard maps to."""
    folder.mkdir()
    for shard, events in plan(size).items():
        with TinyDB(folder / f"{shard}.json") as db:
            db.insert_multiple(events)
    return folder / f"{shard_name(TICK_CHECKLIST, TICK_PERIOD)}.json"


def sqlite_db(path: Path, size: int) -> None:
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE events (id TEXT PRIMARY KEY, shard TEXT, body TEXT)")
        con.executemany("INSERT INTO events VALUES (?, ?, ?)",
                        ((e["id"], shard_name(e["checklist"], e["period"]), orjson.dumps(e).decode())
                         for e in flat_events(size)))
    con.close()


def run(size: int, repeat: int, folder: Path) -> dict[str, Samples]:
    ours = folder / "ours" / "duty.json"
    store = build(ours, size)
    default_path = folder / "default.json"
    events = flat_events(size)
    with TinyDB(default_path) as db:
        db.insert_multiple(events)
    sharded_path = default_sharded(folder / "sharded", size)
    sqlite_path = folder / "events.sqlite"
    sqlite_db(sqlite_path, size)
    checklist = load_library().get(TICK_CHECKLIST)
    s = {k: Samples() for k in ("tick", "default_insert", "sharded_insert", "sqlite_insert", "fsync", "read_state",
                                 "orjson", "default_all")}
    for n in range(repeat):
        change = Change(checklist, checklist.item(TICK_ITEM), parse_period(TICK_PERIOD), "", "note", note=f"n{n}")
        s["tick"].time(lambda change=change: record(store, change))

        def default_insert(path: Path, n: int = n) -> None:
            with TinyDB(path) as db:
                db.insert(dict(events[0], id=f"x{n}"))

        s["default_insert"].time(lambda: default_insert(default_path))
        s["sharded_insert"].time(lambda: default_insert(sharded_path))

        def sqlite_insert(n: int = n) -> None:
            con = sqlite3.connect(sqlite_path)
            con.execute("PRAGMA synchronous=FULL")
            with con:
                con.execute("INSERT INTO events VALUES (?, ?, ?)", (f"x{n}", "2024-jieri-lianjie",
                                                                   orjson.dumps(events[0]).decode()))
            con.close()

        s["sqlite_insert"].time(sqlite_insert)
        s["fsync"].add(fsync_floor(folder))
        s["read_state"].time(lambda: all_states(TinyStore(ours)))
        s["orjson"].time(lambda: [orjson.loads(p.read_bytes()) for p in sorted(store.paths.shards.glob("*.json"))])

        def default_all() -> None:
            with TinyDB(default_path) as db:
                db.all()

        s["default_all"].time(default_all)
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"N = {args.repeat} samples per cell; median (min–max) in ms\n")
    print("| events | tick (ours) | insert, default TinyDB, one file | ratio | insert, default TinyDB, sharded "
          "| ratio | insert, SQLite WAL synchronous=FULL | ratio | fsync floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    reads = []
    for size in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(size, args.repeat, Path(tmp))
        print(f"| {size:,} | {r['tick'].cell()} | {r['default_insert'].cell()} | {ratio(r['tick'], r['default_insert'])} "
              f"| {r['sharded_insert'].cell()} | {ratio(r['tick'], r['sharded_insert'])} "
              f"| {r['sqlite_insert'].cell()} | {ratio(r['tick'], r['sqlite_insert'])} | {r['fsync'].cell()} |",
              flush=True)
        reads.append((size, r))
    print("\n| events | read state (ours, fresh Store) | orjson.loads of the same shard files | ratio "
          "| default TinyDB db.all(), one file |")
    print("|---:|---:|---:|---:|---:|")
    for size, r in reads:
        print(f"| {size:,} | {r['read_state'].cell()} | {r['orjson'].cell()} | {ratio(r['read_state'], r['orjson'])} "
              f"| {r['default_all'].cell()} |")


if __name__ == "__main__":
    main()

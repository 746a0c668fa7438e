"""Store benchmark: one tick and a full state read, against TinyDB's default JSONStorage.

Run by hand:  .venv/bin/python tests/bench/bench_store.py [--sizes 1000,10000,100000] [--repeat 15]

For each size, both sides hold the same N events and are measured alternately
in the same run (the machine is shared and noisy); medians are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tinydb import TinyDB  # noqa: E402

from checklists.loader import load_library  # noqa: E402
from checklists.periods import parse_period  # noqa: E402
from store.changes import Change, all_states, record  # noqa: E402
from tests.bench.fixtures import build, flat_events  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def fsync_floor(folder: Path) -> float:
    path = folder / "floor.bin"
    with open(path, "wb") as handle:
        handle.write(b"x" * 200)
        handle.flush()
        start = time.perf_counter()
        os.fsync(handle.fileno())
        return (time.perf_counter() - start) * 1000


def run(size: int, repeat: int, folder: Path) -> dict[str, float]:
    store = build(folder / "ours" / "duty.json", size)
    default_path = folder / "default.json"
    events = flat_events(size)
    with TinyDB(default_path) as db:
        db.insert_multiple(events)
    library = load_library()
    checklist = library.get("jieri-lianjie")
    results: dict[str, list[float]] = {k: [] for k in ("tick", "default_insert", "read_state", "json_loads",
                                                       "default_all", "fsync")}
    for n in range(repeat):
        change = Change(checklist, checklist.item("chunjie"), parse_period("2024"), "", "note", note=f"n{n}")
        results["tick"].append(timed(lambda: record(store, change)))

        def default_insert() -> None:
            with TinyDB(default_path) as db:
                db.insert(dict(events[0], id=f"x{n}"))

        results["default_insert"].append(timed(default_insert))
        results["read_state"].append(timed(lambda: all_states(store)))
        results["json_loads"].append(timed(lambda: json.loads(default_path.read_bytes())))

        def default_all() -> None:
            with TinyDB(default_path) as db:
                db.all()

        results["default_all"].append(timed(default_all))
        results["fsync"].append(fsync_floor(folder))
    return {k: statistics.median(v) for k, v in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"N = {args.repeat} runs per cell, medians in ms\n")
    print("| events | tick (ours) | insert (default JSONStorage) | ratio | fsync floor "
          "| read state (ours) | json.loads same events | ratio | default db.all() |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(size, args.repeat, Path(tmp))
        print(f"| {size:,} | {r['tick']:.1f} | {r['default_insert']:.1f} | {r['tick'] / r['default_insert']:.2f} "
              f"| {r['fsync']:.1f} | {r['read_state']:.1f} | {r['json_loads']:.1f} "
              f"| {r['read_state'] / r['json_loads']:.2f} | {r['default_all']:.1f} |", flush=True)


if __name__ == "__main__":
    main()

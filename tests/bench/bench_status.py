"""`duty-tui status` as a whole process, against Taskwarrior and a floor.

Run by hand:  .venv/bin/python tests/bench/bench_status.py [--sizes 10000,100000] [--repeat 11]

For each size: duty-tui status on a database of N events; Taskwarrior's
`task summary` on N pending tasks (skipped with a note when `task` is not
installed: Debian package taskwarrior); `python -c pass`; and the floor: a
process that starts Python, imports orjson and parses exactly the files
status reads (the head and the shards of the current periods), with the
parser the store uses. Parsing every event would be a floor status never
stands on: it reads only the current periods' shards. Commands alternate
within one run; each figure is the median with min and max over N runs, in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bytecode import use_compiled_bytecode  # noqa: E402
from tests.bench.fixtures import build  # noqa: E402
from tests.bench.stats import Samples, parse_floor, process_ms, ratio  # noqa: E402

BIN = Path(sys.executable).parent


def taskwarrior_setup(folder: Path, size: int) -> dict[str, str] | None:
    if shutil.which("task") is None:
        return None
    data = folder / "task"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    tasks = [{"description": f"事项 {n}", "project": f"清单{n % 22}", "status": "pending",
              "entry": "20240101T000000Z", "due": f"2024{n % 12 + 1:02d}28T000000Z",
              "uuid": f"00000000-0000-4000-8000-{n:012d}"} for n in range(size)]
    source = folder / "tasks.json"
    source.write_text(json.dumps(tasks, ensure_ascii=False))
    subprocess.run(["task", "import", str(source)], env=env, check=True, capture_output=True)
    return env


def files_status_reads(db: Path) -> list[Path]:
    """The head and the shards of every item's current period: what `status` parses (tui/commands/status.py)."""
    from checklists.clock import today
    from checklists.loader import load_library
    from checklists.query import wanted_periods
    from store.tinydb.changes import shard_name
    from store.tinydb import TinyStore

    store = TinyStore(db)
    needed = {shard_name(c, p) for c, p in wanted_periods(load_library(), today(), None)}
    return [store.path] + [store.paths.shard(name) for name in sorted(needed & set(store.shard_names()))]


def run(size: int, repeat: int, folder: Path) -> tuple[dict[str, Samples], int]:
    db = folder / "ours" / "duty.json"
    build(db, size)
    read = files_status_reads(db)
    tw_env = taskwarrior_setup(folder, size)
    ours_cmd = [str(BIN / "duty-tui"), "--db", str(db), "status"]
    floor_cmds = ([sys.executable, "-c", "pass"], parse_floor(read))
    samples = {k: Samples() for k in ("ours", "task", "pass", "floor")}
    for _ in range(repeat):
        samples["ours"].add(process_ms(ours_cmd))
        if tw_env:
            samples["task"].add(process_ms(["task", "summary"], tw_env))
        samples["pass"].add(process_ms(floor_cmds[0]))
        samples["floor"].add(process_ms(floor_cmds[1]))
    return samples, len(read)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    use_compiled_bytecode()
    print(f"N = {args.repeat} runs per cell; median (min–max) in ms\n")
    print("| events | duty-tui status | task summary | ratio to task | python -c pass "
          "| floor: start + parse the files status reads | files | ratio to floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            r, files = run(size, args.repeat, Path(tmp))
        task = r["task"].cell(0) if r["task"].values else "not installed"
        print(f"| {size:,} | {r['ours'].cell(0)} | {task} | {ratio(r['ours'], r['task'])} | {r['pass'].cell(0)} "
              f"| {r['floor'].cell(0)} | {files} | {ratio(r['ours'], r['floor'])} |", flush=True)


if __name__ == "__main__":
    main()

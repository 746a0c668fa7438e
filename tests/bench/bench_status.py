"""`duty-tui status` as a whole process, against Taskwarrior and a floor.

Run by hand:  .venv/bin/python tests/bench/bench_status.py [--sizes 10000,100000] [--repeat 11]

For each size: duty-tui status on a database of N events; Taskwarrior's
`task summary` on N pending tasks (skipped with a note when `task` is not
installed: Debian package taskwarrior); and the floor, `python -c pass` plus a
bare json.loads of the same N events in one file. Commands alternate within
one run; medians are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bytecode import use_compiled_bytecode  # noqa: E402
from tests.bench.fixtures import build, flat_events  # noqa: E402

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


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def run(size: int, repeat: int, folder: Path) -> dict[str, float | None]:
    db = folder / "ours" / "duty.json"
    build(db, size)
    flat = folder / "flat.json"
    flat.write_text(json.dumps({"_default": {str(n): e for n, e in enumerate(flat_events(size), 1)}}))
    tw_env = taskwarrior_setup(folder, size)
    ours_cmd = [str(BIN / "duty-tui"), "--db", str(db), "status"]
    floor_cmds = ([sys.executable, "-c", "pass"],
                  [sys.executable, "-c", f"import json; json.loads(open({str(flat)!r}, 'rb').read())"])
    samples: dict[str, list[float]] = {"ours": [], "task": [], "pass": [], "floor": []}
    for _ in range(repeat):
        samples["ours"].append(timed(ours_cmd))
        if tw_env:
            samples["task"].append(timed(["task", "summary"], tw_env))
        samples["pass"].append(timed(floor_cmds[0]))
        samples["floor"].append(timed(floor_cmds[1]))
    return {k: statistics.median(v) if v else None for k, v in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    use_compiled_bytecode()
    print(f"N = {args.repeat} runs per cell, medians in ms\n")
    print("| events | duty-tui status | task summary | ratio to task | python -c pass "
          "| floor: pass + json.loads | ratio to floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(size, args.repeat, Path(tmp))
        task = f"{r['task']:.0f}" if r["task"] is not None else "not installed"
        ratio = f"{r['ours'] / r['task']:.2f}" if r["task"] else "-"
        print(f"| {size:,} | {r['ours']:.0f} | {task} | {ratio} | {r['pass']:.0f} | {r['floor']:.0f} "
              f"| {r['ours'] / r['floor']:.2f} |", flush=True)


if __name__ == "__main__":
    main()

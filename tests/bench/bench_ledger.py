"""Ledger screen benchmark: opening and scrolling a ledger of 2,000 rows against one of 20.

Run by hand:  .venv/bin/python tests/bench/bench_ledger.py [--sizes 20,2000] [--repeat 7]

Measured in a real 80x24 terminal (tmux), as CPU time of the duty-tui process
read from /proc: "open" is the CPU from pressing the key on the ledger line
until the process is idle again after the screen shows all rows counted (the
screen keeps working for a while after its header appears, so stopping at the
header would favour whichever size draws the header later); "shown" is the
wall time from the key until the header is on screen; "page turn" is the
CPU of showing the next or previous page (] and [, or an arrow key at a
page end); "scroll" is the CPU per arrow key within a page
over batches of 15 keys sent 60 ms apart, minus the idle CPU of an equally
long pause. Sizes alternate within the run; medians are reported.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bytecode import use_compiled_bytecode
from tests.bench.stats import Samples
from tests.bench.terminal import BIN, Terminal, cpu_ms
from tui.app.screens.ledger import PAGE


def build(db: Path, rows: int) -> None:
    from checklists.loader import load_library
    from checklists.periods import parse_period
    from checklists.roster import Person
    from store.tinydb import TinyStore
    from store.tinydb.roster import add_people
    from tests.support.writes import add_rows

    store = TinyStore(db)
    add_people(store, [Person("王五", ("党员",), "财务科", ""), Person("张三", ("党员",), "办公室", "")])
    checklist = load_library().get("guapai-duban")
    item = checklist.item("guapai-duban")
    add_rows(store, checklist, item, parse_period("2024"), [
        {"事项": f"重点工作{n:04d}", "责任人": "王五" if n % 2 else "张三", "责任科室": "财务科",
         "时限": f"2024-{n % 12 + 1:02d}-28", "进展": "推进中" * (n % 3)} for n in range(rows)])


def _idle_cpu(pid: int) -> float:
    """The process's CPU once it has stopped working: two samples 150 ms apart agree."""
    last = cpu_ms(pid)
    while True:
        time.sleep(0.15)
        now = cpu_ms(pid)
        if now == last:
            return now
        last = now


def measure(db: Path, rows: int) -> tuple[float, float, float, float | None]:
    command = f"env DUTY_TUI_TODAY=2024-05-20 {BIN / 'duty-tui'} --db {db} --no-mouse"
    with Terminal("bench-ledger", command) as term:
        term.open_checklist("挂牌督办台账")
        term.wait_for("按 Enter 打开台账")
        pid = term.app_pid()
        time.sleep(0.5)
        before = cpu_ms(pid)
        start = time.monotonic()
        term.keys("Enter")
        term.wait_for(f"共 {rows} 行")
        shown = (time.monotonic() - start) * 1000
        opened = _idle_cpu(pid) - before
        per_key = [term.per_key(pid, "Down" if batch % 2 == 0 else "Up", 15)[0] for batch in range(6)]
        turns = ([term.per_key(pid, "]" if batch % 2 == 0 else "[", 1, gap=0.4)[0] for batch in range(6)]
                 if rows > PAGE else [])
        return opened, shown, statistics.median(per_key), statistics.median(turns) if turns else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="20,2000")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    use_compiled_bytecode()
    sizes = [int(s) for s in args.sizes.split(",")]
    opened = {s: Samples() for s in sizes}
    scrolled = {s: Samples() for s in sizes}
    shown = {s: Samples() for s in sizes}
    turned = {s: Samples() for s in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {}
        for size in sizes:
            dbs[size] = Path(tmp) / f"l{size}" / "duty.json"
            build(dbs[size], size)
        for _ in range(args.repeat):
            for size in sizes:
                o, w, s, t = measure(dbs[size], size)
                opened[size].add(o)
                shown[size].add(w)
                scrolled[size].add(s)
                if t is not None:
                    turned[size].add(t)
    print(f"N = {args.repeat} runs per size (alternating); median (min–max) in ms\n")
    print("| rows | open: CPU until idle | open: wall time until shown | scroll: CPU per arrow key "
          f"| page turn (every {PAGE} rows): CPU |")
    print("|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(f"| {size:,} | {opened[size].cell(0)} | {shown[size].cell(0)} | {scrolled[size].cell()} "
              f"| {turned[size].cell(0)} |")


if __name__ == "__main__":
    main()

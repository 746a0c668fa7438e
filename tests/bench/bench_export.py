"""`duty-tui export` and `duty-tui report` on a year of N events, against honest floors.

Run by hand:  .venv/bin/python tests/bench/bench_export.py [--sizes 100000] [--repeat 5]

The database holds N events, all in one year (2023): ticks, counts with
dates, notes and n/a across every built-in checklist and a roster of 60, and
ledger rows added, moved, signed off and reopened. Each figure is a whole
process, median (min–max) over the runs, in ms; commands alternate.

- export: the real command, cover to last sheet, including verify; with its
  CPU time (it forks a child that reads and verifies while it writes, so the
  CPU time is larger than the wall time on a machine with two cores).
- floor: a process that starts Python, imports openpyxl and orjson, reads
  the very cell values export wrote (dumped once, beforehand, to a JSON file
  of one list of rows per sheet) and writes them with openpyxl's write-only
  mode into sheets of the same names, then saves: the same cells, with no
  styles, widths, print settings, links or reading of the database.
- each part of the export's work alone, in-process: reading the year and
  building the sheets, verify, writing the workbook, and the same floor's
  writing alone.
- report (DOCX, Markdown) against `duty-tui status --period 2023` on the same
  database: both read the year's states; the report should stay within the
  same order.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bytecode import use_compiled_bytecode
from tests.bench.stats import Samples, process_ms, process_ms_cpu, ratio

BIN = Path(sys.executable).parent
YEAR = 2023
TODAY = "2024-01-20"
FLOOR = """
import sys, orjson
from openpyxl import Workbook
sheets = orjson.loads(open(sys.argv[1], "rb").read())
wb = Workbook(write_only=True)
for name, rows in sheets:
    ws = wb.create_sheet(name)
    for row in rows:
        ws.append(row)
wb.save(sys.argv[2])
"""


def _period(every: str, rng: random.Random) -> str:
    return {"once": "once", "year": f"{YEAR}", "half": f"{YEAR}-H{rng.randint(1, 2)}",
            "quarter": f"{YEAR}-Q{rng.randint(1, 4)}", "month": f"{YEAR}-{rng.randint(1, 12):02d}"}[every]


def _fields(item, people: list[str], rng: random.Random) -> dict[str, str]:
    def value(column) -> str:
        if column.type == "person":
            return rng.choice(people)
        if column.type == "date":
            return f"{YEAR}-{rng.randint(1, 12):02d}-15"
        if column.type == "dept":
            return f"科室{rng.randint(0, 7)}"
        return "事项" * rng.randint(1, 8)

    return {c.id: value(c) for c in item.columns}


def _row_event(item, rows: dict, key: tuple, people: list[str], rng: random.Random) -> dict[str, Any]:
    """The next plausible step of a ledger row: add one, move one on, sign one off, reopen one."""
    open_rows = [r for r, stage in rows.setdefault(key, {}).items() if stage < len(item.stages) - 1]
    closed = [r for r, stage in rows[key].items() if stage == len(item.stages) - 1]
    last = len(item.stages) - 1
    choice = rng.random()
    if not rows[key] or not open_rows or choice < 0.3:
        row = f"#{len(rows[key]) + 1}"
        rows[key][row] = 0
        return {"action": "row-add", "subject": row, "fields": _fields(item, people, rng), "stage": 0}
    if closed and choice > 0.95:
        row = rng.choice(closed)
        rows[key][row] = last - 1
        return {"action": "row-reopen", "subject": row, "stage": last - 1, "reason": "复核未通过"}
    row = rng.choice(open_rows)
    if rows[key][row] == last - 1:
        rows[key][row] = last
        return {"action": "row-close", "subject": row, "stage": last, "reviewer": rng.choice(people),
                "evidence": f"文号〔{YEAR}〕{rng.randint(1, 99)}号"}
    rows[key][row] += 1
    return {"action": "row-advance", "subject": row, "stage": rows[key][row]}


def year_plan(n_events: int, seed: int = 11) -> dict[str, list[dict[str, Any]]]:
    """Raw events (unsealed) of one year, grouped by shard."""
    from checklists.loader import load_library
    from store.tinydb.changes import shard_name
    from store.tinydb.db import utc_now
    from tests.bench.fixtures import BRANCHES, roster

    rng = random.Random(seed)
    library = list(load_library())
    people = roster()
    names = [p.name for p in people]
    rows: dict[tuple, dict[str, int]] = {}
    shards: dict[str, list[dict[str, Any]]] = {}
    for n in range(n_events):
        checklist = rng.choice(library)
        item = rng.choice(checklist.items)
        period = _period(item.every, rng)
        base = {"id": f"y{n:07d}", "time": utc_now(), "account": f"user{n % 12}", "checklist": checklist.id,
                "item": item.id, "period": period}
        if item.kind == "ledger":
            event = {**base, **_row_event(item, rows, (checklist.id, item.id, period), names, rng)}
        else:
            if checklist.scope == "org":
                subject = "org"
            elif checklist.scope == "branch":
                subject = rng.choice(BRANCHES)
            else:
                subject = rng.choice([p.name for p in people if set(p.roles) & set(checklist.roles)] or names)
            action = "count" if item.kind == "count" else rng.choice(["done", "done", "done", "note", "na"])
            event = {**base, "subject": subject, "action": action, "note": "备注" * rng.randint(0, 6)}
            if action == "count":
                event["date"] = f"{YEAR}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if action == "na":
                event["reason"] = "本期不适用"
        shards.setdefault(shard_name(checklist.id, period), []).append(event)
    return shards


def build_year(path: Path, n_events: int) -> None:
    from tests.bench.fixtures import build

    build(path, n_events, year_plan(n_events))


def dump_cells(workbook: Path, out: Path) -> int:
    """Every sheet's cell values, as the floor will write them; returns how many cells."""
    import orjson
    from openpyxl import load_workbook

    book = load_workbook(workbook, read_only=True)
    sheets = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]
    out.write_bytes(orjson.dumps(sheets))
    return sum(len(row) for _, rows in sheets for row in rows)


def stages(db: Path, cells_file: Path, folder: Path, repeat: int) -> dict[str, Samples]:
    """Each part of one export's work alone, in this process, a fresh store each time (no parse cache to flatter it).

    The export runs "produce" and then "verify" in a forked child while it
    writes; its wall time is about the larger of the two sides, not the sum.
    """
    import tempfile as tmp
    import time

    import orjson
    from openpyxl import Workbook

    from checklists.loader import load_library
    from store import open_store
    from tui.render.workbook import Cover, build_workbook
    from tui.render.workbook_sheets import iter_tables
    from tui.yearend import Scope, ledger_events, load_year

    os.environ["DUTY_TUI_TODAY"] = TODAY
    library = load_library(cache_dir=Path(tmp.mkdtemp()))  # the CLI keeps the parsed library, and so does this
    sheets = orjson.loads(cells_file.read_bytes())
    samples = {k: Samples() for k in ("produce", "verify", "write", "floor write")}
    seal = ""

    def cover() -> Cover:
        return Cover("", YEAR, "", "", "", "", "", [], 0, seal)

    for _ in range(repeat):
        marks = [time.perf_counter()]
        store = open_store(db)
        tables = []
        for checklist in library:
            data = load_year(store, library, YEAR, Scope((checklist,)))
            tables += iter_tables([(data, ledger_events(store, data))])
        marks.append(time.perf_counter())
        seal = store.verify(library.targets()).seal
        marks.append(time.perf_counter())
        build_workbook(tables, cover)[0].save(folder / "stages.xlsx")
        marks.append(time.perf_counter())
        wb = Workbook(write_only=True)
        for name, rows in sheets:
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append(row)
        wb.save(folder / "floor-stage.xlsx")
        marks.append(time.perf_counter())
        for name, start, end in zip(samples, marks, marks[1:], strict=False):  # marks has one more
            samples[name].add((end - start) * 1000)
    return samples


def run(size: int, repeat: int, folder: Path) -> tuple[dict[str, Samples], int]:
    db = folder / "duty.json"
    build_year(db, size)
    env = {**os.environ, "DUTY_TUI_TODAY": TODAY}
    duty = [str(BIN / "duty-tui"), "--db", str(db)]
    ours = folder / "ours.xlsx"
    process_ms([*duty, "export", "--year", str(YEAR), "--out", str(ours)], env)
    cells_file = folder / "cells.json"
    cells = dump_cells(ours, cells_file)
    commands = {
        "export": [*duty, "export", "--year", str(YEAR), "--out", str(ours)],
        "floor": [sys.executable, "-c", FLOOR, str(cells_file), str(folder / "floor.xlsx")],
        "docx": [*duty, "report", "--year", str(YEAR), "--out", str(folder / "r.docx")],
        "markdown": [*duty, "report", "--year", str(YEAR), "--out", str(folder / "r.md")],
        "status": [*duty, "status", "--period", str(YEAR)],
    }
    samples = {name: Samples() for name in [*commands, "export cpu"]}
    for _ in range(repeat):
        for name, cmd in commands.items():
            wall, cpu = process_ms_cpu(cmd, env)
            samples[name].add(wall)
            if name == "export":
                samples["export cpu"].add(cpu)
    samples.update(stages(db, cells_file, folder, repeat))
    return samples, cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    use_compiled_bytecode()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            results.append((size, *run(size, args.repeat, Path(tmp))))
    print(f"N = {args.repeat} runs per cell; median (min–max) in ms\n")
    print("| events in the year | cells | duty-tui export | floor: openpyxl write-only, same cells | ratio "
          "| export CPU (both processes) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, r, cells in results:
        print(f"| {size:,} | {cells:,} | {r['export'].cell(0)} | {r['floor'].cell(0)} | {ratio(r['export'], r['floor'])} "
              f"| {r['export cpu'].cell(0)} |")
    print("\nEach part of the export alone (in-process, a fresh store each time); the export runs produce, then "
          "verify, in a child while it writes:\n")
    print("| events in the year | produce: read and build the sheets | verify | write the workbook "
          "| floor: write-only, same cells | ratio write / floor |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, r, _ in results:
        print(f"| {size:,} | {r['produce'].cell(0)} | {r['verify'].cell(0)} | {r['write'].cell(0)} "
              f"| {r['floor write'].cell(0)} | {ratio(r['write'], r['floor write'])} |")
    print("\n| events in the year | report (DOCX) | report (Markdown) | status --period 2023 | ratio DOCX / status |")
    print("|---:|---:|---:|---:|---:|")
    for size, r, _ in results:
        print(f"| {size:,} | {r['docx'].cell(0)} | {r['markdown'].cell(0)} | {r['status'].cell(0)} "
              f"| {ratio(r['docx'], r['status'])} |")


if __name__ == "__main__":
    main()

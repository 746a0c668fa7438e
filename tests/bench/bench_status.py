"""`duty-tui status` and `duty-tui remind --login` as whole processes, against Taskwarrior and a floor.

Run by hand:  .venv/bin/python tests/bench/bench_status.py [--sizes 10000,100000] [--repeat 11]

Ours is the installed program as users run it: a wheel built from the
tracked files, installed with pip into a fresh venv (pip compiles every
module as it installs), started through its console script. All events are
in the current year, the worst case: `status` covers every period of it.

For each size, alternating within one run, N samples each:
- `duty-tui status`;
- `duty-tui remind --login` for an account linked to a person who owes
  things, as a login runs it after the last write kept its summary current
  ("kept"), and with no summary, as the first login of a day or the first
  after a write the TUI has not yet summarised ("computed"); the summary is
  deleted before each such sample;
- Taskwarrior's `task summary` on N pending tasks (skipped with a note when
  `task` is not installed: Debian package taskwarrior);
- `python -c pass` with the same interpreter;
- the floor: a process that starts Python, imports orjson and parses exactly
  the files status reads (the head and the shards of the periods it covers),
  with the parser the store uses; and the floor of what is kept: the same for
  the two files a kept answer is read from (the summary beside the database
  and the user's settings cache).
Each figure is the median with min and max over N runs, in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.fixtures import build
from tests.bench.stats import Samples, parse_floor, process_ms, ratio


def taskwarrior_setup(folder: Path, size: int) -> dict[str, str] | None:
    if shutil.which("task") is None:
        return None
    data = folder / "task"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    year = date.today().year
    tasks = [{"description": f"事项 {n}", "project": f"清单{n % 22}", "status": "pending",
              "entry": f"{year}0101T000000Z", "due": f"{year}{n % 12 + 1:02d}28T000000Z",
              "uuid": f"00000000-0000-4000-8000-{n:012d}"} for n in range(size)]
    source = folder / "tasks.json"
    source.write_text(json.dumps(tasks, ensure_ascii=False))
    subprocess.run(["task", "import", str(source)], env=env, check=True, capture_output=True)
    return env


def files_status_reads(db: Path) -> list[Path]:
    """The head and the shards of every period status covers (tui/commands/status.py): what it parses."""
    from checklists.clock import today
    from checklists.loader import load_library
    from checklists.query import Filter, wanted_periods
    from store.tinydb import TinyStore
    from store.tinydb.changes import shard_name

    store = TinyStore(db)
    flt = Filter(since=store.org(today()).since)
    needed = {shard_name(c, p) for c, p in wanted_periods(load_library(), today(), flt)}
    return [store.path] + [store.paths.shard(name) for name in sorted(needed & set(store.shard_names()))]


def installed(folder: Path) -> Path:
    """The bin folder of a fresh venv with duty-tui installed from a wheel, as README's server install does."""
    from tests.support.install import install

    bin_dir, _wheel, _tracked = install(folder)
    return bin_dir


def run(size: int, repeat: int, folder: Path, bin_dir: Path) -> tuple[dict[str, Samples], int]:
    db = folder / "ours" / "duty.json"
    build(db, size, year=date.today().year)
    read = files_status_reads(db)
    tw_env = taskwarrior_setup(folder, size)
    python = str(bin_dir / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DUTY_TUI_"))}
    env.update({"XDG_CACHE_HOME": str(folder / "cache"), "XDG_CONFIG_HOME": str(folder / "config"),
                "DUTY_TUI_SYSTEM_CONFIG": str(folder / "etc" / "config.toml")})
    (folder / "etc").mkdir()
    (folder / "etc" / "config.toml").write_text(f'db = "{db}"\norg_name = "某某局党组"\n', "utf-8")
    ours = str(bin_dir / "duty-tui")
    # This account is 干部001 (roles 班子成员 and 党员), who owes several things. Someone has run status
    # and remind before; then a write through the command line keeps the summary current, as every write does.
    for args in (["whoami", "--link", "干部001"], ["remind"], ["status"],
                 ["tick", "yishu-sibiao", "chengnuoshu", "--subject", "干部001"]):
        subprocess.run([ours, *args], env=env, check=True, capture_output=True)
    banner = subprocess.run([ours, "remind", "--login"], env=env, check=True, capture_output=True, text=True)
    assert banner.stdout.startswith("你有 "), banner
    summary = db.with_name(db.name + ".summary")
    forget = lambda: summary.unlink(missing_ok=True)
    commands = {
        "status": ([ours, "status"], None),
        "status computed": ([ours, "status"], forget),
        "kept": ([ours, "remind", "--login"], None),
        "computed": ([ours, "remind", "--login"], forget),
        "pass": ([python, "-c", "pass"], None),
        "floor": (parse_floor(read, python), None),
        "kept floor": (parse_floor([summary, folder / "cache" / "duty-tui" / "settings.json"], python), None),
    }
    samples = {k: Samples() for k in (*commands, "task")}
    for _ in range(repeat):
        for name, (cmd, before) in commands.items():
            if before:
                before()
            samples[name].add(process_ms(cmd, env))
            if before:  # the next "kept" sample reads what this one kept, as after any write
                subprocess.run([ours, "status"], env=env, check=True, capture_output=True)
        if tw_env:
            samples["task"].add(process_ms(["task", "summary"], tw_env))
    return samples, len(read)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bin_dir = installed(Path(tmp) / "install")
        print(f"N = {args.repeat} runs per cell; median (min–max) in ms; all events in {date.today().year}\n")
        print("| events | task summary | status, kept | ratio | status, computed | ratio | remind --login, kept "
              "| ratio | remind --login, computed | ratio | python -c pass "
              "| floor: start + parse the files status reads | files | status computed / floor "
              "| floor of what is kept | status kept / its floor |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"n{size}"
            folder.mkdir()
            r, files = run(size, args.repeat, folder, bin_dir)
            task = r["task"].cell(0) if r["task"].values else "not installed"
            cells = [task]
            for name in ("status", "status computed", "kept", "computed"):
                cells += [r[name].cell(0), ratio(r[name], r["task"])]
            cells += [r["pass"].cell(0), r["floor"].cell(0), str(files), ratio(r["status computed"], r["floor"]),
                      r["kept floor"].cell(0), ratio(r["status"], r["kept floor"])]
            print(f"| {size:,} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

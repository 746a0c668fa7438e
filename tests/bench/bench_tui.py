"""TUI benchmark: first paint of the dashboard, keypress-to-repaint in a big matrix, the walk's steps.

Run by hand:  .venv/bin/python tests/bench/bench_tui.py [--repeat 11] [--events 10000] [--people 500] [--ref COMMIT]

Ours is the installed program as users run it: a wheel built from the
tracked files, installed with pip into a fresh venv (pip compiles every
module as it installs). The bare apps run on that venv's interpreter, so
both sides load the same Textual, Rich and Python from the same place. The
database holds N events, all in the current year (the dashboard's periods
are full).

1. First paint: a whole process in an 80x24 pseudo-terminal, from start
   until the dashboard has painted its data; ours is the real `duty-tui`
   entry point. Against two bare Textual apps in the same terminal: one that
   shows one label (Textual's own floor), and one that paints a screen like
   the dashboard's with no database behind it: a header line, a section
   label, a DataTable with the same columns and the same cells (one row per
   checklist) and a key-bar line. Alternating, N processes each; the wall
   time and the CPU the process had used by its first frame. With --ref,
   the wheel of that commit is measured too, in the same alternation.
2. Keypress to repaint: in a 500-person matrix at 80x24 in a real terminal
   (tmux), the CPU the app spends handling one arrow key and repainting.
   (Pilot's press+pause adds ~80 ms of its own waiting even to a bare app, so
   it cannot measure a frame.)
3. The walk (逐项办理) from step to step: in the same matrix, `w` walks every
   open entry; the CPU per → (the next step drawn) and ← (the one before).
   With --ref, 2 and 3 run for each version in turn.

Every figure is "median (min–max)" in ms over N samples (tests/bench/stats.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.stats import Samples, ratio
from tests.bench.terminal import Terminal

# How a child reports the moment of its first frame: on a pipe inherited from
# the benchmark, or (over SSH, where no descriptor passes) in a file.
STAMP = """
import os
import time


def stamp():
    moment = f"{time.time()} {time.process_time()}".encode()  # the frame's moment, and the CPU spent until it
    if "BENCH_FD" in os.environ:
        os.write(int(os.environ["BENCH_FD"]), moment)
    else:
        with open(os.environ["BENCH_FILE"], "wb") as sink:
            sink.write(moment)
"""

OURS = STAMP + """
import importlib.abc
import importlib.util
import os
import sys
import time


def show_then_exit(module):
    shown = module.DashboardScreen.show
    def show(self, snapshot):
        shown(self, snapshot)
        module.DashboardScreen.show = shown  # the first time only
        self.app.call_after_refresh(lambda: (stamp(), self.app.exit()))
    module.DashboardScreen.show = show


class PatchOnImport(importlib.abc.MetaPathFinder):
    \"\"\"Patch the dashboard when the app imports it, so nothing is imported earlier than in real use.\"\"\"

    def find_spec(self, name, path, target=None):
        if name != "tui.app.screens.dashboard":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        spec.loader.exec_module = lambda module: (run(module), show_then_exit(module))
        return spec


sys.meta_path.insert(0, PatchOnImport())
from tui.entry import main  # the console script's own entry point, options and checks included
sys.argv = ["duty-tui", "--db", sys.argv[1], "--no-mouse"]
main()
"""

BARE = STAMP + """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("duty-tui")
    def on_mount(self):
        self.call_after_refresh(lambda: (stamp(), self.exit()))

Bare().run(mouse=False)
"""

# The dashboard's screen without duty-tui: the same widgets and cells, given on the command line as JSON.
TABLE = STAMP + """
import json
import sys

from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, Label, Static

header, columns, rows, keys = json.loads(sys.argv[1])

class Table(App):
    CSS = "DataTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }"

    def compose(self):
        yield Static(Text(header))
        yield Label("清单进度（本期）")
        yield DataTable(cursor_type="row")
        yield Static(Text(keys))

    def on_mount(self):
        table = self.query_one(DataTable)
        for title, width in columns:
            table.add_column(title, width=width)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        table.focus()
        self.call_after_refresh(lambda: (stamp(), self.exit()))

Table().run(mouse=False)
"""


def timed(python: Path, code: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) ms from spawning the process to the moment its first complete frame was painted.

    Both programs run in a pseudo-terminal of 80x24, as over SSH, so ours
    goes through the real `duty-tui` path: Typer, the terminal checks,
    reading the checklists and the database, then Textual's own driver.
    The child writes the wall-clock time of its first refreshed frame to a
    pipe, with the CPU time it had used by then (on a busy machine the
    wall time swings with the load; the CPU time much less); interpreter
    shutdown is not part of a paint.
    """
    import fcntl
    import pty
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    done_r, done_w = os.pipe()
    env = {**(env or os.environ), "TERM": "xterm-256color", "LANG": "C.UTF-8", "BENCH_FD": str(done_w)}
    drain = threading.Thread(target=_drain, args=(master,), daemon=True)
    drain.start()
    start = time.time()
    # Not from the source tree: `python -c` puts the working folder first on sys.path.
    child = subprocess.Popen([str(python), "-c", code, *args], cwd=tempfile.gettempdir(), env=env, stdin=slave,
                             stdout=slave, stderr=slave, pass_fds=(done_w,))
    os.close(slave)
    os.close(done_w)
    stamp = b""
    while chunk := os.read(done_r, 64):
        stamp += chunk
    child.wait()
    os.close(done_r)
    os.close(master)
    if not stamp:
        raise RuntimeError(f"no frame painted (exit {child.returncode})")
    moment, cpu = stamp.split()
    return (float(moment) - start) * 1000, float(cpu) * 1000


def _drain(master: int) -> None:
    """Read what the child draws so it never blocks on a full terminal buffer."""
    try:
        while os.read(master, 65536):
            pass
    except OSError:
        pass


def private_env(folder: Path) -> dict[str, str]:
    """Our own config and cache folders, no system config, no PYTHON* variables from the caller's shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DUTY_TUI_"))}
    env.update({"XDG_CACHE_HOME": str(folder / "cache"), "XDG_CONFIG_HOME": str(folder / "config"),
                "DUTY_TUI_SYSTEM_CONFIG": str(folder / "no-system-config.toml")})
    return env


def dashboard_like(db: Path) -> str:
    """The bare table app's argument: the dashboard's header, columns and cells at 80 columns, as JSON."""
    from checklists.clock import today
    from checklists.loader import load_library
    from store.tinydb import TinyStore
    from tui.board import Board
    from tui.render.bar import bar

    data = Board(TinyStore(db), load_library()).load()
    rows = [[p.checklist.title, bar(p.done, p.total, 8), f"{p.done}/{p.total}", str(p.overdue or "-"),
             str(p.carried or "-"), p.next_due.isoformat() if p.next_due else "-"] for p in data.progress]
    columns = [("清单", 36), ("进度", 8), ("完成", 5), ("逾期", 4), ("往期", 4), ("下一时限", 10)]
    header = f"全面从严治党主体责任  {today().isoformat()}  账户：bench（未关联）  数据库：duty.json"
    keys = "Enter 打开  w 逐项办理  / 搜索  r 刷新  ? 帮助  q 退出"
    return json.dumps([header, columns, rows, keys], ensure_ascii=False)


def first_paint(programs: dict[str, tuple[Path, str, str, dict[str, str]]],
                repeat: int) -> dict[str, tuple[Samples, Samples]]:
    """(wall, CPU) samples of each program: name -> (python, code, argument, environment), in turn, ``repeat`` rounds.

    Each version of duty-tui needs a cache folder of its own: the checklist
    cache names the files it was built from, so two installs sharing one
    would rebuild it on every start.
    """
    for python, code, arg, env in programs.values():
        timed(python, code, arg, env=env)  # once before measuring: the checklist cache is written on first use
    found = {name: (Samples(), Samples()) for name in programs}
    for _ in range(repeat):
        for name, (python, code, arg, env) in programs.items():
            wall, cpu = timed(python, code, arg, env=env)
            found[name][0].add(wall)
            found[name][1].add(cpu)
    return found


def matrix(people: int, folder: Path, events: int) -> Path:
    """A database with ``events`` in the current year and exactly ``people`` in 家庭助廉's matrix."""
    from datetime import date

    from checklists.roster import Person
    from store.tinydb import TinyStore
    from store.tinydb.roster import add_people
    from tests.bench.fixtures import build, roster

    db = folder / "matrix.json"
    build(db, events, year=date.today().year)
    roles = {"党组书记", "班子成员", "中层干部"}  # checklists/builtin/jiating-zhulian.toml
    there = sum(1 for p in roster() if roles & set(p.roles))
    add_people(TinyStore(db), [Person(f"干部{n:04d}", ("中层干部",), f"科室{n % 9}", "")
                               for n in range(people - there)])
    return db


def keypress(bin_dir: Path, db: Path, batches: int) -> tuple[Samples, Samples] | None:
    """CPU the app spends per arrow key in a real 80x24 terminal, minus its idle CPU, and the walk's steps.

    Batches of 20 keys 60 ms apart (see Terminal.per_key), alternating
    direction so the cursor stays inside the table.
    """
    if shutil.which("tmux") is None:
        return None
    arrows, steps = Samples(), Samples()
    with Terminal("bench", f"{bin_dir / 'duty-tui'} --db {db} --no-mouse", timeout=20, poll=0.1) as term:
        term.open_checklist("家庭助廉")
        term.wait_for("干部000 ")  # the first row, with its detail below
        pid = term.app_pid()
        for batch in range(batches):
            arrows.add(term.per_key(pid, "Down" if batch % 2 == 0 else "Up", 20)[0])
        term.keys("w")
        term.wait_for("第1项/共")
        for batch in range(batches):
            steps.add(term.per_key(pid, "Right" if batch % 2 == 0 else "Left", 20)[0])
    return arrows, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--batches", type=int, default=11)
    parser.add_argument("--ref", help="also measure the wheel of this commit, alternating with the working tree")
    args = parser.parse_args()
    from datetime import date

    from tests.bench.bench_tick import installed
    from tests.bench.fixtures import build

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        versions = {"working tree": installed(folder / "install", None)}
        if args.ref:
            versions[args.ref] = installed(folder / "install-ref", args.ref)
        envs = {name: private_env(folder / f"home{n}") for n, name in enumerate(versions)}
        db = folder / "duty.json"
        build(db, args.events, year=date.today().year)
        python, env = versions["working tree"] / "python", envs["working tree"]
        programs = {name: (bin_dir / "python", OURS, str(db), envs[name]) for name, bin_dir in versions.items()}
        programs["bare"] = (python, BARE, "", env)
        programs["table"] = (python, TABLE, dashboard_like(db), env)
        paints = first_paint(programs, args.repeat)
        people = matrix(args.people, folder, args.events)
        keys = {}
        for name, bin_dir in reversed(versions.items()):
            os.environ.update(envs[name])  # the tmux server and the app it runs inherit it
            keys[name] = keypress(bin_dir, people, args.batches)
    print(f"first paint in an 80x24 pseudo-terminal, installed wheels, {args.events:,} events in "
          f"{date.today().year}, ms, median (min–max), N = {args.repeat} processes each, in turn\n")
    print("| version | measure | duty-tui dashboard | bare Textual app (one label) | ratio "
          "| bare Textual app (the dashboard's table) | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name in versions:
        for index, measure in enumerate(("wall", "CPU")):
            ours, bare, same = (paints[k][index] for k in (name, "bare", "table"))
            print(f"| {name} | {measure} | {ours.cell(0)} | {bare.cell(0)} | {ratio(ours, bare)} | {same.cell(0)} "
                  f"| {ratio(ours, same)} |")
    if any(found is None for found in keys.values()):
        print("\nkeypress to repaint and the walk: skipped, tmux is not installed")
        return
    print(f"\nCPU per key at 80x24 in tmux, {args.people}-person matrix, idle CPU subtracted, ms, "
          f"median (min–max), N = {args.batches} batches of 20 keys; one frame at 60 fps = 16.7 ms\n")
    print("| version | arrow key in the matrix | the walk: next or previous step |")
    print("|---|---:|---:|")
    for name in versions:
        arrows, steps = keys[name]  # type: ignore[misc]
        print(f"| {name} | {arrows.cell()} | {steps.cell()} |")


if __name__ == "__main__":
    main()

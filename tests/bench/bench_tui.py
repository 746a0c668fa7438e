"""TUI benchmark: first paint of the dashboard, keypress-to-repaint in a big matrix, the walk's steps.

Run by hand:  .venv/bin/python tests/bench/bench_tui.py [--repeat 11] [--events 10000] [--people 500]

1. First paint: a whole process in an 80x24 pseudo-terminal, from start
   until the dashboard has painted its data, on a database with N events;
   ours is the real `duty-tui` entry point. Against a bare Textual app that
   shows one label, in the same terminal. Alternating, medians.
2. Keypress to repaint: in a 500-person matrix at 80x24 in a real terminal
   (tmux), the CPU the app spends handling one arrow key and repainting.
   (Pilot's press+pause adds ~80 ms of its own waiting even to a bare app, so
   it cannot measure a frame.)
3. The walk (逐项办理) from step to step: in the same matrix, `w` walks every
   open entry; the CPU per → (the next step drawn) and ← (the one before).

Every figure is "median (min–max)" in ms over N samples (tests/bench/stats.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bytecode import use_compiled_bytecode
from tests.bench.stats import Samples, ratio
from tests.bench.terminal import BIN, Terminal

# How a child reports the moment of its first frame: on a pipe inherited from
# the benchmark, or (over SSH, where no descriptor passes) in a file.
STAMP = """
import os
import time


def stamp():
    moment = str(time.time()).encode()
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


def timed(code: str, *args: str) -> float:
    """From spawning the process to the moment its first complete frame was painted.

    Both programs run in a pseudo-terminal of 80x24, as over SSH, so ours
    goes through the real `duty-tui` path: Typer, the terminal checks,
    reading the checklists and the database, then Textual's own driver.
    The child writes the wall-clock time of its first refreshed frame to a
    pipe; interpreter shutdown is not part of a paint.
    """
    import fcntl
    import pty
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    done_r, done_w = os.pipe()
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "BENCH_FD": str(done_w)}
    drain = threading.Thread(target=_drain, args=(master,), daemon=True)
    drain.start()
    start = time.time()
    child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, stdin=slave, stdout=slave,
                             stderr=slave, pass_fds=(done_w,))
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
    return (float(stamp) - start) * 1000


def _drain(master: int) -> None:
    """Read what the child draws so it never blocks on a full terminal buffer."""
    try:
        while os.read(master, 65536):
            pass
    except OSError:
        pass


def first_paint(events: int, repeat: int, folder: Path) -> tuple[Samples, Samples]:
    from tests.bench.fixtures import build

    db = folder / "duty.json"
    build(db, events)
    ours, bare = Samples(), Samples()
    timed(OURS, str(db))  # once before measuring: the checklist cache is written on first use
    for _ in range(repeat):
        ours.add(timed(OURS, str(db)))
        bare.add(timed(BARE))
    return ours, bare


def matrix(people: int, folder: Path) -> Path:
    from checklists.roster import Person
    from store.tinydb import TinyStore
    from store.tinydb.roster import add_people

    db = folder / "matrix.json"
    add_people(TinyStore(db), [Person(f"干部{n:04d}", ("中层干部",), f"科室{n % 9}", "") for n in range(people)])
    return db


def keypress(db: Path, batches: int) -> tuple[Samples, Samples] | None:
    """CPU the app spends per arrow key in a real 80x24 terminal, minus its idle CPU, and the walk's steps.

    Batches of 20 keys 60 ms apart (see Terminal.per_key), alternating
    direction so the cursor stays inside the table.
    """
    if shutil.which("tmux") is None:
        return None
    arrows, steps = Samples(), Samples()
    with Terminal("bench", f"{BIN / 'duty-tui'} --db {db} --no-mouse", timeout=20, poll=0.1) as term:
        term.open_checklist("家庭助廉")
        term.wait_for("干部0000")
        pid = term.app_pid()
        for batch in range(batches):
            arrows.add(term.per_key(pid, "Down" if batch % 2 == 0 else "Up", 20)[0])
        term.keys("w")
        term.wait_for("第1项/共")
        for batch in range(batches):
            steps.add(term.per_key(pid, "Right" if batch % 2 == 0 else "Left", 20)[0])
    return arrows, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--batches", type=int, default=11)
    args = parser.parse_args()
    use_compiled_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        ours, bare = first_paint(args.events, args.repeat, Path(tmp))
        keys = keypress(matrix(args.people, Path(tmp)), args.batches)
    print(f"first paint in an 80x24 pseudo-terminal, ms, median (min–max), N = {args.repeat} processes each\n")
    print("| events | duty-tui dashboard | bare Textual app (one label) | ratio |")
    print("|---:|---:|---:|---:|")
    print(f"| {args.events:,} | {ours.cell(0)} | {bare.cell(0)} | {ratio(ours, bare)} |")
    if keys is None:
        print("\nkeypress to repaint and the walk: skipped, tmux is not installed")
        return
    arrows, steps = keys
    print(f"\nCPU per key at 80x24 in tmux, {args.people}-person matrix, idle CPU subtracted, ms, "
          f"median (min–max), N = {args.batches} batches of 20 keys; one frame at 60 fps = 16.7 ms\n")
    print("| arrow key in the matrix | the walk: next or previous step |")
    print("|---:|---:|")
    print(f"| {arrows.cell()} | {steps.cell()} |")


if __name__ == "__main__":
    main()

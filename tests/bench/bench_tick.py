"""`duty-tui tick` and `duty-tui status` right after it, against Taskwarrior, in one hyperfine run.

Run by hand:  .venv/bin/python tests/bench/bench_tick.py [--size 10000] [--runs 15] [--ref COMMIT]

Ours is the installed program as users run it: a wheel built from the
tracked files (or from ``--ref``, a commit, to measure an older version the
same way), installed with pip into a fresh venv, started through its console
script, with `db` and `org_name` in the system config file. The database
holds N events, all in the current year; someone has run `remind` and
`status` before, so a summary is kept and every write brings it up to date.
Taskwarrior 2.6 gets N pending tasks in its own TASKDATA and TASKRC.

One hyperfine invocation (no shell, 2 warm-up runs) measures, in turn:
- `duty-tui tick` of a personal item (the summary brought up to date before it exits);
- `task add`;
- `duty-tui status` right after a `duty-tui tick` by another process (hyperfine's --prepare);
- `task summary`.
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

from tests.bench.bench_status import taskwarrior_setup
from tests.bench.fixtures import build
from tests.bench.stats import Samples, ratio
from tests.support.install import PIP_ENV, ROOT, install

TICK = ["tick", "yishu-sibiao", "chengnuoshu", "--subject", "干部001"]


def installed(folder: Path, ref: str | None) -> Path:
    """The bin folder of a fresh venv with duty-tui installed from a wheel of the working tree or of ``ref``."""
    if ref is None:
        return install(folder)[0]
    source = folder / "source"
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "--wheel-dir", str(folder / "dist"), str(source)], env=PIP_ENV,
                   check=True, cwd=folder)
    (wheel,) = (folder / "dist").glob("duty_tui-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / "venv")], check=True)
    subprocess.run([*pip, "--python", str(folder / "venv/bin/python"), "install", str(wheel)], env=PIP_ENV,
                   check=True, cwd=folder)
    return folder / "venv/bin"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--ref", help="a commit to build the wheel from instead of the working tree")
    args = parser.parse_args()
    if shutil.which("hyperfine") is None or shutil.which("task") is None:
        raise SystemExit("needs hyperfine and task (Debian packages hyperfine, taskwarrior)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bin_dir = installed(folder / "install", args.ref)
        db = folder / "ours" / "duty.json"
        build(db, args.size, year=date.today().year)
        tw_env = taskwarrior_setup(folder, args.size)
        assert tw_env is not None
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DUTY_TUI_", "TASK"))}
        env.update({"XDG_CACHE_HOME": str(folder / "cache"), "XDG_CONFIG_HOME": str(folder / "config"),
                    "DUTY_TUI_SYSTEM_CONFIG": str(folder / "etc" / "config.toml"),
                    "TASKRC": tw_env["TASKRC"], "TASKDATA": tw_env["TASKDATA"]})
        (folder / "etc").mkdir()
        (folder / "etc" / "config.toml").write_text(f'db = "{db}"\norg_name = "某某局党组"\n', "utf-8")
        ours = str(bin_dir / "duty-tui")
        for command in (["whoami", "--link", "干部001"], ["remind"], ["status"], TICK):
            subprocess.run([ours, *command], env=env, check=True, capture_output=True)
        tick = " ".join([ours, *TICK])
        commands = {"tick": (tick, "true"), "task add": ("task add 测试事项 project:清单0", "true"),
                    "status after a tick": (f"{ours} status", tick), "task summary": ("task summary", "true")}
        out = folder / "hyperfine.json"
        hyperfine = ["hyperfine", "-N", "--warmup", "2", "--runs", str(args.runs), "--export-json", str(out),
                     "--style", "none"]
        for name, (command, prepare) in commands.items():
            hyperfine += ["--command-name", name, "--prepare", prepare, command]
        subprocess.run(hyperfine, env=env, check=True, stdout=subprocess.DEVNULL)
        results = {r["command"]: Samples([t * 1000 for t in r["times"]]) for r in json.loads(out.read_text())["results"]}
        status = subprocess.run([ours, "status"], env=env, check=True, capture_output=True, text=True).stdout
        assert "待办事项" in status, status
    what = args.ref or "working tree"
    print(f"{what}: {args.size:,} events in {date.today().year}; hyperfine -N, N = {args.runs} runs each; "
          "median (min–max) in ms\n")
    print("| events | tick | task add | tick / task add | status after a tick | task summary "
          "| status / task summary |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    r = results
    print(f"| {args.size:,} | {r['tick'].cell(0)} | {r['task add'].cell(0)} | {ratio(r['tick'], r['task add'])} "
          f"| {r['status after a tick'].cell(0)} | {r['task summary'].cell(0)} "
          f"| {ratio(r['status after a tick'], r['task summary'])} |")


if __name__ == "__main__":
    main()

"""First paint over SSH: `ssh -t host duty-tui` through a real sshd on 127.0.0.1, against a bare Textual app.

Run by hand:  .venv/bin/python tests/bench/bench_ssh.py [--repeat 11] [--events 10000]

Each sample starts the `ssh -t` client in an 80x24 pseudo-terminal, as a
user's terminal would, and ends when the remote program has painted its
first complete frame (it writes the wall-clock time to a file; client and
server share the machine's clock). So the figure includes the SSH login, the
remote pty, and the program's start-up behind them; the bare app pays the
same SSH costs. `ssh -t host true` is the floor: logging in and out with no
program at all. The three alternate within a run.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_tui import BARE, OURS, _drain
from tests.bench.bytecode import use_compiled_bytecode
from tests.bench.stats import Samples, ratio
from tests.support.sshd import SSHD, SshServer, private_dirs, remote_command, start_sshd


def over_ssh(server: SshServer, argv: list[str], env: dict[str, str], stamp: Path | None,
             timeout: float = 60) -> float:
    """Wall time from starting the client until the remote frame's stamp (or the client's exit), in ms."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    if stamp is not None and stamp.exists():
        stamp.unlink()
    client_env = {**os.environ, "TERM": "xterm-256color"}
    start = time.time()
    client = subprocess.Popen(server.client(remote_command(argv, env), tty=True), stdin=slave, stdout=slave,
                              stderr=slave, env=client_env, cwd=ROOT)
    os.close(slave)
    client.wait(timeout=timeout)
    os.close(master)
    if client.returncode != 0:
        raise RuntimeError(f"ssh ended with {client.returncode}")
    if stamp is None:
        return (time.time() - start) * 1000
    if not stamp.exists():
        raise RuntimeError("no frame painted")
    return (float(stamp.read_bytes().split()[0]) - start) * 1000  # the moment; the CPU after it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--events", type=int, default=10000)
    args = parser.parse_args()
    if not (Path(SSHD).exists() and shutil.which("ssh")):
        raise SystemExit("needs openssh-server and ssh (see README)")
    use_compiled_bytecode()
    from tests.bench.fixtures import build

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "duty.json"
        build(db, args.events)
        server = start_sshd(folder / "sshd")
        try:
            stamp = folder / "stamp"
            env = {"LANG": "C.UTF-8", "BENCH_FILE": str(stamp), "PYTHONPATH": str(ROOT),
                   "DUTY_TUI_SYSTEM_CONFIG": str(folder / "no-system-config.toml"), **private_dirs(folder)}
            ours_argv = [sys.executable, "-c", OURS, str(db)]
            bare_argv = [sys.executable, "-c", BARE]
            over_ssh(server, ours_argv, env, stamp)  # once before measuring: the checklist cache is written
            ours, bare, floor = Samples(), Samples(), Samples()
            for _ in range(args.repeat):
                ours.add(over_ssh(server, ours_argv, env, stamp))
                bare.add(over_ssh(server, bare_argv, env, stamp))
                floor.add(over_ssh(server, ["true"], {}, None))
        finally:
            server.stop()
    print(f"first paint through ssh -t to 127.0.0.1 at 80x24, ms, median (min–max), N = {args.repeat} each\n")
    print("| events | duty-tui dashboard | bare Textual app (one label) | ratio | ssh -t host true |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {args.events:,} | {ours.cell(0)} | {bare.cell(0)} | {ratio(ours, bare)} | {floor.cell(0)} |")


if __name__ == "__main__":
    main()

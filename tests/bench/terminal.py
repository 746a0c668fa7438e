"""duty-tui in a real 80x24 terminal (a tmux pane), and the CPU it spends, read from /proc.

The TUI and ledger benchmarks both drive the installed command this way:
Pilot's own waiting would swamp a frame's worth of work.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Terminal:
    """One tmux server (its own socket) with one 80x24 session running ``command``."""

    def __init__(self, socket: str, command: str, *, timeout: float = 30, poll: float = 0.02):
        self.tmux = ["tmux", "-L", socket]
        self.timeout, self.poll = timeout, poll
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        subprocess.run([*self.tmux, "new-session", "-d", "-s", "b", "-x", "80", "-y", "24", command], check=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_exc: object) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "b"], capture_output=True, text=True).stdout

    def wait_for(self, text: str) -> None:
        end = time.monotonic() + self.timeout
        while text not in self.screen():
            if time.monotonic() > end:
                raise RuntimeError(f"{text!r} not shown:\n{self.screen()}")
            time.sleep(self.poll)

    def keys(self, *names: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "b", *names], check=True)

    def open_checklist(self, title: str) -> None:
        """From the dashboard, search for a checklist and open it."""
        self.wait_for("清单进度")
        self.keys("/")
        self.wait_for("搜索清单")
        self.keys(title, "Enter")
        self.wait_for(f"搜索：{title}")
        self.keys("Enter")

    def app_pid(self) -> int:
        """The duty-tui process: the pane's shell's child, or the pane itself when tmux ran it directly."""
        shell = subprocess.run([*self.tmux, "display", "-p", "-t", "b", "#{pane_pid}"],
                               capture_output=True, text=True).stdout.strip()
        children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
        return int(children[0]) if children else int(shell)

    def per_key(self, pid: int, key: str, count: int, gap: float = 0.06) -> tuple[float, float]:
        """CPU per key over ``count`` presses ``gap`` seconds apart, and the idle CPU subtracted.

        Keys come one at a time, as a fast typist's would, so each is handled
        and painted on its own; an equally long idle spell just before is
        measured and taken off.
        """
        before = cpu_ms(pid)
        time.sleep(count * gap + 0.3)
        idle = cpu_ms(pid) - before
        before = cpu_ms(pid)
        for _ in range(count):
            self.keys(key)
            time.sleep(gap)
        time.sleep(0.3)
        return (cpu_ms(pid) - before - idle) / count, idle

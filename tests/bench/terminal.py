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

from tests.support.tmux import Tmux

BIN = Path(sys.executable).parent


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Terminal(Tmux):
    """An 80x24 tmux pane running ``command``, with the moves and measurements the benchmarks share."""

    def __init__(self, socket: str, command: str, *, timeout: float = 30, poll: float = 0.02):
        super().__init__(command, socket=socket, timeout=timeout, poll=poll)

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
        shell = self.pane_pid()
        children = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()
        return int(children[0]) if children else shell

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

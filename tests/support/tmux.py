"""A real terminal for tests and benchmarks: a tmux pane of fixed size running one command.

Each `Tmux` owns a tmux server on its own socket, so two test runs (or a
test and a benchmark) on one machine never see or kill each other's panes.
The server starts with ``-f /dev/null`` so a developer's ``~/.tmux.conf``
cannot change the screen, and with ``remain-on-exit`` so the last screen can
still be read after the command ends. The exit status comes from the pane's
shell, which writes it to a file: tmux 3.3 now and then misses the SIGCHLD of
a pane's process, and then never reports its status.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

_serial = itertools.count()


def unwrapped(screen: str) -> str:
    """A drawn screen's text with spaces, line breaks, box borders and scrollbar blocks taken out.

    A long path folds over as many rows as its width needs, with a hanging
    indent, beside a scrollbar; what the user needs to see is the path whole.
    """
    return re.sub(r"[\s\u2500-\u257f\u2580-\u259f]", "", screen)


class Tmux:
    """One tmux server with one pane, ``width`` x ``height``, running the shell command ``command``.

    ``env`` adds variables for the command; tmux sets TERM itself, whatever is passed.
    """

    def __init__(self, command: str, *, env: Mapping[str, str] | None = None, socket: str | None = None,
                 width: int = 80, height: int = 24, timeout: float = 15, poll: float = 0.05):
        self.socket = socket or f"duty-tui-{os.getpid()}-{next(_serial)}"
        self.timeout, self.poll = timeout, poll
        self.base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        self.folder = Path(tempfile.mkdtemp(prefix="duty-tui-tmux-"))
        self.status = self.folder / "status"
        self.run("kill-server")  # a stale server left on this socket by a killed run
        # A subshell, so that an `exit` in the command still leaves the status to be written.
        wrapped = f"(\n{command}\n)\nprintf %s \"$?\" > {shlex.quote(str(self.status))}"
        variables = [arg for name, value in (env or {}).items() for arg in ("-e", f"{name}={value}")]
        self.run("start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                 "set-option", "-g", "default-shell", "/bin/sh", ";",  # whatever the developer's SHELL is
                 "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), *variables, wrapped,
                 check=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.run("kill-server")
        shutil.rmtree(self.folder, ignore_errors=True)

    def run(self, *args: str, check: bool = False) -> str:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, check=check).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float | None = None, *, wrapped: bool = False) -> str:
        """The screen once it shows ``text``; fails with the last screen if it never does.

        ``wrapped``: ``text`` may be folded over several rows, inside a box (a path in a dialog):
        compared with spaces, line breaks, borders and scrollbars taken out of both.
        """
        end = time.monotonic() + (self.timeout if timeout is None else timeout)
        wanted = unwrapped(text) if wrapped else text
        while True:
            screen = self.screen()
            if wanted in (unwrapped(screen) if wrapped else screen):
                return screen
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} did not appear; screen was:\n{screen}")
            time.sleep(self.poll)

    def keys(self, *names: str) -> None:
        """tmux key names (``Enter``, ``Down``) or literal text; several in one call arrive as one burst."""
        self.run("send-keys", "-t", "main", *names, check=True)

    def paste(self, text: str) -> None:
        """``text`` as a terminal pastes it: bracketed when the program asked for that, line ends as CR."""
        self.run("set-buffer", "-b", "paste", "--", text, check=True)
        self.run("paste-buffer", "-p", "-d", "-b", "paste", "-t", "main", check=True)

    def pane_pid(self) -> int:
        return int(self.run("display-message", "-p", "-t", "main", "#{pane_pid}").strip())

    def exit_status(self, timeout: float | None = None) -> int:
        """Wait for the command to end and return its exit status, as the shell reports it (128 + signal)."""
        end = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            status = self.status.read_text() if self.status.exists() else ""
            if status:
                return int(status)
            if time.monotonic() > end:
                raise AssertionError(f"the command did not exit; screen was:\n{self.screen()}")
            time.sleep(self.poll)

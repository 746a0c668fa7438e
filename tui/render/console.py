"""Console construction that behaves in SSH sessions, pipes and cron."""

from __future__ import annotations

import os
import sys

from rich.console import Console


def make_console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and keeps 80 columns when not a terminal.

    Rich already reads NO_COLOR and TERM; in a pipe it falls back to 80
    columns, which is also what inspectors' printers and most SSH windows show.
    """
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else int(os.environ.get("COLUMNS", "80") or 80)
    return Console(file=stream, width=width, highlight=False, soft_wrap=False)

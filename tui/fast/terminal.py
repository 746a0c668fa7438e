"""What this process writes to, found without importing Rich: the inputs Rich judges a terminal by.

`status` renders its table for a terminal described by these values plus
the size Rich settled on (tui.render.console.render_for), never by Rich
looking around on its own: the same values then always give the same bytes.
So the text can be kept with the database for that kind of terminal
(tui.reminders), brought up to date by a writer that has no such terminal,
and handed back by tui.fast, which must not import Rich to find out which
one it needs.
"""

from __future__ import annotations

import os
import sys

# The variables Rich's Console reads to decide colours, width and whether it writes to a terminal.
RICH_ENVIRONMENT = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
                    "COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def _size() -> list[int] | None:
    """[columns, lines] of the first of stdin, stdout and stderr that is a terminal, the order Rich asks them in."""
    for fd in (0, 1, 2):
        try:
            size = os.get_terminal_size(fd)
        except (OSError, ValueError):
            continue
        return [size.columns, size.lines]
    return None


def context() -> dict[str, object]:
    """Whether stdout is a terminal, the terminal's size, what the environment says, and stdout's encoding."""
    tty = sys.stdout.isatty()
    return {"tty": tty, "size": _size() if tty else None,
            "env": {name: os.environ[name] for name in RICH_ENVIRONMENT if name in os.environ},
            "encoding": (getattr(sys.stdout, "encoding", "") or "utf-8").lower()}

"""What this process's terminal is, as Rich would judge it, found without importing Rich.

`status` renders for a terminal (or a pipe) described by these few values
rather than letting Rich look around by itself, so that the same values
always give the same bytes: an answer rendered once can be kept with the
database for that terminal (tui.reminders) and handed back by tui.quick,
which must not import Rich to find out which one it needs.
"""

from __future__ import annotations

import os
import sys

# The variables Rich's Console reads to choose colours, width and interactivity.
RICH_ENVIRONMENT = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
                    "COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES")
DEFAULT_WIDTH = 80  # a pipe, cron, and most SSH windows


def _size() -> int | None:
    """Columns of the first of stdin, stdout and stderr that is a terminal, the order Rich asks them in."""
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
    return None


def context() -> dict[str, object]:
    """The terminal stdout writes to: whether it is one, its width, what the environment says of it, its encoding.

    A pipe keeps 80 columns (or COLUMNS), which is also what inspectors'
    printers and most SSH windows show; a terminal has its own width.
    """
    env = {name: os.environ[name] for name in RICH_ENVIRONMENT if name in os.environ}
    columns = env.get("COLUMNS", "")
    terminal = sys.stdout.isatty()
    if columns.isdigit():
        width = int(columns)
    else:
        width = (_size() if terminal else None) or DEFAULT_WIDTH
    return {"terminal": terminal, "width": width, "env": env,
            "encoding": (getattr(sys.stdout, "encoding", "") or "utf-8").lower()}

"""The one way every command reports a user's mistake: one line on stderr and the documented exit code.

Nothing here imports Typer: the TUI starts without it (see tui.entry), and
the Typer commands reach the same code through tui.context. Settings, the
library and the store are resolved in tui.resolve.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from .errors import EXIT_BUSY, EXIT_CORRUPT, EXIT_USAGE  # noqa: F401 (the commands find them here)


def say(message: object) -> None:
    """One line on stderr. Messages quote what was typed and what is stored: controls are written out."""
    from checklists.text import visible

    print(f"duty-tui: {visible(str(message), multiline=False)}", file=sys.stderr)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one line on stderr and exit: no traceback for a user's mistake."""
    say(message)
    raise SystemExit(code)


def refuse(code: str, **fields: object) -> NoReturn:
    """Refuse what was typed on the command line: one line worded by tui.errors, exit 2."""
    from checklists.errors import Refusal

    from .errors import explain

    fail(explain(Refusal(code, **fields), "cli"), EXIT_USAGE)


@contextmanager
def store_errors() -> Iterator[None]:
    """Turn store, date and OS failures into one line and the documented exit code.

    The command line and the TUI's quick start also run inside it, as the last
    line of defence: an OS failure nobody foresaw still gives one line naming
    the file and exit 3, where a traceback's exit 1 would read to a cron job as
    "overdue" or "tampered".
    """
    from checklists.errors import Refusal
    from store.errors import StoreError

    from .errors import exit_code, explain, os_failure

    try:
        yield
    except (Refusal, StoreError) as exc:
        lines = explain(exc, "cli").splitlines()
        for line in lines[:-1]:
            say(line)
        fail(lines[-1], exit_code(exc))
    except OSError as exc:
        fail(os_failure(exc), EXIT_BUSY)

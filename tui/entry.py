"""The console script: `duty-tui` alone opens the TUI, and `remind` or a plain `status` answer, without Typer.

Typer and Click take ~75 ms to import, about a tenth of the time to the
first screen and several times a login banner's whole budget. When the
arguments are only the global options and the terminal is fine, they are
read here (tui.fast.argv, from the option table Typer declares its options
from) and the TUI starts at once; a plain `remind` or `status` command line
is answered from what was kept (tui.fast), or else by the full command;
a plain `tick`, `untick` or `na` is recorded by tui.recording, the code the
Typer commands run.
Anything else (another subcommand, --help, a typo, no terminal) goes to the
Typer command line, which stays the one place that explains options and
reports mistakes.

Nothing is imported at the top: `remind --login` runs at every login.
"""

from __future__ import annotations

import gc
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs a login ~3 ms
if TYPE_CHECKING:
    from .config import Settings


def tui_options(args: list[str]) -> tuple[Settings, bool, bool] | None:
    """(settings, demo, mouse) when ``args`` are only global options given once each; else None."""
    from .fast import argv

    found = argv.tui_options(args)
    if found is None:
        return None
    flags, read_only, demo, mouse = found
    from .resolve import settings_for

    return settings_for(flags, read_only=read_only), demo, mouse


def read_path(args: list[str]) -> int | None:
    """Answer a plain `remind` or `status` command line and return the exit code; None leaves it to Typer.

    From the summary kept with the database when it still holds (tui.fast),
    else by the full command, which computes the answer and keeps it.
    """
    from .fast import answer, argv

    if "remind" in args:
        parsed = argv.parse_remind(args)
        if parsed is None:
            return None
        if answer.remind(*parsed):
            return 0
        from .remind import run_with_flags

        return run_with_flags(*parsed)
    plain = argv.parse_status(args)
    if plain is None:
        return None
    if answer.status(*plain):
        return 0
    from .status import run_with_flags as status_with_flags

    return status_with_flags(*plain)


def main() -> None:
    """The console script: Ctrl-C at any moment, even while modules are still loading, ends quietly with 130."""
    try:
        _run()
    except KeyboardInterrupt:
        raise SystemExit(130) from None


def _run() -> None:
    # Starting Textual allocates hundreds of thousands of objects that live as
    # long as the app, and the cyclic GC would scan them again and again
    # (~20 ms before the first screen). It stays off until the app has painted
    # and frozen them (DutyApp.on_mount), and is back on for every other path.
    gc.disable()
    if {"tick", "untick", "na"} & set(sys.argv[1:]):
        gc.enable()
        from .recording import quick

        code = quick(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
    if {"remind", "status"} & set(sys.argv[1:]):
        code = read_path(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()
            raise SystemExit(code)
    from .launch import terminal_ready

    tui_only = tui_options(sys.argv[1:])
    if tui_only is not None and terminal_ready():
        from .launch import start
        from .options import store_errors

        settings, demo, mouse = tui_only
        with store_errors():
            start(settings, demo=demo, mouse=mouse)
        return
    gc.enable()
    from .cli import main as command_line

    command_line()

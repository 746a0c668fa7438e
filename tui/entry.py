"""The console script: `duty-tui` alone opens the TUI, and `remind` or a plain `status` answer, without Typer.

Typer and Click take ~75 ms to import, about a tenth of the time to the
first screen and several times a login banner's whole budget. When the
arguments are only the global options and the terminal is fine, they are
read here and the TUI starts at once; a plain `remind` or `status` command
line goes to tui.quick. Anything else (another subcommand, --help, a typo, no terminal)
goes to the Typer command line, which stays the one place that explains
options and reports mistakes.

Nothing is imported at the top: `remind --login` runs at every login.
"""

from __future__ import annotations

import gc
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs a login ~3 ms
if TYPE_CHECKING:
    from .options import Settings

FLAGS = {"--read-only": "read_only", "--demo": "demo", "--no-mouse": "no_mouse"}
VALUED = {"--db": "db", "--checklists": "checklists"}  # flag -> key in tui.config


def tui_options(args: list[str]) -> tuple[Settings, bool, bool] | None:
    """(settings, demo, mouse) when ``args`` are only global options given once each; else None."""
    given: dict[str, str | bool] = {}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if name in VALUED:
            if not eq:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
            field = VALUED[name]
            if not value or field in given:
                return None
            given[field] = value
        elif arg in FLAGS and FLAGS[arg] not in given:
            given[FLAGS[arg]] = True
        else:
            return None
    from .options import settings_for

    settings = settings_for({key: given.get(key) for key in VALUED.values()}, read_only=bool(given.get("read_only")))
    return settings, bool(given.get("demo")), not given.get("no_mouse")


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
    if {"remind", "status"} & set(sys.argv[1:]):
        from .quick import main as quick

        code = quick(sys.argv[1:])
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

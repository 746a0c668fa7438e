"""Starting the TUI safely: check the terminal first, then open the database.

Textual draws on stderr and reads stdin; without a terminal (`ssh host
duty-tui` without -t, a pipe, cron) it would print garbage or hang, so that
case prints the status summary and a hint instead. A non-UTF-8 terminal would
garble every Chinese character, so it is named and refused.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .options import EXIT_USAGE, fail, store_errors
from .resolve import library_for, store_for

if TYPE_CHECKING:
    import typer

    from checklists.loader import Library
    from store.interface import Store


def _encoding_problem() -> str | None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if encoding and encoding not in ("utf8", "utf8sig"):
            return stream.encoding
    return None


def _has_terminal() -> bool:
    return all(stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr))


def terminal_ready() -> bool:
    """A UTF-8 terminal on all three streams: the TUI can start without further questions."""
    return _has_terminal() and _encoding_problem() is None


def launch(ctx: typer.Context, *, demo: bool, mouse: bool) -> None:
    """The Typer path: refuse a garbling terminal, fall back to the status summary without one."""
    from .context import settings

    bad = _encoding_problem()
    if bad:
        fail(f"终端编码是 {bad}，中文会显示成乱码；请设置 LANG=zh_CN.UTF-8（或 export PYTHONUTF8=1）后重试",
             EXIT_USAGE)
    if not _has_terminal():
        if demo:  # the real database's summary would read as the demo's, or the demo's as real
            demo_summary(settings(ctx))
            print("duty-tui: 没有终端，已改为输出示例数据库的待办汇总（真实数据库未打开）；"
                  "要打开示例界面请用 ssh -t 主机 duty-tui --demo", file=sys.stderr)
            return
        status = ctx.command.get_command(ctx, "status")  # type: ignore[attr-defined]
        ctx.invoke(status)
        print("duty-tui: 没有终端，已改为输出待办汇总；要打开界面请用 ssh -t 主机 duty-tui", file=sys.stderr)
        return
    start(settings(ctx), demo=demo, mouse=mouse)


@contextmanager
def demo_database(library: Library) -> Iterator[Store]:
    """The sample database, in a temporary folder removed afterwards; the configured one is never opened."""
    from checklists.clock import today
    from store.account import os_account

    from .demo import build_demo

    with tempfile.TemporaryDirectory(prefix="duty-tui-demo-") as folder:
        with store_errors():
            store = build_demo(Path(folder) / "duty.json", library, os_account(), today())
        yield store


def demo_summary(options: Settings) -> None:
    """`duty-tui --demo` without a terminal: the status summary of the sample database."""
    from dataclasses import replace

    from .status import StatusArgs, run

    with demo_database(library_for(options)) as store:
        # Read-only: nothing is kept in a folder about to go, and no summary is refreshed on the way out.
        run(replace(options, db_path=store.location, read_only=True), StatusArgs())


def start(options: Settings, *, demo: bool, mouse: bool) -> None:
    """Open the checklists and the database, then run the app (the terminal is known to be fine)."""
    library = library_for(options)
    from .board import Board

    if demo:
        with demo_database(library) as store:
            _run(Board(store, library, org_name=options.org_name, soon_days=options.soon_days), mouse)
        return
    store = store_for(options)
    store.on_create = None  # stderr is the screen from here on; the board shows the database's location
    with store_errors():
        store.roster()  # a corrupt or foreign file stops here, with exit 4
    if not options.read_only and not store.writable():
        store.read_only = True
    _run(Board(store, library, org_name=options.org_name, soon_days=options.soon_days, settings=options), mouse)


def _run(board, mouse: bool) -> None:
    with store_errors():
        first = board.load()
    from .app.app import DutyApp

    DutyApp(board, first=first).run(mouse=mouse)

"""Global options and the one way every command reports a user's mistake.

Nothing here imports Typer: the TUI starts without it (see tui.entry), and
the Typer commands reach the same code through tui.context.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

from .config import ConfigError, Settings, resolve

if TYPE_CHECKING:
    from store.interface import Store

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


def settings_for(flags: Mapping[str, Any], *, read_only: bool = False) -> Settings:
    """The settings in effect, or one line per problem in the configuration and exit 2 (3 if unreadable)."""
    try:
        settings = resolve(flags, read_only=read_only)
    except ConfigError as exc:
        for problem in exc.problems[:-1]:
            say(problem)
        fail(exc.problems[-1], exc.exit_code)
    from checklists.clock import set_zone

    set_zone(settings.tz)  # every local time and day boundary from here on
    return settings


def library_for(options: Settings):
    """The checklist library in effect, or a clean exit naming every bad file."""
    from platformdirs import user_cache_path

    from checklists.errors import DefinitionError
    from checklists.loader import load_library

    chosen = options.checklists_dir
    # A folder someone named (flag, environment, config file) must exist; the default may not yet.
    required = options.named("checklists") if options.origins else chosen is not None
    try:
        return load_library(chosen, required=required, cache_dir=user_cache_path("duty-tui"))
    except DefinitionError as exc:
        for problem in exc.problems:
            say(problem)
        fail(f"清单文件有误（{len(exc.problems)} 处），请修正后重试；可用 duty-tui validate 检查")


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


# Every store a command opened, with its settings and signature at the time: see keep_summaries_current.
OPENED: list[tuple[Store, Settings, object]] = []


def store_for(options: Settings, *, must_exist: bool = False) -> Store:
    from store import open_store

    with store_errors():
        store = open_store(options.db_path, read_only=options.read_only, lock_timeout=options.lock_timeout)
        store.on_create = lambda path: say(f"新建数据库：{path}")
        store.targets = lambda: library_for(options).targets()  # for replaying the day's backup
        if must_exist and not store.exists():
            fail(f"数据库不存在：{store.location}；用 --db、DUTY_TUI_DB 或配置文件中的 db 指定，或先记录一项以创建")
        OPENED.append((store, options, store.signature()))
    return store


def keep_summaries_current() -> None:
    """After a command succeeded: where it wrote, bring the reminders kept for logins up to date.

    So the next login reads them instead of computing them (tui.quick). A
    failure here changes nothing the command did; the next reader computes.
    """
    for store, options, before in OPENED:
        for deferred in store.deferred:  # the change stands: said, but not an error (store/tinydb/sealing.py)
            from .errors import explain

            say(explain(deferred, "cli"))
        try:
            if store.read_only or store.signature() == before:
                continue
            from .reminders import refresh

            refresh(store, library_for(options), options)
        except Exception:
            continue

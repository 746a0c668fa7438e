"""`duty-tui remind`: the full command, reached from Typer or when tui.fast cannot answer alone.

It resolves the settings (tui.resolve), reads (or computes and keeps) the
reminders through tui.reminders, and prints them through tui.fast.banner,
exactly as tui.fast.answer prints a kept summary. ``--mail`` sends them (tui.mail).

``--login`` runs inside a login shell's profile, so it must never hold the
login up or spill over the screen: it never takes the database lock (reading
needs none, and the summary is replaced by rename), waits at most
LOGIN_LOCK_TIMEOUT should anything ever ask for the lock, says nothing when
the database is busy, and says at most one line about anything else that
goes wrong, never a traceback, and exits 0 whatever happens.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .fast.answer import account, lines, write
from .fast.argv import Options

if TYPE_CHECKING:
    from .config import Settings

LOGIN_LOCK_TIMEOUT = 0.5
EXIT_OK = 0


def check(options: Options) -> None:
    """Refuse options that cannot go together (exit 2), naming both."""
    from checklists.errors import Refusal

    given = [name for name, on in (("--login", options.login), ("--mail", options.mail),
                                   ("--all", options.everyone), ("--person", options.person is not None),
                                   ("--format json", options.fmt == "json")) if on]
    allowed = {"--login": (), "--mail": ("--person", "--all"), "--all": ("--mail", "--format json"),
               "--person": ("--mail", "--format json"), "--format json": ("--all", "--person")}
    for first in given:
        for second in given:
            if first < second and second not in allowed[first]:
                raise Refusal("remind-options", first=first, second=second)


def run_with_flags(flags: dict[str, Any], read_only: bool, options: Options) -> int:
    """From the global options as typed: resolve the settings (and remember them for the next login), then run."""
    if options.login:
        return login(flags, read_only, options)
    from .resolve import remember, settings_for

    settings = settings_for(flags, read_only=read_only)
    remember(flags, read_only, settings)
    return run(settings, options)


def run(settings: Settings, options: Options) -> int:
    """The whole command; errors are one line and the documented exit code (tui.options.store_errors)."""
    from .options import store_errors
    from .reminders import reminders_for
    from .resolve import library_for, store_for

    with store_errors():
        check(options)
    if options.mail:
        from .mail import send_reminders

        return send_reminders(settings, options)
    library = library_for(settings)
    store = store_for(settings)
    with store_errors():
        data = reminders_for(store, library, settings, options.person)
    show(data, options)
    return EXIT_OK


def show(data: dict[str, Any] | None, options: Options) -> None:
    from .fast.banner import as_json, chosen

    if options.fmt == "json":
        from checklists.clock import today

        from .reminders import SCHEMA
        from .render.plain import to_json

        if data is None:
            data = {"schema": SCHEMA, "as_of": today().isoformat(), "soon_days": 0, "people": []}
            entries: list[dict[str, Any]] = []
        else:
            entries = chosen(data, person=options.person, everyone=options.everyone,
                             me=data["accounts"].get(account()))
        sys.stdout.write(to_json(as_json(data, entries)) + "\n")
        return
    if data is None:
        return
    me = None if options.person is not None or options.everyone else data["accounts"].get(account())
    found = lines(data, options, me)
    if found:
        write("\n".join(found) + "\n")


def login(flags: dict[str, Any], read_only: bool, options: Options) -> int:
    """`remind --login`: the banner, or nothing; at most one line on error; always exit 0."""
    from .options import say

    try:
        check(options)
        from . import resolve
        from .reminders import reminders_for

        settings = resolve.settings(flags, read_only=read_only)
        resolve.remember(flags, read_only, settings)
        library = resolve.library(settings)
        store = resolve.store(settings, lock_timeout=LOGIN_LOCK_TIMEOUT)
        show(reminders_for(store, library, settings, options.person), options)
    except KeyboardInterrupt:
        pass
    except Exception as exc:
        try:
            line = login_failure(exc)
        except Exception:
            line = f"提醒未显示：{type(exc).__name__}"
        if line:
            say(line)
    return EXIT_OK


def login_failure(exc: Exception) -> str | None:
    """One line for what stopped the banner, or None for a database that is merely busy."""
    from checklists.errors import DefinitionError
    from store.errors import StoreBusy

    from .config import ConfigError
    from .errors import explain, os_failure

    if isinstance(exc, StoreBusy):
        return None
    if isinstance(exc, ConfigError):
        return f"{exc.problems[0]}（提醒未显示）"
    if isinstance(exc, DefinitionError):
        return f"清单文件有误（{len(exc.problems)} 处），提醒未显示；可用 duty-tui validate 检查"
    if isinstance(exc, OSError):
        return os_failure(exc)
    text = explain(exc, "cli") if str(exc) else type(exc).__name__  # refusals and store failures, worded
    return (text.splitlines() or [type(exc).__name__])[0]

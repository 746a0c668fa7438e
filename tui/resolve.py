"""Where the settings, the checklist library and the store come from: the one place every way in resolves them.

The Typer commands (through tui.context), the TUI's quick start (tui.entry,
tui.launch), the full `remind` and `status` (tui.remind, tui.status) and the
login banner all come here, so they cannot disagree about which database or
which checklists they open. Each comes in two forms: ``settings``,
``library`` and ``store`` raise (the login banner words any failure in one
line and still exits 0); ``settings_for``, ``library_for`` and
``store_for`` report a failure in one line and exit with its code.

``remember`` keeps what a set of options resolved to, for tui.fast, which
reads it back at the next login instead of resolving again: a cache of this
module's answer, never a second way to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .config import ConfigError, Settings, resolve
from .options import fail, say, store_errors

if TYPE_CHECKING:
    from checklists.loader import Library
    from store.interface import Store


def settings(flags: Mapping[str, Any], *, read_only: bool = False) -> Settings:
    """The settings in effect, with the clock set to their zone; ConfigError names every problem."""
    found = resolve(flags, read_only=read_only)
    from pathlib import Path

    from checklists.clock import set_zone
    from checklists.collation import use_cache

    from .fast.kept import cache_dir

    set_zone(found.tz)  # every local time and day boundary from here on
    use_cache(Path(cache_dir()))  # names sorted in an earlier run are sorted without importing pypinyin
    return found


def library(options: Settings) -> Library:
    """The checklist library in effect; DefinitionError names every bad file."""
    from platformdirs import user_cache_path

    from checklists.loader import load_library

    chosen = options.checklists_dir
    # A folder someone named (flag, environment, config file) must exist; the default may not yet.
    required = options.named("checklists") if options.origins else chosen is not None
    return load_library(chosen, required=required, cache_dir=user_cache_path("duty-tui"))


def store(options: Settings, *, lock_timeout: float | None = None) -> Store:
    """The database in effect, opened lazily; ``lock_timeout`` overrides the configured wait for the lock."""
    from store import open_store

    return open_store(options.db_path, read_only=options.read_only,
                      lock_timeout=options.lock_timeout if lock_timeout is None else lock_timeout)


def remember(flags: Mapping[str, Any], read_only: bool, options: Settings) -> None:
    """Keep what these options resolved to, for the next login's fast path (tui.fast.kept)."""
    from .fast.kept import remember_settings
    from .reminders import summary_settings

    remember_settings({k: None if v is None else str(v) for k, v in flags.items()}, read_only,
                      summary_settings(options), [str(path) for path in options.files.values()])


def settings_for(flags: Mapping[str, Any], *, read_only: bool = False) -> Settings:
    """The settings in effect, or one line per problem in the configuration and exit 2 (3 if unreadable)."""
    try:
        return settings(flags, read_only=read_only)
    except ConfigError as exc:
        for problem in exc.problems[:-1]:
            say(problem)
        fail(exc.problems[-1], exc.exit_code)


def library_for(options: Settings) -> Library:
    """The checklist library in effect, or a clean exit naming every bad file."""
    from checklists.errors import DefinitionError

    try:
        return library(options)
    except DefinitionError as exc:
        for problem in exc.problems:
            say(problem)
        fail(f"清单文件有误（{len(exc.problems)} 处），请修正后重试；可用 duty-tui validate 检查")


# Every store a command opened, with its settings and signature at the time: see keep_summaries_current.
OPENED: list[tuple[Store, Settings, object]] = []


def store_for(options: Settings, *, must_exist: bool = False) -> Store:
    with store_errors():
        found = store(options)
        found.on_create = lambda path: say(f"新建数据库：{path}")
        found.targets = lambda: library_for(options).targets()  # for replaying the day's backup
        if must_exist and not found.exists():
            fail(f"数据库不存在：{found.location}；用 --db、DUTY_TUI_DB 或配置文件中的 db 指定，或先记录一项以创建")
        OPENED.append((found, options, found.signature()))
    return found


def keep_summaries_current() -> None:
    """After a command succeeded: where it wrote, bring the reminders kept for logins up to date.

    So the next login reads them instead of computing them (tui.fast). A
    failure here changes nothing the command did; the next reader computes.
    """
    for opened, options, before in OPENED:
        for deferred in opened.deferred:  # the change stands: said, but not an error (store/tinydb/sealing.py)
            from .errors import explain

            say(explain(deferred, "cli"))
        try:
            if opened.read_only or opened.signature() == before:
                continue
            from .reminders import refresh

            refresh(opened, library_for(options), options)
        except Exception:
            continue

"""What the fast path trusts: the settings as last resolved, and the summary kept beside the database.

1. The settings this user's options, environment and config files resolved
   to last time (kept in the user's cache folder by tui.resolve, keyed by
   everything they were resolved from: options, working folder,
   environment, and the config files' signatures);
2. the summary kept beside the database (store.summary): everyone's
   reminders, and the text of `duty-tui status` for each kind of terminal
   it was recently asked on, computed by tui.reminders through the query
   layer and kept up to date by every write (tui.reminders.refresh, and the
   TUI's board).

A summary is used only if it was computed for the same settings, from the
same database files, checklist files and program files, on the same day
(by the clock of the configured zone) and in the same format. Anything else
(no summary yet, a write since, a new day, a changed file) reads as None,
and the full command computes the answer and keeps it for the next time.
"""

from __future__ import annotations

import contextlib
import json
import os
import time

SCHEMA = 1  # tui.reminders.SCHEMA; checked so an older summary is never read by newer code
ENV_TODAY = "DUTY_TUI_TODAY"  # checklists.clock.ENV_TODAY, without importing it
# What settings are resolved from besides options and files (tui.config, platformdirs, the zone).
ENVIRONMENT = ("DUTY_TUI_DB", "DUTY_TUI_CHECKLISTS", "DUTY_TUI_TIMEZONE", "DUTY_TUI_LOCK_TIMEOUT",
               "DUTY_TUI_SYSTEM_CONFIG", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "TZ")
KEEP_SETTINGS = 8  # entries in the settings cache: a user's few ways of calling, not every one ever


# -- the settings, as last resolved ---------------------------------------------------


def cache_dir() -> str:
    """The user cache folder, as platformdirs.user_cache_path("duty-tui") names it on Linux."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base.strip():
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "duty-tui")


def settings_key(flags: dict[str, str | None], read_only: bool) -> dict[str, object]:
    return {"flags": flags, "read_only": read_only, "cwd": os.getcwd(),
            "env": {name: os.environ.get(name) for name in ENVIRONMENT}}


def _cache_file() -> str:
    return os.path.join(cache_dir(), "settings.json")


def _cached() -> list[dict]:
    try:
        with open(_cache_file(), "rb") as handle:
            entries = json.loads(handle.read())
        return entries if isinstance(entries, list) else []
    except (OSError, ValueError):
        return []


def cached_settings(flags: dict[str, str | None], read_only: bool) -> dict | None:
    """What these options resolved to last time, if neither they nor the config files have changed since."""
    from .files import unchanged

    key = settings_key(flags, read_only)
    for entry in _cached():
        try:
            if entry["key"] == key and unchanged(entry["files"]):
                return entry["settings"]
        except (KeyError, TypeError, IndexError):
            return None
    return None


def remember_settings(flags: dict[str, str | None], read_only: bool, resolved: dict, config_files: list[str]) -> None:
    """Keep what the full command resolved (``resolved``: db, checklists, zone, soon_days), for the next login."""
    from .files import file_stats

    key = settings_key(flags, read_only)
    entry = {"key": key, "files": file_stats(config_files), "settings": resolved}
    entries = [entry] + [e for e in _cached() if isinstance(e, dict) and e.get("key") != key][:KEEP_SETTINGS - 1]
    folder = cache_dir()
    temp = os.path.join(folder, f".settings.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(entries, handle, ensure_ascii=False)
        os.replace(temp, _cache_file())
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temp)


# -- the kept reminders -------------------------------------------------------------------


def still_holds(data: dict, settings: dict) -> bool:
    """Whether reminders computed as ``data["made_with"]`` says still hold today, for these settings."""
    from .files import unchanged

    made = data.get("made_with")
    if data.get("schema") != SCHEMA or not isinstance(made, dict):
        return False
    try:
        if any(made[name] != settings[name] for name in ("checklists", "zone", "soon_days")):
            return False
        pinned = os.environ.get(ENV_TODAY, "")
        if made["pinned"] != pinned or not pinned and not made["start"] <= time.time() < made["end"]:
            return False
        return made["root"] == program_root() and unchanged(made["files"]) and unchanged(made["program"])
    except (KeyError, TypeError, IndexError):
        return False


def program_root() -> str:
    from .files import PROGRAM_ROOT

    return PROGRAM_ROOT


def kept_summary(flags: dict[str, str | None], read_only: bool) -> dict | None:
    """The summary kept with the database these options name, if it holds for them today; else None."""
    settings = cached_settings(flags, read_only)
    if settings is None:
        return None
    from store.summary import read_summary

    data = read_summary(settings["db"])
    return data if isinstance(data, dict) and still_holds(data, settings) else None

"""`duty-tui remind` and `duty-tui status` answered before the program is loaded, from the summary kept with the database.

A login waits for the banner, so the usual answer must cost little more than
starting Python. Loading the query layer, TinyDB, the checklist library and
the TOML config reader would cost several times that. Instead this module,
which imports only os, sys, json and time (pwd for the account), reads two
small files and prints:

1. the settings this user's options, environment and config files resolved
   to last time (kept in the user's cache folder, keyed by everything they
   were resolved from: options, working folder, environment, and the config
   files' signatures);
2. the summary kept beside the database (store.read_summary): everyone's
   reminders, and the text of `duty-tui status` for each kind of terminal
   it was recently asked on, computed by tui.reminders through the query
   layer and kept up to date by every write (tui.reminders.refresh, and the
   TUI's board).

A summary is used only if it was computed for the same settings, from the
same database files, checklist files and program files, on the same day
(by the clock of the configured zone) and in the same format; a status text
only for the same kind of terminal (tui.terminal). Anything else (no
summary yet, a write since, a new day, a changed file, any option this
parser does not know) goes to the full command, tui.remind or tui.status,
which computes the answer and keeps it for the next time. Both ways print
through the same functions (tui.render.banner, tui.status.table_text), so
they cannot word anything differently.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time

SCHEMA = 1  # tui.reminders.SCHEMA; checked so an older summary is never read by newer code
ENV_TODAY = "DUTY_TUI_TODAY"  # checklists.clock.ENV_TODAY, without importing it
GLOBAL_VALUED = {"--db": "db", "--checklists": "checklists"}
FORMATS = ("text", "json")
# What settings are resolved from besides options and files (tui.config, platformdirs, the zone).
ENVIRONMENT = ("DUTY_TUI_DB", "DUTY_TUI_CHECKLISTS", "DUTY_TUI_TIMEZONE", "DUTY_TUI_LOCK_TIMEOUT",
               "DUTY_TUI_SYSTEM_CONFIG", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "TZ")
KEEP_SETTINGS = 8  # entries in the settings cache: a user's few ways of calling, not every one ever


class Options:
    """What `duty-tui remind` was asked, however it was parsed (here or by Typer)."""

    __slots__ = ("login", "person", "everyone", "fmt", "mail")

    def __init__(self, login: bool = False, person: str | None = None, everyone: bool = False,
                 fmt: str = "text", mail: bool = False):
        self.login, self.person, self.everyone, self.fmt, self.mail = login, person, everyone, fmt, mail

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Options) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    def __repr__(self) -> str:
        return "Options(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__) + ")"


def global_options(args: list[str], command: str) -> tuple[dict[str, str | None], bool, list[str]] | None:
    """(--db and --checklists, --read-only, what follows ``command``) if only global options precede it."""
    flags: dict[str, str | None] = {"db": None, "checklists": None}
    read_only = False
    rest = list(args)
    while rest and rest[0] != command:
        name, eq, value = rest.pop(0).partition("=")
        if name in GLOBAL_VALUED and flags[GLOBAL_VALUED[name]] is None:
            if not eq:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
            if not value:
                return None
            flags[GLOBAL_VALUED[name]] = value
        elif name == "--read-only" and not eq and not read_only:
            read_only = True
        else:
            return None
    if not rest:
        return None
    return flags, read_only, rest[1:]


def parse(args: list[str]) -> tuple[dict[str, str | None], bool, Options] | None:
    """(global flags, read-only, remind options) for a plain `remind` command line; None for anything else.

    Anything unusual, a mistake or --help included, is left to Typer, which
    explains options and mistakes; tests check both read the same.
    """
    found = global_options(args, "remind")
    if found is None:
        return None
    flags, read_only, rest = found
    seen: dict[str, str | bool] = {}
    while rest:
        name, eq, value = rest.pop(0).partition("=")
        if name in ("--person", "--format", "-f") and ("format" if name == "-f" else name[2:]) not in seen:
            if not eq:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
            key = "format" if name == "-f" else name[2:]
            if not value or key == "format" and value not in FORMATS:
                return None
            seen[key] = value
        elif name in ("--login", "--all", "--mail") and not eq and name[2:] not in seen:
            seen[name[2:]] = True
        else:
            return None
    options = Options(login=bool(seen.get("login")), person=seen.get("person"),  # type: ignore[arg-type]
                      everyone=bool(seen.get("all")), fmt=str(seen.get("format", "text")), mail=bool(seen.get("mail")))
    return flags, read_only, options


def parse_status(args: list[str]) -> tuple[dict[str, str | None], bool] | None:
    """(global flags, read-only) for `duty-tui status` with no options of its own; None for anything else."""
    found = global_options(args, "status")
    if found is None or found[2]:
        return None
    return found[0], found[1]


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
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def account() -> str:
    from store.account import os_account

    return os_account()


def terminal_width() -> int | None:
    """Lines are cut to the terminal; to a pipe or a file they are written whole."""
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):
        return None


def write(text: str) -> None:
    """``text`` on stdout; a character the terminal's encoding lacks (a GBK terminal) shows as "?", never as
    a traceback in someone's login."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.flush()
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        sys.stdout.buffer.write(text.encode(encoding, "replace"))


def lines(data: dict, options: Options, me: str | None) -> list[str]:
    from .render.banner import chosen, text

    entries = chosen(data, person=options.person, everyone=options.everyone, me=me)
    return text(data, entries, own=options.person is None and not options.everyone, width=terminal_width())


def kept_summary(flags: dict[str, str | None], read_only: bool) -> dict | None:
    """The summary kept with the database these options name, if it holds for them today; else None."""
    settings = cached_settings(flags, read_only)
    if settings is None:
        return None
    from store import read_summary

    data = read_summary(settings["db"])
    return data if isinstance(data, dict) and still_holds(data, settings) else None


def from_summary(flags: dict[str, str | None], read_only: bool, options: Options) -> list[str] | None:
    """The lines `remind` prints, from the kept settings and summary; None whenever the full command must answer."""
    if options.mail or options.fmt != "text":
        return None
    data = kept_summary(flags, read_only)
    if data is None:
        return None
    if options.person is not None and options.person not in data.get("names", ()):
        return None  # the full command names the mistake
    me = None if options.person is not None or options.everyone else data["accounts"].get(account())
    return lines(data, options, me)


def status_from_summary(flags: dict[str, str | None], read_only: bool) -> str | None:
    """`duty-tui status`'s text as kept for this kind of terminal (tui.terminal); None to compute it."""
    data = kept_summary(flags, read_only)
    if data is None:
        return None
    from .terminal import context

    here = json.dumps(context(), sort_keys=True, ensure_ascii=False)  # tui.status.key
    for entry in data.get("status", ()):
        if json.dumps(entry["context"], sort_keys=True, ensure_ascii=False) == here:
            return entry["text"]
    return None


def main(args: list[str]) -> int | None:
    """Answer a plain `remind` or `status` command line and return the exit code; None leaves it to Typer."""
    if "remind" in args:
        return remind(args)
    plain = parse_status(args)
    if plain is None:
        return None
    try:
        text = status_from_summary(*plain)
    except Exception:
        text = None
    if text is not None:
        write(text)
        return 0
    from .status import run_with_flags

    return run_with_flags(*plain)


def remind(args: list[str]) -> int | None:
    parsed = parse(args)
    if parsed is None:
        return None
    flags, read_only, options = parsed
    try:
        found = from_summary(flags, read_only, options)
    except Exception:
        found = None
    if found is not None:
        if found:
            write("\n".join(found) + "\n")
        return 0
    from .remind import run_with_flags

    return run_with_flags(flags, read_only, options)

"""The option table shared with Typer, and the small parser for the command lines answered without it.

Typer and Click take ~75 ms to import, more than a login banner's whole
budget and a tenth of the TUI's first screen. So `duty-tui` alone (global
options only), a plain `remind`, a plain `status` and the usual shapes of
`tick`, `untick` and `na` are read here; any
other shape (another subcommand, --help, a typo, an option given twice)
returns None and goes to Typer, which stays the one place that explains
options and reports mistakes.

The spellings below are the one source of truth: tui/cli.py and
tui/commands/remind.py declare their Typer options from these tables, and
tui/commands/records.py do the same; tests/cli/test_entry.py checks both
read every accepted line alike.
Keys are the Typer parameters' names.
"""

from __future__ import annotations

# Global options, before any subcommand.
GLOBAL_VALUED: dict[str, tuple[str, ...]] = {"db": ("--db",), "checklists": ("--checklists",)}
GLOBAL_SWITCHES: dict[str, tuple[str, ...]] = {"read_only": ("--read-only",), "demo": ("--demo",), "no_mouse": ("--no-mouse",)}
# `duty-tui remind`'s own options.
REMIND_VALUED: dict[str, tuple[str, ...]] = {"person": ("--person",), "fmt": ("--format", "-f")}
REMIND_SWITCHES: dict[str, tuple[str, ...]] = {"login": ("--login",), "show_all": ("--all",), "mail": ("--mail",)}
FORMATS = ("text", "json")  # remind --format
# The record commands' options (tui/commands/records.py); each takes the checklist and the item as two words.
RECORD_OPTIONS: dict[str, tuple[str, ...]] = {
    "subject": ("--subject", "-s"), "period": ("--period", "-p"), "note": ("--note", "-n"),
    "evidence": ("--evidence", "-e"), "when": ("--date", "-d"), "reason": ("--reason",)}
RECORDS: dict[str, tuple[str, ...]] = {  # each command's options, and what it records
    "tick": ("subject", "period", "note", "evidence", "when"), "untick": ("subject", "period", "note"),
    "na": ("reason", "subject", "period", "when")}
REQUIRED = {"na": ("reason",)}


def _spellings(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {spelled: name for name, spellings in table.items() for spelled in spellings}


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


def read(args: list[str], valued: dict[str, tuple[str, ...]], switches: dict[str, tuple[str, ...]],
         *, stop: str | None = None) -> tuple[dict[str, str | bool], list[str]] | None:
    """({name: value or True}, the words after ``stop``) when ``args`` hold only these options, each once,
    up to ``stop`` (or to the end); None for any other word, a repeat, or a missing value."""
    valued_names, switch_names = _spellings(valued), _spellings(switches)
    given: dict[str, str | bool] = {}
    rest = list(args)
    while rest and rest[0] != stop:
        spelled, eq, value = rest.pop(0).partition("=")
        if spelled in valued_names and valued_names[spelled] not in given:
            if not eq:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
            if not value:
                return None
            given[valued_names[spelled]] = value
        elif spelled in switch_names and not eq and switch_names[spelled] not in given:
            given[switch_names[spelled]] = True
        else:
            return None
    if stop is not None:
        if not rest:
            return None
        rest.pop(0)
    return given, rest


def flags_of(given: dict[str, str | bool]) -> dict[str, str | None]:
    """--db and --checklists as tui.config.resolve takes them: None where not given."""
    return {name: given.get(name) for name in GLOBAL_VALUED}  # type: ignore[misc]


def tui_options(args: list[str]) -> tuple[dict[str, str | None], bool, bool, bool] | None:
    """(flags, read-only, demo, mouse) when ``args`` are only global options given once each; else None."""
    found = read(args, GLOBAL_VALUED, GLOBAL_SWITCHES)
    if found is None:
        return None
    given = found[0]
    return flags_of(given), bool(given.get("read_only")), bool(given.get("demo")), not given.get("no_mouse")


def global_options(args: list[str], command: str) -> tuple[dict[str, str | None], bool, list[str]] | None:
    """(--db and --checklists, --read-only, what follows ``command``) if only those options precede it."""
    found = read(args, GLOBAL_VALUED, {"read_only": GLOBAL_SWITCHES["read_only"]}, stop=command)
    if found is None:
        return None
    given, rest = found
    return flags_of(given), bool(given.get("read_only")), rest


def parse_remind(args: list[str]) -> tuple[dict[str, str | None], bool, Options] | None:
    """(global flags, read-only, remind options) for a plain `remind` command line; None for anything else.

    Anything unusual, a mistake or --help included, is left to Typer, which
    explains options and mistakes; tests check both read the same.
    """
    found = global_options(args, "remind")
    if found is None:
        return None
    flags, read_only, rest = found
    own = read(rest, REMIND_VALUED, REMIND_SWITCHES)
    if own is None:
        return None
    seen = own[0]
    fmt = str(seen.get("fmt", "text"))
    if fmt not in FORMATS:
        return None
    person = seen.get("person")
    options = Options(login=bool(seen.get("login")), person=None if person is None else str(person),
                      everyone=bool(seen.get("show_all")), fmt=fmt, mail=bool(seen.get("mail")))
    return flags, read_only, options


def parse_status(args: list[str]) -> tuple[dict[str, str | None], bool] | None:
    """(global flags, read-only) for `duty-tui status` with no options of its own; None for anything else."""
    found = global_options(args, "status")
    if found is None or found[2]:
        return None
    return found[0], found[1]


def parse_record(args: list[str]) -> tuple[dict[str, str | None], bool, str, list[str], dict[str, str]] | None:
    """(global flags, read-only, command, [checklist, item], its options) for a plain `tick`, `untick` or
    `na` line; None for anything else.

    Options may come before, between or after the two words, each once, with
    a non-empty value that does not look like an option; anything else (a
    mistake, --help, `-s张三`, `--`, a missing --reason) is left to Typer.
    """
    command = next((word for word in args if word in RECORDS), None)
    if command is None:
        return None
    found = global_options(args, command)
    if found is None:
        return None
    flags, read_only, rest = found
    spelled = _spellings({name: RECORD_OPTIONS[name] for name in RECORDS[command]})
    words: list[str] = []
    given: dict[str, str] = {}
    while rest:
        word = rest.pop(0)
        if not word.startswith("-"):
            words.append(word)
            continue
        # Click reads `--note=x` as x, but `-n=x` as "=x": only a long option's value may follow "=".
        option, eq, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if option not in spelled or spelled[option] in given:
            return None
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if not value:
            return None
        given[spelled[option]] = value
    if len(words) != 2 or any(name not in given for name in REQUIRED.get(command, ())):
        return None
    return flags, read_only, command, words, given

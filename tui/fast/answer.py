"""Printing a plain `remind` or `status` from the summary kept with the database, when it still holds.

Both these and the full commands (tui.remind, tui.status) print through
the same functions (write, lines, tui.fast.banner), so the two ways cannot
word anything differently. Each answer here returns False when the full
command must answer instead; tui.entry then runs it.
"""

from __future__ import annotations

import json
import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs a login ~3 ms
if TYPE_CHECKING:
    from .argv import Options


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
    from .banner import chosen, text

    entries = chosen(data, person=options.person, everyone=options.everyone, me=me)
    return text(data, entries, own=options.person is None and not options.everyone, width=terminal_width())


def from_summary(flags: dict[str, str | None], read_only: bool, options: Options) -> list[str] | None:
    """The lines `remind` prints, from the kept settings and summary; None whenever the full command must answer."""
    from .kept import kept_summary

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
    """`duty-tui status`'s text as kept for this kind of terminal (tui.fast.terminal); None to compute it."""
    from .kept import kept_summary

    data = kept_summary(flags, read_only)
    if data is None:
        return None
    from .terminal import context

    here = json.dumps(context(), sort_keys=True, ensure_ascii=False)  # tui.status_view.key
    for entry in data.get("status", ()):
        if json.dumps(entry["context"], sort_keys=True, ensure_ascii=False) == here:
            return entry["text"]
    return None


def remind(flags: dict[str, str | None], read_only: bool, options: Options) -> bool:
    """Print `remind`'s answer from the kept summary; False (nothing printed) when it must be computed."""
    try:
        found = from_summary(flags, read_only, options)
    except Exception:
        return False
    if found is None:
        return False
    if found:
        write("\n".join(found) + "\n")
    return True


def status(flags: dict[str, str | None], read_only: bool) -> bool:
    """Print plain `status` from the kept summary; False (nothing printed) when it must be computed."""
    try:
        text = status_from_summary(flags, read_only)
    except Exception:
        return False
    if text is None:
        return False
    write(text)
    return True

"""`duty-tui status`'s work, without Typer: tui/commands/status.py parses the options, tui.fast.argv the plain command.

What it shows (the options, the rows listed, the table as text) is
tui.status_view, which the summary kept for logins (tui.reminders) renders
too; this module reads the database and prints, and after a plain `status`
keeps its text with the database for the next run on the same kind of
terminal.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .options import refuse, store_errors
from .resolve import library_for, store_for
from .status_view import StatusArgs, first, limit_of, rolled, table_text

if TYPE_CHECKING:
    from .config import Settings

__all__ = ["StatusArgs", "run", "run_with_flags"]


def run_with_flags(flags: dict[str, Any], read_only: bool) -> int:
    """`duty-tui status` with no options, reached without Typer (tui.entry): settings remembered for next time."""
    from .resolve import remember, settings_for

    settings = settings_for(flags, read_only=read_only)
    remember(flags, read_only, settings)
    return run(settings, StatusArgs())


def run(settings: Settings, args: StatusArgs) -> int:
    """Print the answer; the exit code is 1 for --fail-on-overdue with something overdue, else 0."""
    from checklists.bounds import check_period_range, typed_day
    from checklists.clock import today
    from checklists.errors import Refusal
    from checklists.outstanding import replay
    from checklists.periods import parse_period
    from checklists.query import Filter, answer, check_filter, wanted_periods
    from store.account import os_account

    library = library_for(settings)
    chosen = [_named(library, name) for name in args.checklist] if args.checklist else list(library)
    if args.limit is not None and args.limit < 0:
        refuse("limit-negative", value=args.limit)
    store = store_for(settings)
    person = args.person
    with store_errors():
        signature = store.signature()  # before reading: see tui.reminders.keep
        day = typed_day(args.as_of, "--as-of", today()) if args.as_of is not None else today()
        if args.period:
            check_period_range(parse_period(args.period), today())
        roster = store.roster()
        if args.mine:
            person = roster.accounts.get(os_account())
            if not person:
                raise Refusal("account-unlinked", account=os_account())
        org = store.org(day)
        # A one-off checklist from before the org's start shows when it is asked for by name.
        wanted = Filter(args.period, person, args.branch, args.role, args.dept, args.overdue, args.show_all,
                        since=org.since, soon_days=settings.soon_days, past_once=bool(args.checklist))
        check_filter(wanted, roster)
        if args.as_of is not None:
            targets = library.targets()
            states = replay(store.events(), targets, day)
        else:
            states = store.states(wanted_periods(chosen, day, wanted))
        result = answer(chosen, roster, states, day, wanted)
    database = str(store.location)
    from .render import status_export as export

    # JSON, CSV and Markdown keep every sub-period's row as well, so a year's figures can be checked line by line.
    rows = first(result.shown, limit_of(args))
    if args.fmt == "json":
        sys.stdout.write(export.to_json(result.progress, rows, database, day, args.period, rolled(result, args))
                         + "\n")
    elif args.fmt == "csv":
        sys.stdout.buffer.write(export.to_csv(rows).encode("utf-8"))
    elif args.fmt == "markdown":
        sys.stdout.write(export.to_markdown(result.progress, rows, day, rolled(result, args)))
    else:
        from .fast.terminal import context
        from .render.console import console_size

        here = {"context": context(), "size": console_size()}
        text = table_text(result, database, day, args, wanted.since, here)
        from .fast.answer import write

        write(text)
        if args.plain:
            from .reminders import keep_plain_status

            keep_plain_status(store, library, settings, signature, day, roster, result, wanted, here, text)
    if args.fail_on_overdue and any(r.days_overdue > 0 for r in result.rows):
        return 1
    return 0


def _named(library: Any, name: str) -> Any:
    """The checklist a person named by id or Chinese title, or a one-line refusal saying where to look."""
    found = library.resolve(name)
    if found is None:
        refuse("checklist-unknown", name=name)
    return found



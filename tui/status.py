"""`duty-tui status`'s work, without Typer: tui/commands/status.py parses the options, tui.quick the plain command.

The table is rendered for the terminal tui.terminal describes, never by
Rich looking around on its own: `duty-tui status` with no options is then a
pure function of the database, the settings, the checklists, the day and
that terminal, and its text can be kept with the database (tui.reminders)
for the next run on the same kind of terminal, and brought up to date by
every write.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .options import library_for, refuse, store_errors, store_for

if TYPE_CHECKING:
    from checklists.outstanding import Row
    from checklists.query import Answer

    from .config import Settings

# A screen of SSH terminal, overdue first; the overview above still counts everything.
TABLE_LIMIT = 30


@dataclass(frozen=True)
class StatusArgs:
    """The options of `duty-tui status`, as typed."""

    period: str | None = None
    as_of: str | None = None
    checklist: list[str] = field(default_factory=list)
    person: str | None = None
    branch: str | None = None
    role: str | None = None
    dept: str | None = None
    mine: bool = False
    overdue: bool = False
    show_all: bool = False
    by: str = "checklist"
    limit: int | None = None
    fmt: str = "table"
    fail_on_overdue: bool = False

    @property
    def plain(self) -> bool:
        """`duty-tui status` with no options at all: the answer kept with the database."""
        return self == StatusArgs()


def run_with_flags(flags: dict[str, Any], read_only: bool) -> int:
    """`duty-tui status` with no options, reached without Typer (tui.quick): settings remembered for next time."""
    from .options import settings_for
    from .remind import remember

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
    rows = _all(result.shown, _limit(args))
    if args.fmt == "json":
        sys.stdout.write(export.to_json(result.progress, rows, database, day, args.period, _rolled(result, args))
                         + "\n")
    elif args.fmt == "csv":
        sys.stdout.buffer.write(export.to_csv(rows).encode("utf-8"))
    elif args.fmt == "markdown":
        sys.stdout.write(export.to_markdown(result.progress, rows, day, _rolled(result, args)))
    else:
        from .render.console import console_size
        from .terminal import context

        here = {"context": context(), "size": console_size()}
        text = table_text(result, database, day, args, wanted.since, here)
        from .quick import write

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


def _limit(args: StatusArgs) -> int:
    """How many rows to list (0: all): a screenful for the table, everything for scripts, unless asked."""
    if args.limit is not None:
        return args.limit
    return 0 if args.fmt != "table" else TABLE_LIMIT


def _rolled(result: Answer, args: StatusArgs) -> list[Any]:
    """A year's months, quarters and halves: one line per item and subject, counting every sub-period."""
    from checklists.query import rollups

    return [u for u in rollups(result.rows, args.period)[0]
            if (args.show_all or u.missing) and (not args.overdue or u.overdue)]


def _listed(result: Answer, args: StatusArgs) -> tuple[list[Row], int, list[Any]]:
    """(rows to list, how many are left out, the year's roll-ups) for the table ``args`` asks for."""
    from checklists.query import by_person, rollups

    rolled = _rolled(result, args)
    shown = rollups(result.shown, args.period)[1]
    shown = by_person(shown) if args.by == "person" else shown
    limit = _limit(args)
    hidden = max(0, len(shown) - limit) if limit else 0
    if hidden:
        shown = shown[:limit]
    return shown, hidden, rolled


def _all(rows: list, limit: int) -> list:
    return rows[:limit] if limit else rows


def table_text(result: Answer, database: str, day: Any, args: StatusArgs, since: Any,
               terminal: dict[str, Any]) -> str:
    """The table, with the count of rows left out, as ``terminal`` shows it: tui.terminal's context, and the
    size a console settled on there."""
    from .render.console import render_for
    from .render.status import render_table

    shown, hidden, rolled = _listed(result, args)
    parts: list[Any] = [render_table(result.progress, shown, database, day, args.period, args.by, rolled,
                                     since=since)]
    if hidden:
        parts.append(f"另有 {hidden} 项待办未列出：用 --limit 0 全部列出，或用 --checklist、--person、--branch 缩小范围。")
    return render_for(terminal["context"], terminal["size"], *parts)


def key(terminal: dict[str, Any]) -> str:
    """How a terminal's kept answer is found again: by tui.terminal's context alone (tui.quick computes the same)."""
    import json

    return json.dumps(terminal["context"], sort_keys=True, ensure_ascii=False)


def plain_texts(result: Answer, database: str, day: Any, since: Any,
                terminals: list[dict[str, Any]]) -> dict[str, str]:
    """`duty-tui status` with no options, as each of these terminals shows it (``result``: its answer)."""
    return {key(t): table_text(result, database, day, StatusArgs(), since, t) for t in terminals}

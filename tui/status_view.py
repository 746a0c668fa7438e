"""What `duty-tui status` shows, apart from running it: its options, the rows it lists, its table as text.

Shared by the command (tui.status) and by the summary kept for logins
(tui.reminders, which the TUI's board also keeps current): keeping the
plain `status` text for a kind of terminal must not need the command that
prints it. The table is rendered for the terminal tui.fast.terminal
describes, never by Rich looking around on its own, so `duty-tui status`
with no options is a pure function of the database, the settings, the
checklists, the day and that terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checklists.outstanding import Row
    from checklists.query import Answer

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


def limit_of(args: StatusArgs) -> int:
    """How many rows to list (0: all): a screenful for the table, everything for scripts, unless asked."""
    if args.limit is not None:
        return args.limit
    return 0 if args.fmt != "table" else TABLE_LIMIT


def rolled(result: Answer, args: StatusArgs) -> list[Any]:
    """A year's months, quarters and halves: one line per item and subject, counting every sub-period."""
    from checklists.query import rollups

    return [u for u in rollups(result.rows, args.period)[0]
            if (args.show_all or u.missing) and (not args.overdue or u.overdue)]


def listed(result: Answer, args: StatusArgs) -> tuple[list[Row], int, list[Any]]:
    """(rows to list, how many are left out, the year's roll-ups) for the table ``args`` asks for."""
    from checklists.query import grouped, rollups

    year = rolled(result, args)
    shown = rollups(result.shown, args.period)[1]
    shown = grouped(shown, args.by) if args.by != "checklist" else shown
    limit = limit_of(args)
    hidden = max(0, len(shown) - limit) if limit else 0
    if hidden:
        shown = shown[:limit]
    return shown, hidden, year


def first(rows: list, limit: int) -> list:
    return rows[:limit] if limit else rows


def table_text(result: Answer, database: str, day: Any, args: StatusArgs, since: Any,
               terminal: dict[str, Any]) -> str:
    """The table, with the count of rows left out, as ``terminal`` shows it: tui.fast.terminal's context, and the
    size a console settled on there."""
    from .render.console import render_for
    from .render.status import render_table

    shown, hidden, year = listed(result, args)
    parts: list[Any] = [render_table(result.progress, shown, database, day, args.period, args.by, year,
                                     since=since)]
    if hidden:
        parts.append(f"另有 {hidden} 项待办未列出：用 --limit 0 全部列出，或用 --checklist、--person、--branch 缩小范围。")
    return render_for(terminal["context"], terminal["size"], *parts)


def key(terminal: dict[str, Any]) -> str:
    """How a terminal's kept answer is found again: by tui.fast.terminal's context alone (tui.fast.answer computes the same)."""
    import json

    return json.dumps(terminal["context"], sort_keys=True, ensure_ascii=False)


def plain_texts(result: Answer, database: str, day: Any, since: Any,
                terminals: list[dict[str, Any]]) -> dict[str, str]:
    """`duty-tui status` with no options, as each of these terminals shows it (``result``: its answer)."""
    return {key(t): table_text(result, database, day, StatusArgs(), since, t) for t in terminals}

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
               terminal: dict[str, Any], parts: dict[str, str] | None = None) -> str:
    """The table, with the count of rows left out, as ``terminal`` shows it: tui.fast.terminal's context, and the
    size a console settled on there.

    ``parts``: the open items table as rendered before, by a digest of all it
    shows and of the terminal; reused when equal, and replaced by this one.
    A change rarely touches the screenful listed (the overdue come first, out
    of hundreds open), and that table is more than half of Rich's work.
    """
    import hashlib
    import json

    from .render.console import render_for
    from .render.status import head, open_item_cells, open_items_table

    shown, hidden, year = listed(result, args)
    context, size = terminal["context"], terminal["size"]
    cells = open_item_cells(shown, args.by, year)
    digest = hashlib.sha256(json.dumps([cells, args.by, bool(shown or year), context, size], sort_keys=True,
                                       ensure_ascii=False).encode("utf-8")).hexdigest()
    parts = {} if parts is None else parts
    items = parts.get(digest)
    if not isinstance(items, str):
        items = render_for(context, size, open_items_table(shown, args.by, year, cells))
    parts.clear()
    parts[digest] = items
    text = render_for(context, size, head(result.progress, database, day, args.period, since)) + items
    if hidden:
        text += render_for(context, size, f"另有 {hidden} 项待办未列出：用 --limit 0 全部列出，或用 --checklist、--person、"
                                          "--branch 缩小范围。")
    return text


def key(terminal: dict[str, Any]) -> str:
    """How a terminal's kept answer is found again: by tui.fast.terminal's context alone (tui.fast.answer computes the same)."""
    import json

    return json.dumps(terminal["context"], sort_keys=True, ensure_ascii=False)


def plain_texts(result: Answer, database: str, day: Any, since: Any, terminals: list[dict[str, Any]],
                parts: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """`duty-tui status` with no options, as each of these terminals shows it (``result``: its answer).

    A terminal's ``parts`` (table_text), where it has them, are reused; what
    this answer rendered goes into ``parts``, by key, for the next write.
    """
    texts = {}
    for t in terminals:
        old = t.get("parts")
        mine = {k: v for k, v in old.items() if isinstance(v, str)} if isinstance(old, dict) else {}
        texts[key(t)] = table_text(result, database, day, StatusArgs(), since, t, mine)
        if parts is not None:
            parts[key(t)] = mine
    return texts

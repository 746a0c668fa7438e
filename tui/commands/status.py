"""`duty-tui status`: what is outstanding, for whom, and by when."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from ..context import checklist_named, load_library_or_fail, open_store, refuse, settings, store_errors


# A screen of SSH terminal, overdue first; the overview above still counts everything.
TABLE_LIMIT = 30


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class By(str, Enum):
    checklist = "checklist"
    person = "person"


def status(
    ctx: typer.Context,
    period: str | None = typer.Option(None, "--period", "-p", help="周期，如 2024、2024-Q3（默认：各清单当前周期）"),
    as_of: str | None = typer.Option(None, "--as-of", help="按某日结束时的记录回放，如 2023-12-31"),
    checklist: list[str] = typer.Option([], "--checklist", "-c", help="只看这些清单（ID 或标题，可重复）"),
    person: str | None = typer.Option(None, "--person", help="只看这个人的事项"),
    branch: str | None = typer.Option(None, "--branch", help="只看这个支部（含其成员的事项）"),
    role: str | None = typer.Option(None, "--role", help="只看有这个角色的人的事项"),
    dept: str | None = typer.Option(None, "--dept", help="只看这个科室的事项（人员所在科室或台账的责任科室）"),
    mine: bool = typer.Option(False, "--mine", help="只看当前账户关联人员的事项"),
    overdue: bool = typer.Option(False, "--overdue", help="只列逾期事项"),
    show_all: bool = typer.Option(False, "--all", help="也列出已完成和不适用的事项"),
    by: By = typer.Option(By.checklist, "--by", help="按清单（checklist）或按人（person）分组"),
    limit: int | None = typer.Option(None, "--limit", help="表格最多列出多少项待办（默认 30；0 为不限）。JSON/CSV/Markdown 默认不限"),
    fmt: StatusFormat = typer.Option(StatusFormat.table, "--format", "-f", help="table、json、csv 或 markdown"),
    fail_on_overdue: bool = typer.Option(False, "--fail-on-overdue", help="有逾期事项时以退出码 1 结束（供定时任务）"),
) -> None:
    """待办与逾期情况：按清单、人员、支部、周期汇总。 Outstanding and overdue items."""
    from checklists.clock import parse_date, today
    from checklists.errors import Refusal
    from checklists.outstanding import replay
    from checklists.query import Filter, answer, by_person, check_filter, rollups, wanted_periods
    from store.account import os_account

    library = load_library_or_fail(ctx)
    chosen = [checklist_named(ctx, name) for name in checklist] if checklist else list(library)
    if limit is not None and limit < 0:
        refuse("limit-negative", value=limit)
    store = open_store(ctx)
    with store_errors():
        day = parse_date(as_of, "--as-of") if as_of else today()
        roster = store.roster()
        if mine:
            person = roster.accounts.get(os_account())
            if not person:
                raise Refusal("account-unlinked", account=os_account())
        org = store.org(day)
        # A one-off checklist from before the org's start shows when it is asked for by name.
        wanted = Filter(period, person, branch, role, dept, overdue, show_all, since=org.since,
                        soon_days=settings(ctx).soon_days, past_once=bool(checklist))
        check_filter(wanted, roster)
        if as_of:
            targets = library.targets()
            states = replay(store.events(), targets, day)
        else:
            states = store.states(wanted_periods(chosen, day, wanted))
        result = answer(chosen, roster, states, day, wanted)
    # A year's months, quarters and halves: one line per item and subject, counting every sub-period.
    rolled = [u for u in rollups(result.rows, period)[0]
              if (show_all or u.missing) and (not overdue or u.overdue)]
    shown = rollups(result.shown, period)[1]
    shown = by_person(shown) if by is By.person else shown
    if limit is None:
        limit = 0 if fmt is not StatusFormat.table else TABLE_LIMIT
    hidden = max(0, len(shown) - limit) if limit else 0
    if hidden:
        shown = shown[:limit]
    database = str(store.location)
    from ..render import status_export as export

    if fmt is StatusFormat.json:
        # Machine formats keep every sub-period's row as well, so a year's figures can be checked line by line.
        sys.stdout.write(export.to_json(result.progress, _all(result.shown, limit), database, day, period, rolled)
                         + "\n")
    elif fmt is StatusFormat.csv:
        sys.stdout.buffer.write(export.to_csv(_all(result.shown, limit)).encode("utf-8"))
    elif fmt is StatusFormat.markdown:
        sys.stdout.write(export.to_markdown(result.progress, shown, day, rolled))
    else:
        from ..render.console import make_console
        from ..render.status import render_table

        console = make_console()
        console.print(render_table(result.progress, shown, database, day, period, by.value, rolled,
                                   since=wanted.since))
        if hidden:
            console.print(f"另有 {hidden} 项待办未列出：用 --limit 0 全部列出，或用 --checklist、--person、--branch 缩小范围。",
                          markup=False)
    if fail_on_overdue and any(r.days_overdue > 0 for r in result.rows):
        raise typer.Exit(1)


def _all(rows: list, limit: int) -> list:
    return rows[:limit] if limit else rows

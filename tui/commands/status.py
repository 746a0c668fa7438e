"""`duty-tui status`: what is outstanding, for whom, and by when."""

from __future__ import annotations

import sys
from enum import Enum

import typer

from ..context import fail, load_library_or_fail, open_store, store_errors


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
    from checklists.model import ROLES
    from checklists.outstanding import compute, item_period, replay, sort_outstanding
    from store.account import os_account
    from store.changes import all_events, shard_name, states_in
    from store.roster import roster_from_head

    library = load_library_or_fail(ctx)
    chosen = list(library)
    if checklist:
        chosen = []
        for name in checklist:
            found = library.resolve(name)
            if found is None:
                fail(f'没有清单 "{name}"；用 duty-tui checklists 查看可用的 ID 和标题')
            chosen.append(found)
    store = open_store(ctx)
    with store_errors():
        day = parse_date(as_of, "--as-of") if as_of else today()
        if period:
            from checklists.periods import parse_period

            parse_period(period)
        roster = roster_from_head(store.read_head())
        if as_of:
            targets = {f"{c.id}/{i.id}": i.target for c in library for i in c.items}
            states = replay(all_events(store), targets, day)
        else:
            needed = {shard_name(c.id, item_period(i, day, period).key) for c in chosen for i in c.items}
            states = states_in(store, needed)
        rows = compute(chosen, roster.active(), roster.branches, states, day, period)
    if mine:
        linked = roster.accounts.get(os_account())
        if not linked:
            fail(f"账户 {os_account()} 尚未关联人员；用 duty-tui whoami --link 姓名 关联")
        person = linked
    if person is not None:
        if roster.person(person) is None:
            fail(f'名册中没有 "{person}"；用 duty-tui people list 查看')
        rows = [r for r in rows if r.checklist.scope == "person" and r.subject == person or r.owner == person]
    if branch is not None:
        if branch not in roster.branches:
            fail(f'没有支部 "{branch}"；已有支部：{"、".join(roster.branches) or "（无）"}')
        rows = [r for r in rows if r.branch == branch]
    if role is not None:
        if role not in ROLES:
            fail(f'角色 "{role}" 无效；可用的角色：{"、".join(ROLES)}')
        holders = {p.name for p in roster.active() if role in p.roles}
        rows = [r for r in rows if r.checklist.scope == "person" and r.subject in holders]
    if dept is not None:
        if dept not in {p.dept for p in roster.people if p.dept} | {r.dept for r in rows if r.dept}:
            fail(f'没有科室 "{dept}"；名册中的科室：{"、".join(sorted({p.dept for p in roster.active() if p.dept})) or "（无）"}')
        rows = [r for r in rows if r.dept == dept]
    shown = [r for r in rows if show_all or r.open]
    if overdue:
        shown = [r for r in shown if r.days_overdue > 0]
    shown = sort_outstanding(shown)
    if by is By.person:
        shown.sort(key=lambda r: (r.owner or r.subject, -r.days_overdue))
    if limit is None:
        limit = 0 if fmt is not StatusFormat.table else TABLE_LIMIT
    if limit < 0:
        fail(f"--limit 应为 0 或正整数；得到 {limit}")
    hidden = max(0, len(shown) - limit) if limit else 0
    if hidden:
        shown = shown[:limit]
    database = str(store.path)
    from ..render import status_export as export

    if fmt is StatusFormat.json:
        sys.stdout.write(export.to_json(rows, shown, database, day, period) + "\n")
    elif fmt is StatusFormat.csv:
        sys.stdout.buffer.write(export.to_csv(shown).encode("utf-8"))
    elif fmt is StatusFormat.markdown:
        sys.stdout.write(export.to_markdown(rows, shown, day))
    else:
        from ..render.console import make_console
        from ..render.status import render_table

        console = make_console()
        console.print(render_table(rows, shown, database, day, period, by.value))
        if hidden:
            console.print(f"另有 {hidden} 项待办未列出：用 --limit 0 全部列出，或用 --checklist、--person、--branch 缩小范围。",
                          markup=False)
    if fail_on_overdue and any(r.days_overdue > 0 for r in rows):
        raise typer.Exit(1)


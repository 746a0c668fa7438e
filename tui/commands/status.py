"""`duty-tui status`: what is outstanding, for whom, and by when. The options; the work is in tui.status."""

from __future__ import annotations

from enum import Enum

import typer

from ..context import settings


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class By(str, Enum):
    checklist = "checklist"
    person = "person"
    branch = "branch"
    dept = "dept"


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
    by: By = typer.Option(By.checklist, "--by", help="按清单（checklist）、人（person）、支部（branch）或科室（dept）分组"),
    limit: int | None = typer.Option(None, "--limit", help="表格最多列出多少项待办（默认 30；0 为不限）。JSON/CSV/Markdown 默认不限"),
    fmt: StatusFormat = typer.Option(StatusFormat.table, "--format", "-f", help="table、json、csv 或 markdown"),
    fail_on_overdue: bool = typer.Option(False, "--fail-on-overdue", help="有逾期事项时以退出码 1 结束（供定时任务）"),
) -> None:
    """待办与逾期情况：按清单、人员、支部、周期汇总。 Outstanding and overdue items."""
    from ..status import StatusArgs, run

    code = run(settings(ctx), StatusArgs(period, as_of, list(checklist), person, branch, role, dept, mine, overdue,
                                         show_all, by.value, limit, fmt.value, fail_on_overdue))
    if code:
        raise typer.Exit(code)

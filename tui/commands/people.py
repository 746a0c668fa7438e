"""Roster commands (`people ...`) and linking the OS account to a person (`whoami`)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..context import echo, open_store, store_errors
from ..usage import DutyTyper
from .formats import Format

people_app = DutyTyper(help="名册：人员、角色、科室、支部。 The roster.", no_args_is_help=True)


@people_app.command("list")
def list_people(
    ctx: typer.Context,
    show_all: bool = typer.Option(False, "--all", help="包括已移除的人员"),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table 或 json"),
) -> None:
    """列出名册。 List people."""
    with store_errors():
        roster = open_store(ctx).roster()
    people = roster.people if show_all else roster.active()
    if fmt is Format.json:
        from ..render.plain import to_json

        typer.echo(to_json([p.to_doc() for p in people]))
        return
    from ..render.console import make_console
    from ..render.people import people_table

    make_console().print(people_table(people, roster.branches, _term_ends(ctx, roster)))


@people_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="姓名"),
    role: list[str] = typer.Option(..., "--role", "-r", help="角色，可重复：--role 班子成员 --role 党员"),
    dept: str = typer.Option("", "--dept", help="科室"),
    branch: str = typer.Option("", "--branch", "-b", help="所在支部（不存在时自动建立）"),
    email: str = typer.Option("", "--email", help="邮箱（可选；duty-tui remind --mail 向它发送提醒）"),
) -> None:
    """添加一名人员。 Add a person."""
    from .. import usecases
    from .session import session

    with store_errors():
        (person,) = usecases.add_people(session(ctx), usecases.AddPeople(
            (usecases.PersonValues(name, tuple(role), dept, branch, email),)))
    echo(f"已添加：{person.name}（{'、'.join(person.roles)}）")


@people_app.command("remove")
def remove(ctx: typer.Context, name: str = typer.Argument(..., help="姓名")) -> None:
    """移除一名人员（保留其历史记录）。 Remove a person, keeping history."""
    from .. import usecases
    from .session import session

    with store_errors():
        usecases.remove_person(session(ctx), usecases.RemovePerson(name))
    echo(f"已移除：{name}（历史记录保留）")


@people_app.command("branch")
def branch(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="支部名称（须是名册中已有的支部；支部随 people add --branch 建立）"),
    elected: str = typer.Option(..., "--elected", help="本届支部委员会选举产生的日期，如 2023-05-10"),
    term: int | None = typer.Option(None, "--term", min=1, max=10, help="任期年数（默认按清单：3 年；村、社区 5 年）"),
) -> None:
    """登记支部本届委员会的选举日期（据此计算届满和换届时限）。 Record when a branch was elected."""
    from checklists.bounds import typed_day
    from checklists.clock import today

    from .. import usecases
    from .session import session

    with store_errors():
        day = typed_day(elected, "--elected", today()).isoformat()
        usecases.set_branch_term(session(ctx), usecases.SetBranchTerm(name.strip(), day, term))
    echo(f"已登记：{name.strip()} 本届委员会 {elected.strip()} 选举产生")


@people_app.command("import")
def import_people(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="CSV（UTF-8 或 GBK）或 XLSX（第一张工作表）：表头 姓名,角色,科室,支部[,邮箱]"),
) -> None:
    """从 CSV/XLSX 导入名册；有错误行时一个也不导入。 Import people."""
    from store.roster_import import read_people

    from .. import usecases
    from .session import session

    with store_errors():
        people = read_people(path)
        usecases.add_people(session(ctx), usecases.AddPeople.of(people))
    echo(f"已导入 {len(people)} 人：{path}")


def whoami(
    ctx: typer.Context,
    link: str | None = typer.Option(None, "--link", help="把当前系统账户关联到名册中的这个人"),
) -> None:
    """显示当前系统账户及其关联的人员。 Show (or link) your account."""
    from checklists.errors import Refusal
    from store.errors import StoreError

    from .. import usecases
    from ..context import settings
    from .session import session

    run = session(ctx)
    account, store = run.account, run.store
    # Run to find out why a database is not the expected one, or cannot be read: what is known without
    # reading it comes first, and the one line saying why it cannot be read last, with its exit code.
    unreadable: StoreError | OSError | None = None
    person = None
    try:
        if link:
            usecases.link_account(run, usecases.LinkAccount(link))
        person = store.roster().accounts.get(account)
    except (StoreError, OSError) as exc:
        unreadable = exc
    except Refusal:  # a name not in the roster: what was typed must change, and nothing else is news
        with store_errors():
            raise
    echo(f"系统账户：{account}")
    if unreadable is not None:
        echo("关联人员：（数据库无法读取，见下）")
    else:
        echo(f"关联人员：{person}" if person else "关联人员：（未关联；用 duty-tui whoami --link 姓名 关联）")
    echo(f"数据库：{store.location}")
    echo(f"数据库位置来自：{settings(ctx).origins['db'].describe()}")
    if unreadable is not None:
        with store_errors():
            raise unreadable


def _term_ends(ctx: typer.Context, roster) -> dict[str, str]:
    """Each branch's 届满 date, by the term checklists in effect (the first one's term when several)."""
    from checklists.terms import term_instance

    from ..context import load_library_or_fail

    checklist = next((c for c in load_library_or_fail(ctx) if c.term_years), None)
    if checklist is None:
        return {}
    return {name: term_instance(checklist, name, term).ends.isoformat() for name, term in roster.terms.items()}

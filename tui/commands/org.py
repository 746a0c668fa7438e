"""`duty-tui org`: the org's display name and the day its obligations start."""

from __future__ import annotations

import typer

from ..context import echo, open_store, settings, store_errors
from ..usage import DutyTyper
from .formats import Format

org_app = DutyTyper(help="本单位：名称与起始日期。 The org's name and start date.", no_args_is_help=True)


@org_app.command("set")
def set_org(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name", help="单位名称，如 某某局党组"),
    since: str | None = typer.Option(None, "--since", help="起始日期：此前到期的事项不算本单位的待办，如 2023-01-01"),
) -> None:
    """设置单位名称和起始日期。 Set the org's name and start date."""
    from checklists.bounds import typed_since
    from checklists.clock import today

    if name is None and since is None:
        from ..context import refuse

        refuse("org-nothing-to-set")
    from .. import usecases
    from .session import session

    with store_errors():
        day = typed_since(since, "--since", today()).isoformat() if since is not None else None
        usecases.set_org(session(ctx), usecases.SetOrg(name, day))
    _print(ctx, Format.table)


@org_app.command("show")
def show_org(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table 或 json"),
) -> None:
    """显示单位名称、起始日期和数据库。 Show the org's settings."""
    _print(ctx, fmt)


def _print(ctx: typer.Context, fmt: Format) -> None:
    from checklists.clock import today

    store = open_store(ctx)
    with store_errors():
        org = store.org(today())
    name = org.name or settings(ctx).org_name or ""
    if fmt is Format.json:
        from ..render.plain import to_json

        typer.echo(to_json({"name": name, "since": org.since.isoformat() if org.since else None,
                            "database": str(store.location)}))
        return
    echo(f"单位名称：{name or '（未设置；用 duty-tui org set --name 设置）'}")
    echo(f"起始日期：{org.since.isoformat() if org.since else '（未设置）'}（此前到期的事项不计入待办和逾期）")
    echo(f"数据库：{store.location}")

"""`duty-tui remind`: what is overdue or soon due, for the login banner, for staff and for mail."""

from __future__ import annotations

from enum import Enum

import typer

from ..context import settings
from ..fast.argv import REMIND_SWITCHES, REMIND_VALUED


class RemindFormat(str, Enum):
    text = "text"
    json = "json"


def remind(
    ctx: typer.Context,
    login: bool = typer.Option(False, *REMIND_SWITCHES["login"], help="登录提示：从不等待，出错最多一行，无事可提醒时不输出（供 /etc/profile.d）"),
    person: str | None = typer.Option(None, *REMIND_VALUED["person"], help="这个人的提醒（一行）"),
    show_all: bool = typer.Option(False, *REMIND_SWITCHES["show_all"], help="每人一行：谁有哪些逾期或即将到期的事项"),
    fmt: RemindFormat = typer.Option(RemindFormat.text, *REMIND_VALUED["fmt"], help="text 或 json（供脚本和短信、消息网关）"),
    mail: bool = typer.Option(False, *REMIND_SWITCHES["mail"], help="给每个有逾期或即将到期事项、名册中有邮箱的人发一封提醒邮件（供定时任务）"),
) -> None:
    """逾期和即将到期的事项：登录提示、催办、邮件。 Overdue and soon-due reminders."""
    from ..fast.argv import Options
    from ..remind import login as login_banner
    from ..remind import run

    options = Options(login=login, person=person, everyone=show_all, fmt=fmt.value, mail=mail)
    if login:
        from ..context import FLAGS

        flags, read_only = ctx.meta.get(FLAGS, ({}, False))
        code = login_banner(flags, read_only, options)
    else:
        code = run(settings(ctx), options)
    if code:
        raise typer.Exit(code)

"""The `duty-tui` command line (Typer).

Importing this module must not import Textual: the non-interactive commands
are used from cron and scripts and must start fast. The TUI is imported only
inside the code path that starts it (tui.launch).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

from .commands import config, export, ledger, library, org, people, records, remind, status
from .context import FLAGS
from .fast.argv import GLOBAL_SWITCHES, GLOBAL_VALUED
from .options import store_errors
from .resolve import keep_summaries_current
from .usage import DutyTyper

HELP = """duty-tui：全面从严治党主体责任清单与台账。

Checklists, ticks and overdue items for Party-discipline duties, in a terminal.
"""

app = DutyTyper(
    help=HELP,
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version  # 45 ms: only for --version

        try:
            typer.echo(f"duty-tui {version('duty-tui')}")
        except PackageNotFoundError:
            typer.echo("duty-tui (not installed)")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    # Spelled from tui.fast.argv's table, which tui.entry reads the same options by without Typer.
    # The environment and the config files are read by tui.config, not by Typer, so that
    # tui.entry's quick start reads them the same way and `duty-tui config` can say which won.
    checklists: Path | None = typer.Option(
        None, *GLOBAL_VALUED["checklists"],
        help="自定义清单目录（或环境变量 DUTY_TUI_CHECKLISTS、配置文件中的 checklists；默认：用户配置目录下的 checklists）",
        show_default=False,
    ),
    db: Path | None = typer.Option(
        None, *GLOBAL_VALUED["db"], help="数据库文件（或环境变量 DUTY_TUI_DB、配置文件中的 db；默认：用户数据目录）",
        show_default=False, readable=False,  # the store says why it cannot read it, in one line with exit 3
    ),
    read_only: bool = typer.Option(False, *GLOBAL_SWITCHES["read_only"], help="只读：可查看，不能修改"),
    demo: bool = typer.Option(False, *GLOBAL_SWITCHES["demo"], help="用临时的示例数据库打开界面（不影响真实数据）"),
    no_mouse: bool = typer.Option(False, *GLOBAL_SWITCHES["no_mouse"], help="不使用鼠标"),
    show_version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="显示版本并退出",
    ),
) -> None:
    """duty-tui：全面从严治党主体责任清单与台账。"""
    # Resolved on first use (tui.context.settings): `status --help` or `validate` still work while a
    # config file is broken, and every command that needs a setting reports the file.
    ctx.meta[FLAGS] = ({"db": db, "checklists": checklists}, read_only)
    if ctx.invoked_subcommand is None:
        from .launch import launch

        launch(ctx, demo=demo, mouse=not no_mouse)


# Every command is a module-level function registered here, in the order --help lists them.
COMMANDS: list[tuple[str, Callable[..., None]]] = [("checklists", library.list_checklists), ("show", library.show),
                      ("validate", library.validate), ("tick", records.tick), ("untick", records.untick),
                      ("na", records.na), ("undo", records.undo), ("log", records.log),
                      ("verify", records.verify), ("status", status.status), ("remind", remind.remind),
                      ("whoami", people.whoami), ("config", config.show), ("export", export.export),
                      ("report", export.report)]
for name, command in COMMANDS:
    app.command(name)(command)
app.add_typer(people.people_app, name="people")
app.add_typer(ledger.ledger_app, name="ledger")
app.add_typer(org.org_app, name="org")


def main() -> None:
    """Console-script entry point; turns stray store, domain and OS errors into one line."""
    with store_errors():
        try:
            app()
        except SystemExit as done:
            if not done.code:
                keep_summaries_current()
            raise

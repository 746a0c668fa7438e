"""Commands about checklist definitions: list, show one, validate user files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..context import checklist_named, echo, fail, load_library_or_fail
from .formats import Format

if TYPE_CHECKING:
    from rich.console import RenderableType

    from checklists.model import Checklist


def _print_json(data: object) -> None:
    from ..render.plain import to_json

    typer.echo(to_json(data))


def _holidays_of(checklist: Checklist) -> RenderableType | None:
    """This year's holiday deadlines of a checklist, or None if it has no holiday rule."""
    from checklists.clock import today
    from checklists.due import holiday_dues
    from checklists.periods import period_for

    from ..render.library import holiday_schedule

    period = period_for("year", today())
    entries = holiday_dues(checklist, period)
    return holiday_schedule(period.label(), entries) if entries else None


def list_checklists(
    ctx: typer.Context,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """列出清单库（内置与自定义）。 List checklists."""
    from checklists.export import checklist_to_dict

    library = list(load_library_or_fail(ctx))
    if fmt is Format.json:
        _print_json([checklist_to_dict(c) for c in library])
        return
    from ..render.console import make_console
    from ..render.library import library_table

    make_console().print(library_table(library))


def show(
    ctx: typer.Context,
    checklist: str = typer.Argument(..., help="清单 ID 或中文标题"),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """显示一个清单的事项、时限、佐证材料和依据。 Show one checklist."""
    from checklists.export import checklist_to_dict

    found = checklist_named(ctx, checklist)
    if fmt is Format.json:
        _print_json(checklist_to_dict(found, full=True))
        return
    from ..render.console import make_console
    from ..render.library import checklist_view

    make_console().print(checklist_view(found, _holidays_of(found)))


def validate(
    paths: list[Path] = typer.Argument(..., help="清单文件或目录（*.toml）"),
) -> None:
    """检查自定义清单文件；有误时逐条列出并以 2 退出。 Validate checklist files."""
    from checklists.holiday_file import FILE_NAME
    from checklists.loader import validate_paths

    checklists, problems = validate_paths(paths)
    for problem in problems:
        echo(str(problem))
    if problems:
        fail(f"发现 {len(problems)} 处问题，未通过检查")
    holidays = sum(p.name == FILE_NAME or (p / FILE_NAME).is_file() for p in paths)
    typer.echo(f"全部有效：{len(checklists)} 个清单" + (f"，{holidays} 个放假安排文件（{FILE_NAME}）" if holidays else ""))

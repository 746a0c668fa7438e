"""Global options and the one way every command reports a user's mistake."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import typer

# Exit codes shared by all commands; documented in README.
EXIT_USAGE = 2
EXIT_BUSY = 3
EXIT_CORRUPT = 4


@dataclass
class Settings:
    """Options given before the subcommand (``duty-tui --db X status``)."""

    checklists_dir: Path | None = None
    db_path: Path | None = None


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one line on stderr and exit: no traceback for a user's mistake."""
    print(f"duty-tui: {message}", file=sys.stderr)
    raise typer.Exit(code)


def load_library_or_fail(ctx: typer.Context):
    """The checklist library in effect, or a clean exit naming every bad file."""
    from checklists.errors import DefinitionError
    from checklists.loader import load_library

    chosen = settings(ctx).checklists_dir
    try:
        return load_library(chosen, required=chosen is not None)
    except DefinitionError as exc:
        for problem in exc.problems:
            print(f"duty-tui: {problem}", file=sys.stderr)
        fail(f"清单文件有误（{len(exc.problems)} 处），请修正后重试；可用 duty-tui validate 检查")

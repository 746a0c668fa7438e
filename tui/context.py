"""The Typer side of the global options: where a command finds them in its context."""

from __future__ import annotations

import typer

from .config import Settings
from .options import EXIT_BUSY, EXIT_CORRUPT, EXIT_USAGE, fail, refuse, say, store_errors
from .resolve import library_for, settings_for, store_for

__all__ = ["EXIT_BUSY", "EXIT_CORRUPT", "EXIT_USAGE", "Settings", "checklist_named", "echo", "fail",
           "load_library_or_fail", "open_store", "refuse", "say", "settings", "store_errors"]


def echo(message: str) -> None:
    """One line on stdout; it quotes typed and stored text, so controls are written out."""
    from checklists.text import visible

    typer.echo(visible(message, multiline=False))


FLAGS = "duty-tui.flags"  # ctx.meta key: the global options as typed, set by tui.cli.main_options


def settings(ctx: typer.Context) -> Settings:
    """The settings in effect, resolved from the global options, environment and config files once per run."""
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        flags, read_only = ctx.meta.get(FLAGS, ({}, False))
        root.obj = settings_for(flags, read_only=read_only)
    return root.obj


def load_library_or_fail(ctx: typer.Context):
    return library_for(settings(ctx))


def open_store(ctx: typer.Context, *, must_exist: bool = False):
    return store_for(settings(ctx), must_exist=must_exist)


def checklist_named(ctx: typer.Context, name: str):
    """The checklist a person named by id or Chinese title, or a one-line refusal saying where to look."""
    found = load_library_or_fail(ctx).resolve(name)
    if found is None:
        refuse("checklist-unknown", name=name)
    return found

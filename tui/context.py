"""The Typer side of the global options: where a command finds them in its context."""

from __future__ import annotations

import typer

from .options import EXIT_BUSY, EXIT_CORRUPT, EXIT_USAGE, Settings, fail, library_for, store_errors, store_for

__all__ = ["EXIT_BUSY", "EXIT_CORRUPT", "EXIT_USAGE", "Settings", "fail", "load_library_or_fail", "open_store",
           "settings", "store_errors"]


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def load_library_or_fail(ctx: typer.Context):
    return library_for(settings(ctx))


def open_store(ctx: typer.Context, *, must_exist: bool = False):
    return store_for(settings(ctx), must_exist=must_exist)

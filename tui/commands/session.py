"""The use-case session a command runs in: its database, its library, and the OS account running it."""

from __future__ import annotations

import typer

from ..context import load_library_or_fail, open_store
from ..usecases import Session, os_identity


def session(ctx: typer.Context, *, must_exist: bool = False) -> Session:
    return Session(open_store(ctx, must_exist=must_exist), load_library_or_fail(ctx), os_identity())

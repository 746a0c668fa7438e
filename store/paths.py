"""Where the database's files live, derived from the one path users name."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DB = "DUTY_TUI_DB"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("duty-tui") / "duty.json"


def resolve_db_path(explicit: Path | None = None) -> Path:
    """Flag, then ``DUTY_TUI_DB``, then the user data folder."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_DB)
    return Path(env) if env else default_db_path()


@dataclass(frozen=True)
class DbPaths:
    """The head file and its companions, all beside it in the same folder.

    Keeping everything in one folder makes renames atomic (same filesystem)
    and lets an administrator share the folder with one Unix group.
    """

    head: Path

    @property
    def folder(self) -> Path:
        return self.head.parent

    @property
    def lock(self) -> Path:
        return self.head.with_name(self.head.name + ".lock")

    @property
    def shards(self) -> Path:
        return self.head.with_name(self.head.name + ".d")

    @property
    def backups(self) -> Path:
        return self.head.with_name(self.head.name + ".backups")

    def shard(self, name: str) -> Path:
        return self.shards / f"{name}.json"

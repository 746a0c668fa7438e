"""Where the database's files live, derived from the one path users name."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import StorePathError

ENV_DB = "DUTY_TUI_DB"


def default_db_path() -> Path:
    from ..defaults import default_location

    return default_location()


def resolve_db_path(explicit: Path | None = None) -> Path:
    """Flag, then ``DUTY_TUI_DB``, then the user data folder."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_DB)
    return Path(env) if env else default_db_path()


def real_head(path: Path) -> Path:
    """The file a (possibly symlinked) database path really names.

    Writes replace the head by rename, which would replace a symlink with a
    regular file and fork the data; and the lock, shards and backups must sit
    beside the real file, so that two accounts whose links differ share one
    lock. Every companion is therefore derived from the resolved path.
    """
    return Path(os.path.realpath(path.expanduser()))


def check_head(head: Path) -> None:
    """Refuse a path that can never hold a database file: a folder, or one below a file (exit 2)."""
    try:
        if stat.S_ISDIR(head.stat().st_mode):
            raise StorePathError("db-is-dir", path=str(head), example=str(head / "duty.json"))
        return
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError:
        return  # e.g. no permission: reading or writing will name it, as an OS failure
    for folder in head.parents:
        try:
            mode = folder.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return
        if not stat.S_ISDIR(mode):
            raise StorePathError("db-below-file", path=str(head), folder=str(folder))
        return


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

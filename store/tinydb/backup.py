"""Daily backups of the database, and finding the newest sound one.

A backup is a copy, never a hard link: a link shares the live file's inode,
so anything that changes the file in place (``truncate``, an editor saving in
place, a disk error) damages the backup with it, exactly when it is needed.
Each copy is read back and compared with what was read from the live file,
then replayed as ``verify`` does; a backup whose replay finds problems is
kept (it is a faithful copy of what there was) with the problems listed in
PROBLEMS_FILE, and is not the one error messages recommend.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..errors import StoreUnwritable, os_reason
from .atomic import file_mode, make_private_dir
from .paths import DbPaths

KEEP = 14
PROBLEMS_FILE = "PROBLEMS.txt"

# Count items' goals ("checklist/item" -> times), which the replay needs; None: the built-in library's.
# Replays a copy as verify does and names what it finds wrong (store.tinydb.backend gives it: verify is
# above the database module that takes backups). None: the copy is only read back byte for byte.
Replay = Callable[[Path], list[str]] | None


def _backed_up_files(paths: DbPaths) -> list[Path]:
    files = [paths.head] if paths.head.exists() else []
    if paths.shards.is_dir():
        files += sorted(paths.shards.glob("*.json"))
    return files


def _copy(source: Path, dest: Path) -> None:
    """An independent copy, fsynced, and read back to be sure it holds what the source held."""
    data = source.read_bytes()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode(source))
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if dest.read_bytes() != data:
        raise OSError(errno.EIO, "copy differs from its source", str(dest))


def take_backup(paths: DbPaths, label: str, replay: Replay = None) -> Path | None:
    files = _backed_up_files(paths)
    if not files:
        return None
    target = paths.backups / label
    if target.exists():
        return target
    staging = paths.backups / f".{label}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    # The copy's shards sit where the copy's head looks for them: it replays, and restores, as a database of its own.
    make_private_dir(staging / paths.shards.name)
    for file in files:
        _copy(file, staging / (file.name if file == paths.head else f"{paths.shards.name}/{file.name}"))
    problems = replay(staging / paths.head.name) if replay is not None else []
    if problems:
        (staging / PROBLEMS_FILE).write_text("\n".join(problems) + "\n", encoding="utf-8")
    staging.rename(target)
    return target


def daily_backup(paths: DbPaths, replay: Replay = None) -> None:
    """At most one backup a day, taken before that day's first change."""
    try:
        take_backup(paths, date.today().isoformat(), replay)
        for old in _kept(paths)[:-KEEP]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        where = exc.filename or paths.backups
        raise StoreUnwritable("backup-failed", path=str(where), reason=os_reason(exc)) from exc


def _kept(paths: DbPaths) -> list[Path]:
    try:
        return sorted(p for p in paths.backups.iterdir() if not p.name.startswith("."))
    except FileNotFoundError:
        return []


def _holds_records(paths: DbPaths, backup: Path) -> bool:
    """Whether restoring ``backup`` would bring anything back: a shard, or a head with events or people.

    On the day a database is made, its backup is taken before the day's
    first change that found files; it can hold next to nothing, and pointing
    a user at it as the way back would be misleading.
    """
    if any((backup / paths.shards.name).glob("*.json")):
        return True
    try:
        head = json.loads((backup / paths.head.name).read_bytes())
        meta = head.get("_meta", {}).get("1", {})
        return bool(meta.get("events") or head.get("people"))
    except (OSError, ValueError, AttributeError):
        return False


def newest_backup(paths: DbPaths) -> Path | None:
    """The newest backup whose replay found nothing and that holds records; only a hint, so never an error."""
    try:
        for backup in reversed(_kept(paths)):
            if not (backup / PROBLEMS_FILE).exists() and _holds_records(paths, backup):
                return backup
    except OSError:
        return None
    return None

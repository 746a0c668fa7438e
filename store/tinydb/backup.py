"""Daily backups of the database, and finding the newest one.

Writes replace files by rename and never modify them in place, so a hard
link is a true copy of the file as it was: a backup costs almost nothing.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from .atomic import make_private_dir
from ..errors import StoreUnwritable, os_reason
from .paths import DbPaths

KEEP = 14


def _backed_up_files(paths: DbPaths) -> list[Path]:
    files = [paths.head] if paths.head.exists() else []
    if paths.shards.is_dir():
        files += sorted(paths.shards.glob("*.json"))
    return files


def take_backup(paths: DbPaths, label: str) -> Path | None:
    files = _backed_up_files(paths)
    if not files:
        return None
    target = paths.backups / label
    if target.exists():
        return target
    staging = paths.backups / f".{label}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    make_private_dir(staging / "shards")
    for file in files:
        dest = staging / (file.name if file == paths.head else f"shards/{file.name}")
        try:
            os.link(file, dest)
        except OSError:
            shutil.copy2(file, dest)
    staging.rename(target)
    return target


def daily_backup(paths: DbPaths) -> None:
    """At most one backup a day, taken before that day's first change."""
    try:
        take_backup(paths, date.today().isoformat())
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


def newest_backup(paths: DbPaths) -> Path | None:
    """Only a hint inside another error's message, so failing to look is not an error of its own."""
    try:
        kept = _kept(paths)
    except OSError:
        return None
    return kept[-1] if kept else None

"""Files written for people (workbooks, reports) are the database's group's, never the world's.

The database folder is kept 2770 so that only the group reads the records;
a workbook of those records written with the usual umask 022 into a 0755
home would be 0644, readable by every account on the server. So what we
write for people takes its permissions from the database folder, not from
the umask: 0640, or 0660 where the folder is group-writable (the group
shares the work), and the folder's group where this account may give it.
Only ``os``: nothing here needs the store.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

EXPORTS = "duty-tui-exports"  # the TUI's folder for its files, beside where it was started


def _folder_stat(database: Path) -> os.stat_result | None:
    try:
        return os.stat(database.parent)
    except OSError:
        return None


def _shared(database: Path) -> bool:
    found = _folder_stat(database)
    return found is not None and bool(found.st_mode & stat.S_IWGRP)


def file_mode(database: Path) -> int:
    """0660 where the database folder is group-writable, else 0640; never a bit for the world."""
    return 0o660 if _shared(database) else 0o640


def folder_mode(database: Path) -> int:
    return 0o770 if _shared(database) else 0o750


def _give_to_group(path: Path, database: Path) -> None:
    """The database folder's group, when this account belongs to it (else the account's own group stays)."""
    found = _folder_stat(database)
    if found is None or found.st_gid == os.stat(path).st_gid:
        return
    if found.st_gid in os.getgroups() or os.getegid() == found.st_gid or os.geteuid() == 0:
        with contextlib.suppress(OSError):  # a file system without groups (some network mounts)
            os.chown(path, -1, found.st_gid)


def share_file(path: Path, database: Path) -> None:
    """Give a file just written (still under its temporary name) the group and mode of the records it holds."""
    _give_to_group(path, database)
    os.chmod(path, file_mode(database))


def private_folder(base: Path, database: Path) -> Path:
    """``base``/duty-tui-exports, readable by this account and the database's group only.

    A folder of ours that an older version (or a wide umask) left open is
    closed again; one of another account's is used as it is, since its
    files are 0640 all the same.
    """
    folder = base / EXPORTS
    folder.mkdir(mode=folder_mode(database), exist_ok=True)
    if folder.stat().st_uid == os.geteuid():
        _give_to_group(folder, database)
        os.chmod(folder, folder_mode(database))
    return folder

"""Crash-safe file replacement and strict reading of our JSON files.

A write goes to a temp file in the same folder, is fsynced, renamed over the
old file and the folder is fsynced: a process killed at any moment leaves
either the old file or the new one, never a torn one, and readers need no lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import orjson

from ..errors import StoreCorrupt, StoreUnreadable, StoreUnwritable, os_reason

TEMP_SUFFIX = ".tmp"


def _shared(folder: Path) -> bool:
    """A setgid folder is the README's group-shared setup: files must be group-writable."""
    try:
        return bool(folder.stat().st_mode & stat.S_ISGID)
    except OSError:
        return False


def new_file_mode(folder: Path) -> int:
    """The owner always; the group when the folder is shared; the world never."""
    if _shared(folder):
        return 0o660
    mask = os.umask(0)
    os.umask(mask)
    return 0o660 & ~mask & ~0o007


def file_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode) & ~0o007
    except OSError:  # absent, or not even stat-able: creating it will tell
        return new_file_mode(path.parent)


def make_private_dir(path: Path) -> None:
    """Create a folder (and parents) without world permissions."""
    try:
        missing = []
        while not path.exists():
            missing.append(path)
            path = path.parent
        for folder in reversed(missing):
            folder.mkdir(mode=0o770, exist_ok=True)  # umask applies; world bits never set
            mode = stat.S_IMODE(folder.stat().st_mode) & ~0o007
            os.chmod(folder, mode | (0o2070 if _shared(folder.parent) else 0))
    except PermissionError as exc:
        raise StoreUnwritable("mkdir-failed", path=str(path), reason="permission") from exc
    except OSError as exc:
        raise StoreUnwritable("mkdir-failed", path=str(path), reason=os_reason(exc)) from exc


def unwritable(path: Path, exc: OSError) -> StoreUnwritable:
    if exc.errno == errno.ENOSPC:
        return StoreUnwritable("disk-full", path=str(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreUnwritable("folder-unwritable", path=str(path.parent))
    return StoreUnwritable("write-failed", path=str(path), reason=os_reason(exc))


def unreadable(path: Path, exc: OSError) -> StoreUnreadable:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreUnreadable("no-read-permission", path=str(path))
    return StoreUnreadable("read-failed", path=str(path), reason=os_reason(exc))


def refuse_read_only(path: Path) -> None:
    """A file this account may not write is refused, though the rename would succeed.

    Replacing a file by rename needs write permission on the folder only, so
    without this check a file its owner made read-only would be silently
    replaced by a writable copy belonging to someone else.
    """
    effective = os.access in os.supports_effective_ids
    try:
        if os.access(path, os.W_OK, effective_ids=effective) or not os.path.lexists(path):
            return
    except OSError:
        return  # the write itself will name the failure
    raise StoreUnwritable("file-read-only", path=str(path))


def atomic_write(path: Path, data: bytes) -> None:
    refuse_read_only(path)
    mode = file_mode(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise unwritable(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise unwritable(path, exc) from exc
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise StoreUnwritable("dir-sync-failed", path=str(path), folder=str(path.parent), reason=os_reason(exc)) from exc


def remove_stale_temps(folder: Path) -> None:
    """Temp files left by a killed writer; only called while holding the lock."""
    for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def read_tables(path: Path, *, strict: bool = False) -> dict[str, Any] | None:
    """Parse a TinyDB file; None if it does not exist, or (unless ``strict``) is empty.

    TinyDB's own storage takes an empty file for an empty database, and so
    does ours when used as its drop-in. A duty-tui file is read ``strict``:
    every write replaces it whole, with its marker, so an empty or blank one
    was truncated or emptied by something else, and taking it for a new
    database would orphan the shards and lose the roster (db.py refuses ``{}``
    for the same reason). Anything that is not a JSON object of tables of documents raises
    StoreCorrupt naming the file and the defect, so the caller can refuse to
    overwrite it.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if not raw.strip():
        if strict:
            raise StoreCorrupt("corrupt-empty", path=str(path))
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if b"\x00" in raw:
            raise StoreCorrupt("corrupt-nul", path=str(path)) from None
        raise StoreCorrupt("corrupt-json", path=str(path), detail=exc.msg, position=exc.pos + 1) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreCorrupt("foreign-tables", path=str(path))
    return data


def dumps(data: Any) -> bytes:
    return orjson.dumps(data)

"""Crash-safe file replacement and strict reading of our JSON files.

A write goes to a temp file in the same folder, is fsynced, renamed over the
old file and the folder is fsynced: a process killed at any moment leaves
either the old file or the new one, never a torn one, and readers need no lock.
"""

from __future__ import annotations

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
        raise StoreUnwritable(f"无法创建目录 {path}：没有写权限") from exc
    except OSError as exc:
        raise StoreUnwritable(f"无法创建目录 {path}：{os_reason(exc)}") from exc


def unwritable(path: Path, exc: OSError) -> StoreUnwritable:
    if exc.errno == errno.ENOSPC:
        return StoreUnwritable(f"磁盘已满，未能写入 {path}；原文件未改动，请清理磁盘后重试")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreUnwritable(f"没有写权限：{path.parent}（只读文件或目录）；原文件未改动")
    return StoreUnwritable(f"写入 {path} 失败：{os_reason(exc)}；原文件未改动")


def unreadable(path: Path, exc: OSError) -> StoreUnreadable:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreUnreadable(f"没有读取权限：{path}；请确认本账户在数据库目录所属的用户组中")
    return StoreUnreadable(f"无法读取 {path}：{os_reason(exc)}")


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
    raise StoreUnwritable(f"没有写权限：{path}（文件只读）；文件未改动")


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
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise unwritable(path, exc) from exc
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise StoreUnwritable(f"已写入 {path}，但未能同步目录 {path.parent}：{os_reason(exc)}") from exc


def remove_stale_temps(folder: Path) -> None:
    """Temp files left by a killed writer; only called while holding the lock."""
    for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
        try:
            leftover.unlink()
        except OSError:
            pass


def read_tables(path: Path) -> dict[str, Any] | None:
    """Parse a TinyDB file; None if it does not exist or is empty.

    Anything that is not a JSON object of tables raises StoreCorrupt naming
    the file and the defect, so the caller can refuse to overwrite it.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if not raw.strip():
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        reason = "含有 NUL 字节" if b"\x00" in raw else f"不是完整的 JSON（{exc.msg}，第 {exc.pos} 字节）"
        raise StoreCorrupt(f"数据库文件已损坏：{path}：{reason}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreCorrupt(f"不是 duty-tui 数据库：{path}：内容不是 TinyDB 表")
    return data


def dumps(data: Any) -> bytes:
    return orjson.dumps(data)

"""Store failures, each mapped to the exit code a user or a script acts on."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager


class StoreError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = 2


class StoreUsageError(StoreError):
    """The user asked for something that does not exist or is not allowed.

    ``code`` names the rule that refused (see checklists.ledger_rules), so the
    command line and the screens can each add a hint in their own words.
    """

    exit_code = 2

    def __init__(self, message: str = "", code: str = ""):
        super().__init__(message)
        self.code = code


class StoreBusy(StoreError):
    """Locked by another process for longer than the timeout, or not writable."""

    exit_code = 3


class StoreUnwritable(StoreBusy):
    """Read-only file or folder, disk full, or --read-only."""


class StoreUnreadable(StoreBusy):
    """A file or folder of the database this account may not read (or the system cannot)."""


class StoreCorrupt(StoreError):
    """A file that is not valid duty-tui data; it is never overwritten."""

    exit_code = 4


@contextmanager
def rule_refusals(what: str = "") -> Iterator[None]:
    """A domain rule's refusal is a usage error that keeps the rule's code; ``what`` names what was refused."""
    from checklists.errors import RuleError

    try:
        yield
    except RuleError as exc:
        raise StoreUsageError(f"{what}{exc}", code=exc.code) from None


# What the operating system said, in the interface's language; strerror is
# English (or whatever the server's locale gives) and names no remedy.
OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "只读文件系统",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EISDIR: "是目录而不是文件",
    errno.ENOTDIR: "路径中有一级不是目录",
    errno.ENOENT: "不存在",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "路径太长",
    errno.EIO: "输入输出错误（磁盘或网络文件系统故障）",
}


def os_reason(exc: OSError) -> str:
    return OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def os_failure(exc: OSError) -> str:
    """One line naming the file(s) an OSError is about and why, for any OS failure the store did not foresee."""
    names = "、".join(str(n) for n in (exc.filename, exc.filename2) if n is not None)
    return f"无法访问 {names}：{os_reason(exc)}" if names else f"操作系统错误：{os_reason(exc)}"

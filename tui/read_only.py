"""Why the TUI cannot write, in one line a person can act on.

An edit key pressed read-only says this instead of doing nothing. The cause
decides what to do: reopen without --read-only, or ask for write access
(the database folder's group) — a command that needs that access is never
what to do, as it would fail the same way.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.interface import Store


def chosen(store: Store) -> bool:
    """Opened with --read-only by choice: the account could write."""
    return store.read_only and store.writable()


def why_read_only(store: Store, account: str) -> str:
    if chosen(store):
        return "只读打开（--read-only）：不能修改；要修改请不带 --read-only 重新打开 duty-tui"
    folder = store.location.parent
    group = _group_of(folder)
    if group is not None and not _in_group(folder):
        return (f"只读：账户 {account} 不在数据库目录 {folder} 的组 {group} 中，不能修改；"
                f"请管理员把 {account} 加入组 {group}，重新登录后再打开")
    return f"只读：账户 {account} 对数据库目录 {folder} 没有写权限，不能修改；请管理员开通写权限"


def _group_of(folder) -> str | None:
    try:
        import grp

        return grp.getgrgid(os.stat(folder).st_gid).gr_name
    except (OSError, KeyError, ImportError):
        return None


def _in_group(folder) -> bool:
    try:
        gid = os.stat(folder).st_gid
    except OSError:
        return False
    return gid == os.getegid() or gid in os.getgroups()

"""Reading back the summary kept beside a database, without opening it: the fast path's way into the store.

A module of its own, not a function of store/__init__: the login path
(tui.fast) imports this and store.account alone, so what it can reach stays
this small whatever store/__init__ grows to open (tests/test_architecture.py).
"""

from __future__ import annotations

from .tinydb import summary

# Not typing.TYPE_CHECKING: importing typing and pathlib here would put them on the login path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def read_summary(path: Path | str) -> object | None:
    """The summary kept beside the database at ``path`` (see Store.save_summary) while still current.

    Cheap on purpose: no backend is opened and nothing but os and json is
    loaded, so a login can afford it (tui.fast).
    """
    return summary.read(summary.head_path(str(path)))

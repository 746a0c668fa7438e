"""Where a database lives and how long a change waits, when nobody says otherwise.

Apart from store/__init__ so the backend can read them without importing
the package that opens it (store.open_store imports store.tinydb): the
backend depends on these, never on the package's entry points.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing and pathlib here would put them on the login path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_LOCK_TIMEOUT = 10.0  # seconds a change waits for another one to finish


def default_location() -> Path:
    """Where a database lives when nobody names one: the user's data folder."""
    from platformdirs import user_data_path

    return user_data_path("duty-tui") / "duty.json"

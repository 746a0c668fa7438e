"""The one place the kept summary (what logins and `status` read first) is refreshed after a write.

Today it is recomputed from the rows a screen has just loaded, in a thread of
its own so the screen shows the change without waiting; a summary updated by
each write's delta would be swapped in here.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from datetime import date
from typing import TYPE_CHECKING

from checklists.outstanding import Row
from checklists.query import Filter
from checklists.roster import Roster

from .session import Session

if TYPE_CHECKING:
    from ..config import Settings


def refresh_summary_after_write(session: Session, settings: Settings, signature: Hashable, day: date,
                                roster: Roster, rows: list[Row], view: Filter) -> None:
    from ..reminders import keep_quietly

    threading.Thread(target=keep_quietly, daemon=True, name="keep-summary",
                     args=(session.store, session.library, settings, signature, day, roster, rows, view)).start()

"""One entry's history, opened from any screen that lists entries (a checklist's grid, a ledger's rows).

Apart from both screens so each can show it without importing the other.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from checklists.model import subject_label as subject_words
from checklists.outstanding import Row
from checklists.roster import Roster
from checklists.text import visible

from ..recorded import who
from .base import DataScreen


def show_history(screen: DataScreen, row: Row, entry: Callable[[Roster], Text] | None = None) -> None:
    """Load one entry's events in a thread, then show them, and what is recorded now, in a dialog."""
    from ..dialogs.history import HistoryDialog

    def load() -> None:
        try:
            events = screen.board.history(row)
            roster = screen.board.store.roster()
        except Exception as exc:
            screen.app.call_from_thread(screen.report, exc)
            return
        title = visible(f"{row.checklist.title} · {row.title} · {subject_words(row.subject)} · {row.period.label()}",
                        multiline=False)
        screen.app.call_from_thread(screen.app.push_screen, HistoryDialog(
            title, events, lambda account: who(roster, account), entry(roster) if entry else None, row.item.kind))

    screen.run_worker(load, thread=True, exit_on_error=False, group="history")

"""What the TUI shows and does, without Textual: loads rows, records changes.

Screens call these methods from worker threads (they touch files), so nothing
here may touch a widget. Keeping it free of Textual also lets tests drive the
same code the app uses.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklists.clock import today
from checklists.errors import Refusal
from checklists.loader import Library
from checklists.model import Checklist, Item, subject_label
from checklists.outstanding import Row
from checklists.periods import Period, parse_period, period_for
from checklists.records import Event, State
from checklists.roster import Roster
from store.interface import Store

from . import usecases
from .errors import period_label, titled
from .usecases.view import ScreenData, key_of_row, load_view

if TYPE_CHECKING:
    from .config import Settings

__all__ = ["Board", "ScreenData", "key_of_row", "shift_period_key"]


class Board:
    def __init__(self, store: Store, library: Library, *, account: str | None = None, org_name: str | None = None,
                 soon_days: int = 14, settings: Settings | None = None):
        self.store = store
        self.library = library
        self.identity = usecases.Identity(account) if account else usecases.os_identity()
        self.session = usecases.Session(store, library, self.identity)
        self.account = self.identity.account
        self.org_name = org_name  # from the config files: shown when the database names no org
        self.soon_days = soon_days
        self.settings = settings  # given, the board keeps the summary for logins and status current (tui.reminders)
        self._loads = 0

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def signature(self) -> Hashable:
        """Changes when anyone writes (see Store.signature)."""
        return self.store.signature()

    def load(self, period_key: str | None = None) -> ScreenData:
        self._loads += 1
        # Not on the first load, which the first screen waits for; later ones follow a change.
        return load_view(self.session, period_key, soon_days=self.soon_days, settings=self.settings,
                         after_write=self._loads > 1)

    def state(self, row: Row) -> State:
        """One entry as stored now (the walk shows it again after each change)."""
        return self.store.states({(row.checklist.id, row.period.key)}).get(key_of_row(row)) or {}

    # -- changes -----------------------------------------------------------------

    def change(self, row: Row, action: str, **values: str) -> Event:
        if action == "toggle":
            action = "count" if row.item.kind == "count" else ("undone" if row.state == "done" else "done")
        return usecases.record(self.session, usecases.RecordChange(
            row.checklist.id, row.item.id, action, subject=row.subject, period=row.period.key,
            note=values.get("note", ""), reason=values.get("reason", ""), evidence=values.get("evidence", ""),
            date=values.get("date", "")))

    def count_on(self, row: Row, day: date) -> Event:
        """One occurrence held on ``day``: it counts for the period that holds that day, not the one on screen."""
        return usecases.record(self.session, usecases.RecordChange(
            row.checklist.id, row.item.id, "count", subject=row.subject, date=day.isoformat()))

    def last_change(self) -> Event | None:
        return self.store.last_change(self.account)

    def undo(self, *, expect: str | None = None) -> Event:
        try:
            return usecases.undo(self.session, usecases.UndoLast(expect))
        except Refusal as refused:
            raise titled(refused, self.library) from None

    def describe(self, event: Event | State) -> str:
        """An entry in words: checklist, item, subject, period, and for an event what was done."""
        from .render.words import action_label

        checklist = self.library.get(event["checklist"])
        item = checklist.item(event["item"]) if checklist else None
        parts = [checklist.title if checklist else event["checklist"], item.title if item else event["item"]]
        subject = event["subject"]
        if subject.startswith("#"):
            parts.append(f"第 {subject[1:]} 行")
        elif not (checklist and checklist.scope == "org"):
            parts.append(subject_label(subject))
        parts.append(period_label(event["period"]))
        action = event.get("action")
        if action:
            parts.append(action_label(str(action), item.kind if item else ""))
        return " · ".join(parts)

    def history(self, row: Row) -> list[Event]:
        return self.store.entry_events(key_of_row(row))

    def person_name(self, account: str) -> str:
        """Who an account is, as people know them: the linked person's name, with the account."""
        name = self.store.roster().accounts.get(account)
        return f"{name}（{account}）" if name and name != account else account

    # -- setting up a new database ----------------------------------------------------

    def set_org(self, name: str, since: date) -> None:
        usecases.set_org(self.session, usecases.SetOrg(name, since.isoformat()))

    def import_people(self, path: Path) -> int:
        from store.roster_import import read_people

        people = read_people(path)
        return len(usecases.add_people(self.session, usecases.AddPeople.of(people)))

    def link(self, name: str) -> None:
        usecases.link_account(self.session, usecases.LinkAccount(name))

    # -- ledgers ---------------------------------------------------------------------

    def ledger(self, checklist: Checklist, item: Item, period: Period) -> tuple[list[State], Roster, date]:
        """A ledger's raw rows (all columns) in order, the roster, and today.

        The screen turns only the rows it shows into Rows, so a ledger of
        thousands opens as fast as a short one.
        """
        return self.store.ledger_rows(checklist, item, period), self.store.roster(), today()

    def change_row(self, checklist: Checklist, item: Item, period: Period, row: str, action: str,
                   **values: Any) -> Event:
        if action == "row-add":
            request = usecases.AddRows(checklist.id, item.id, period.key, (values["fields"],))
            return usecases.add_rows(self.session, request)[0]
        return usecases.change_row(self.session, usecases.ChangeRow(checklist.id, item.id, period.key, row, action,
                                                                    **values))

    def checklist(self, checklist_id: str) -> Checklist:
        found = self.library.get(checklist_id)
        assert found is not None
        return found



def shift_period_key(current: str | None, checklist: Checklist, steps: int, day: date) -> str:
    """The period key ``steps`` away from what a checklist screen shows now (a year view moves by years)."""
    base: Period = parse_period(current) if current else period_for(checklist.every, day)
    return base.shift(steps).key

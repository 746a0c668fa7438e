"""What the TUI shows and does, without Textual: loads rows, records changes.

Screens call these methods from worker threads (they touch files), so nothing
here may touch a widget. Keeping it free of Textual also lets tests drive the
same code the app uses.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklists.clock import today
from checklists.errors import Refusal
from checklists.loader import Library
from checklists.model import Checklist, Item, subject_label
from checklists.outstanding import Row
from checklists.periods import Period, parse_period, period_for
from checklists.query import Filter, Progress, answer, select, wanted_periods
from checklists.records import Event, State, StateKey
from checklists.roster import Org, Roster
from checklists.rules import check_entry_date, count_date
from store.account import os_account
from store.interface import Change, Store

from .errors import period_label, titled

if TYPE_CHECKING:
    from .config import Settings


@dataclass
class ScreenData:
    """Everything one screen needs, read in one go."""

    day: date
    rows: list[Row]
    roster: Roster
    me: str | None
    period_key: str | None = None
    signature: Hashable = ()

    progress: list[Progress] = field(default_factory=list)
    mine: list[Row] = field(default_factory=list)  # the linked person's open rows, overdue first
    org: Org = field(default_factory=Org)
    # Every stored state the rows were computed from: what the detail panel and the walk show in full.
    states: Mapping[StateKey, State] = field(default_factory=dict)

    def for_checklist(self, checklist_id: str) -> list[Row]:
        return [r for r in self.rows if r.checklist.id == checklist_id]

    def state(self, row: Row) -> State:
        return self.states.get(key_of_row(row)) or {}

    @property
    def empty(self) -> bool:
        """Nobody in the roster yet: the database has just been created."""
        return not self.roster.people

    def outstanding(self, *, person: str | None = None, checklist: str | None = None) -> list[Row]:
        """Open rows, overdue first: a person's (their items and the ledger rows they own) or a checklist's.

        The same question status --person answers, asked of the rows this screen already has.
        """
        rows = [r for r in self.rows if checklist is None or r.checklist.id == checklist]
        checklists = list(dict.fromkeys(r.checklist for r in rows))
        return select(checklists, rows, self.roster, Filter(self.period_key, person=person)).shown


def key_of_row(row: Row) -> StateKey:
    return StateKey(row.checklist.id, row.item.id, row.period.key, row.subject)


class Board:
    def __init__(self, store: Store, library: Library, *, account: str | None = None, org_name: str | None = None,
                 soon_days: int = 14, settings: Settings | None = None):
        self.store = store
        self.library = library
        self.account = account or os_account()
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
        signature = self.signature()
        day = today()
        roster = self.store.roster()
        org = self.store.org(day)
        checklists = list(self.library)
        view = Filter(period_key, include_closed=True, since=org.since, soon_days=self.soon_days)
        states = self.store.states(wanted_periods(checklists, day, view))
        everything = answer(checklists, roster, states, day, view)
        me = roster.accounts.get(self.account)
        mine = select(checklists, everything.rows, roster, replace(view, person=me, include_closed=False)).shown if me else []
        self._loads += 1
        # Not on the first load, which the first screen waits for; later ones follow a change. In a thread
        # of its own, so the screen shows the change without waiting for the summary either.
        if self.settings is not None and period_key is None and self._loads > 1:
            import threading

            from .reminders import keep_quietly

            threading.Thread(target=keep_quietly, daemon=True, name="keep-summary",
                             args=(self.store, self.library, self.settings, signature, day, roster,
                                   everything.rows, view)).start()
        return ScreenData(day, everything.rows, roster, me, period_key, signature, everything.progress, mine, org,
                        states)

    def state(self, row: Row) -> State:
        """One entry as stored now (the walk shows it again after each change)."""
        return self.store.states({(row.checklist.id, row.period.key)}).get(key_of_row(row)) or {}

    # -- changes -----------------------------------------------------------------

    def change(self, row: Row, action: str, **values: str) -> Event:
        if action == "toggle":
            action = "count" if row.item.kind == "count" else ("undone" if row.state == "done" else "done")
        if action == "count" and not values.get("date"):
            values["date"] = count_date(row.period, today=today()).isoformat()
        return self.store.record(Change(row.checklist, row.item, row.period, row.subject, action, **values),
                                 account=self.account)

    def count_on(self, row: Row, day: date) -> Event:
        """One occurrence held on ``day``: it counts for the period that holds that day, not the one on screen."""
        now = today()
        period = check_entry_date(day, row.item, today=now, since=self.store.org(now).since)
        return self.store.record(Change(row.checklist, row.item, period, row.subject, "count", date=day.isoformat()),
                                 account=self.account)

    def last_change(self) -> Event | None:
        return self.store.last_change(self.account)

    def undo(self, *, expect: str | None = None) -> Event:
        try:
            return self.store.undo_last(self.library.targets(), account=self.account, expect=expect)
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
        self.store.set_org(name=name, since=since)

    def import_people(self, path: Path) -> int:
        from store.roster_import import read_people

        people = read_people(path)
        self.store.add_people(people)
        return len(people)

    def link(self, name: str) -> None:
        self.store.link_account(self.account, name)

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
            return self.store.add_rows(checklist, item, period, [values["fields"]], account=self.account)[0]
        return self.store.change_row(checklist, item, period, row, action, account=self.account, **values)

    def checklist(self, checklist_id: str) -> Checklist:
        found = self.library.get(checklist_id)
        assert found is not None
        return found



def shift_period_key(current: str | None, checklist: Checklist, steps: int, day: date) -> str:
    """The period key ``steps`` away from what a checklist screen shows now (a year view moves by years)."""
    base: Period = parse_period(current) if current else period_for(checklist.every, day)
    return base.shift(steps).key

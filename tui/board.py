"""What the TUI shows and does, without Textual: loads rows, records changes.

Screens call these methods from worker threads (they touch files), so nothing
here may touch a widget. Keeping it free of Textual also lets tests drive the
same code the app uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from checklists.clock import today
from checklists.loader import Library
from checklists.model import Checklist, Item
from checklists.outstanding import Row
from checklists.query import Filter, Progress, answer, select, wanted_periods
from checklists.periods import Period, parse_period, period_for
from store.account import os_account
from store.tinydb.changes import Change, entry_events, record, states_for, undo_last
from store.tinydb.db import Store
from store.errors import StoreError
from checklists.roster import Org, Roster
from store.tinydb.org import read_org
from store.tinydb.roster import roster_from_head


@dataclass
class Snapshot:
    """Everything one screen needs, read in one go."""

    day: date
    rows: list[Row]
    roster: Roster
    me: str | None
    period_key: str | None = None
    signature: tuple = field(default=())

    progress: list[Progress] = field(default_factory=list)
    mine: list[Row] = field(default_factory=list)  # the linked person's open rows, overdue first
    org: Org = field(default_factory=Org)

    def for_checklist(self, checklist_id: str) -> list[Row]:
        return [r for r in self.rows if r.checklist.id == checklist_id]


class Board:
    def __init__(self, store: Store, library: Library, *, account: str | None = None, org_name: str | None = None,
                 soon_days: int = 14):
        self.store = store
        self.library = library
        self.account = account or os_account()
        self.org_name = org_name  # from the config files: shown when the database names no org
        self.soon_days = soon_days

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def signature(self) -> tuple:
        """Cheap fingerprint of the database files: changes when anyone writes."""
        paths: list[Path] = [self.store.path]
        try:
            paths += [self.store.paths.shard(name) for name in self.store.shard_names()]
        except StoreError:
            pass  # polled by a timer; the next read reports the failure, naming the folder
        sig = []
        for path in sorted(paths):
            try:
                st = path.stat()
            except OSError:
                continue
            sig.append((path.name, st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(sig)

    def load(self, period_key: str | None = None) -> Snapshot:
        signature = self.signature()
        day = today()
        roster = roster_from_head(self.store.read_head())
        org = read_org(self.store, day)
        checklists = list(self.library)
        view = Filter(period_key, include_closed=True, since=org.since, soon_days=self.soon_days)
        states = states_for(self.store, wanted_periods(checklists, day, view))
        everything = answer(checklists, roster, states, day, view)
        me = roster.accounts.get(self.account)
        mine = select(checklists, everything.rows, roster, replace(view, person=me, include_closed=False)).shown if me else []
        return Snapshot(day, everything.rows, roster, me, period_key, signature, everything.progress, mine, org)

    def change(self, row: Row, action: str, **values: str) -> dict[str, Any]:
        if action == "toggle":
            action = "count" if row.item.kind == "count" else ("undone" if row.state == "done" else "done")
        if action == "count" and not values.get("date"):
            values["date"] = today().isoformat()
        return record(self.store, Change(row.checklist, row.item, row.period, row.subject, action, **values),
                      account=self.account)

    def undo(self) -> dict[str, Any]:
        lookup = {f"{c.id}/{i.id}": i for c in self.library for i in c.items}
        return undo_last(self.store, lookup, account=self.account)

    def history(self, row: Row) -> list[dict[str, Any]]:
        return entry_events(self.store, row.checklist.id, row.item.id, row.period.key, row.subject)

    def ledger(self, checklist: Checklist, item: Item, period: Period) -> tuple[list[dict[str, Any]], Roster, date]:
        """A ledger's raw rows (all columns) in order, the roster, and today.

        The screen turns only the rows it shows into Rows, so a ledger of
        thousands opens as fast as a short one.
        """
        from store.tinydb.ledger import ledger_rows

        states = ledger_rows(self.store, checklist, item, period)
        return states, roster_from_head(self.store.read_head()), today()

    def change_row(self, checklist: Checklist, item: Item, period: Period, row: str, action: str,
                   **values: Any) -> dict[str, Any]:
        from store.tinydb.ledger import add_rows, change_row

        if action == "row-add":
            return add_rows(self.store, checklist, item, period, [values["fields"]], account=self.account)[0]
        return change_row(self.store, checklist, item, period, row, action, account=self.account, **values)

    def checklist(self, checklist_id: str) -> Checklist:
        found = self.library.get(checklist_id)
        assert found is not None
        return found


def shift_period_key(current: str | None, checklist: Checklist, steps: int, day: date) -> str:
    """The period key ``steps`` away from what a checklist screen shows now."""
    base: Period = parse_period(current) if current else period_for(checklist.every, day)
    return base.shift(steps).key

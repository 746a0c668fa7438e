"""Loading what a screen shows: every row of the current (or a chosen) period, with its state, in one read."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from checklists.clock import today
from checklists.outstanding import Row
from checklists.query import Filter, Progress, answer, select, wanted_periods
from checklists.records import State, StateKey
from checklists.roster import Org, Roster

from .session import Session
from .summary import refresh_summary_after_write

if TYPE_CHECKING:
    from ..config import Settings


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


def load_view(session: Session, period_key: str | None = None, *, soon_days: int = 14,
              settings: Settings | None = None, after_write: bool = False) -> ScreenData:
    """The rows of ``period_key`` (None: each checklist's current period) and what goes with them.

    ``after_write``: this load follows a write (the screen's own or someone
    else's), so what logins and status show is brought up to date too.
    """
    store = session.store
    signature = store.signature()
    day = today()
    roster = store.roster()
    org = store.org(day)
    checklists = list(session.library)
    view = Filter(period_key, include_closed=True, since=org.since, soon_days=soon_days)
    states = store.states(wanted_periods(checklists, day, view))
    everything = answer(checklists, roster, states, day, view)
    me = roster.accounts.get(session.account)
    mine = select(checklists, everything.rows, roster, replace(view, person=me, include_closed=False)).shown if me else []
    if settings is not None and period_key is None and after_write:
        refresh_summary_after_write(session, settings, signature, day, roster, everything.rows, view)
    return ScreenData(day, everything.rows, roster, me, period_key, signature, everything.progress, mine, org,
                      states)

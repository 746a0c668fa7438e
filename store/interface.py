"""What every storage backend offers: the one seam between the program and its records.

The TinyDB backend (store.tinydb) is one implementation; a server-wide
PostgreSQL one, or an in-memory one for tests, would be others. Everything
above store/ (the CLI, the TUI, the exports) talks to this Protocol only, so
shards, file signatures and query objects stay inside their backend. A
backend makes each change atomic and durable; whether a change is allowed is
decided by the domain's rules (checklists/), which every backend calls.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

from checklists.model import Checklist, Item
from checklists.periods import Period
from checklists.records import Event, State, StateKey
from checklists.roster import Org, Person, Roster

from .errors import StoreUnwritable


@dataclass(frozen=True)
class Change:
    """One change to one entry, as a person asked for it (the store fills in who and when)."""

    checklist: Checklist
    item: Item
    period: Period
    subject: str
    action: str  # done | undone | na | note | evidence | count
    note: str = ""
    reason: str = ""
    evidence: str = ""
    date: str = ""


@dataclass
class VerifyReport:
    """What `verify` found: one line per problem (none when intact), notes, and what it checked.

    ``seal`` is the head's seal over every event at that moment (empty before
    a database is first sealed): printed on an export, it ties the paper to
    the data, as anyone can run verify later and compare the two.
    """

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    events: int = 0
    states: int = 0
    shards: int = 0
    sealed: bool = False
    seal: str = ""


@runtime_checkable
class Store(Protocol):
    """A duty-tui database. Methods raise store.errors.StoreError or checklists.errors.Refusal."""

    read_only: bool
    # Called with the location when a write creates the database (never for a damaged or emptied one).
    on_create: Callable[[Path], None] | None
    # Count items' goals ("checklist/item" -> times), for replaying backups as verify does.
    targets: Callable[[], dict[str, int]] | None
    # Failures after a change was committed: the change stands and is completed by the next write.
    deferred: list[StoreUnwritable]

    @property
    def location(self) -> Path:
        """Where the database is, to show people (a file for TinyDB)."""
        ...

    def exists(self) -> bool:
        """Whether anything has been recorded yet."""
        ...

    def writable(self) -> bool:
        """Whether this account may write (the TUI opens read-only when not, rather than fail on a key)."""
        ...

    # -- changes to entries ---------------------------------------------------

    def record(self, change: Change, *, account: str | None = None) -> Event:
        """Append one event and update its entry's state; returns the sealed event."""
        ...

    def last_change(self, account: str) -> Event | None:
        """The account's latest change that is not an undo and is not undone yet."""
        ...

    def undo_last(self, targets: Mapping[str, int], *, account: str | None = None,
                  expect: str | None = None) -> Event:
        """Reverse the account's last change (``expect``: only if it is still that event)."""
        ...

    # -- reading ----------------------------------------------------------------

    def states(self, wanted: set[tuple[str, str]]) -> dict[StateKey, State]:
        """Current states of the (checklist id, period key) pairs asked for (and possibly a few more)."""
        ...

    def entry_events(self, key: StateKey) -> list[Event]:
        """One entry's events, oldest first."""
        ...

    def events(self, wanted: set[tuple[str, str]] | None = None) -> list[Event]:
        """Every event, oldest first (for the log and replays).

        With ``wanted`` (checklist id, period key) pairs, as for states: their
        events (and possibly a few more), each entry's oldest first but in no
        order across entries. An export of one year reads those, not all.
        """
        ...

    def signature(self) -> Hashable:
        """Cheap to compute; changes whenever anyone writes (the TUI polls it to refresh)."""
        ...

    # -- the roster and the org ---------------------------------------------------

    def roster(self) -> Roster: ...

    def add_people(self, people: Sequence[Person]) -> None:
        """All of them or none."""
        ...

    def remove_person(self, name: str) -> None:
        """Marks the person removed; their history stays attributable."""
        ...

    def add_branch(self, name: str) -> None: ...

    def set_branch_term(self, name: str, elected: date, years: int | None = None) -> None:
        """When a branch's committee was elected; ``years`` only where its term differs from the checklist's."""
        ...

    def link_account(self, account: str, name: str) -> None: ...

    def org(self, today: date) -> Org: ...

    def set_org(self, *, name: str | None = None, since: date | None = None) -> None: ...

    # -- ledgers ---------------------------------------------------------------------

    def ledger_rows(self, checklist: Checklist, item: Item, period: Period) -> list[State]:
        """A ledger's rows in one period, in row-number order."""
        ...

    def add_rows(self, checklist: Checklist, item: Item, period: Period, rows: Sequence[Mapping[str, str]], *,
                 account: str | None = None, line_numbers: Sequence[int] | None = None,
                 source: str = "") -> list[Event]:
        """Add rows in one write: all of them, or none if any is refused."""
        ...

    def change_row(self, checklist: Checklist, item: Item, period: Period, row: str, action: str, *,
                   account: str | None = None, fields: Mapping[str, str] | None = None, reason: str = "",
                   reviewer: str = "", evidence: str = "") -> Event:
        """Edit, advance, move back, close (销号) or reopen one row, as the ledger rules allow."""
        ...

    # -- reminders ---------------------------------------------------------------------

    def claim_mail(self, day: date, name: str, address: str, *, account: str | None = None) -> bool:
        """Note in the sent-log that ``name`` is mailed a reminder on ``day``; False if already noted that day.

        Claimed before sending, so two runs at once never both send; a claim
        whose mail could not be sent is given back with ``release_mail``.
        """
        ...

    def release_mail(self, day: date, name: str) -> None:
        """Take back a claim whose mail was not sent, so a later run that day may try again."""
        ...

    def summary(self, *, stale: bool = False) -> object | None:
        """What ``save_summary`` kept, if nothing was written to the database since; else None.

        ``stale``: what is kept even if written since (whether anyone keeps a summary here at all).
        """
        ...

    def save_summary(self, data: object, signature: Hashable) -> None:
        """Keep ``data`` (JSON types) computed from the database as it was at ``signature``.

        ``signature`` is ``self.signature()`` taken before reading what ``data``
        was computed from. A cache, not a record: it never waits for the lock
        and failing to keep it is not an error.
        """
        ...

    # -- integrity -------------------------------------------------------------------

    def verify(self, targets: Mapping[str, int]) -> VerifyReport:
        """Replay every event and compare with what is stored; ``targets`` are count items' goals."""
        ...

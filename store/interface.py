"""What every storage backend offers: the one seam between the program and its records.

The TinyDB backend (store.tinydb) is one implementation; a server-wide
PostgreSQL one, or an in-memory one for tests, would be others. Everything
above store/ (the CLI, the TUI, the exports) talks to this Protocol only, so
shards, file signatures and query objects stay inside their backend.

A backend persists, seals and reads; it decides nothing. Whether a change is
allowed is decided by the domain's rules (checklists/), which the application
layer (tui.usecases) runs on what it read before it asks for a write. Each
write names the versions it was decided on, and a backend refuses it with
store.errors.StoreConflict when any of them changed since: the caller reads
again and decides again. So a backend never repeats a rule, and a rule is
never skipped by writing at the same moment as someone else.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

from checklists.model import Checklist, Item
from checklists.periods import Period
from checklists.records import Event, State, StateFields, StateKey
from checklists.roster import Org, Person, Roster

from .errors import StoreUnwritable

# The version of an entry is the id of its last event; None: no such entry yet.
Versions = Mapping[StateKey, str | None]


@dataclass(frozen=True)
class Draft:
    """One event as the rules decided it, and the entry's state after it.

    ``event`` holds who (``account``), what and which entry; the backend adds
    its id, time and place in the chain, and nothing else.
    """

    event: Event
    state: StateFields


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

    def append(self, drafts: Sequence[Draft], *, expected: Versions, roster: str | None = None) -> list[Event]:
        """Append events of one (checklist, period) and their entries' states in one write; returns them sealed.

        Refused with StoreConflict, writing nothing, if any entry in
        ``expected`` is no longer at the version given (its last event id,
        or None for "absent"), or with ``roster``, if the roster is no longer
        at that ``roster_version``.
        """
        ...

    def last_change(self, account: str) -> Event | None:
        """The account's latest change that is not an undo and is not undone yet."""
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

    # Each write below takes ``expected``: the roster_version it was decided
    # on (StoreConflict if it changed since; None writes unconditionally).

    def roster(self) -> Roster: ...

    def roster_version(self) -> str:
        """Changes whenever people, branches or account links change (read it before the roster)."""
        ...

    def add_people(self, people: Sequence[Person], *, expected: str | None = None) -> None:
        """All of them or none, as given."""
        ...

    def remove_person(self, name: str, *, expected: str | None = None) -> None:
        """Marks the person removed; their history stays attributable."""
        ...

    def add_branch(self, name: str, *, expected: str | None = None) -> None: ...

    def set_branch_term(self, name: str, elected: date, years: int | None = None, *,
                        expected: str | None = None) -> None:
        """When a branch's committee was elected (adding it if new); ``years`` only where its term differs."""
        ...

    def link_account(self, account: str, name: str, *, expected: str | None = None) -> None: ...

    def org(self, today: date) -> Org: ...

    def set_org(self, *, name: str | None = None, since: date | None = None) -> None: ...

    # -- ledgers ---------------------------------------------------------------------

    def ledger_rows(self, checklist: Checklist, item: Item, period: Period) -> list[State]:
        """A ledger's rows in one period, in row-number order."""
        ...

    # Rows are added and changed with append, as any entry (subject "#n").

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

    def kept_summary(self) -> tuple[object, Hashable] | None:
        """What ``save_summary`` kept, current or not, with the signature it was kept under; None if nothing is."""
        ...

    def changed_checklists(self, since: Hashable) -> set[str] | None:
        """Ids of the checklists whose records were written since ``since`` (a ``signature()``).

        None when the backend cannot tell: the caller then treats everything
        as changed. Roster and org changes are not counted here.
        """
        ...

    # -- integrity -------------------------------------------------------------------

    def verify(self, targets: Mapping[str, int]) -> VerifyReport:
        """Replay every event and compare with what is stored; ``targets`` are count items' goals."""
        ...

"""Writing test data through the use cases, in the shapes tests hold (loaded Checklist, Item and Period).

Tests set up and change records the way the program does: every write goes
through tui.usecases (rules first, then Store.append at the version read).
These helpers only turn loaded objects into a request's ids and keys, and an
``account`` into the Identity the use case records.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from checklists.loader import load_library
from checklists.model import Checklist, Item
from checklists.periods import Period
from checklists.records import Event
from store.interface import Store
from tui import usecases

BUILTIN = load_library()


@dataclass(frozen=True)
class Change:
    """One change to one entry, as a test names it."""

    checklist: Checklist
    item: Item
    period: Period
    subject: str
    action: str
    note: str = ""
    reason: str = ""
    evidence: str = ""
    date: str = ""


class _Library:
    """The built-in library, with the checklists a test made itself in front of it."""

    def __init__(self, *own: Checklist, targets: Mapping[str, int] | None = None):
        self._own = {c.id: c for c in own}
        self._targets = dict(targets or {})

    def get(self, checklist_id: str) -> Checklist | None:
        return self._own.get(checklist_id) or BUILTIN.get(checklist_id)

    def targets(self) -> dict[str, int]:
        own = {f"{c.id}/{i.id}": i.target for c in self._own.values() for i in c.items}
        return BUILTIN.targets() | own | self._targets

    def __iter__(self) -> Iterator[Checklist]:
        return iter([*self._own.values(), *(c for c in BUILTIN if c.id not in self._own)])


def _own(checklist: Checklist, item: Item) -> Checklist:
    """The checklist as a test holds it: with ``item`` as given, where the test changed its definition."""
    return replace(checklist, items=tuple(item if i.id == item.id else i for i in checklist.items))


def session(store: Store, account: str | None = None, *own: Checklist,
            targets: Mapping[str, int] | None = None) -> usecases.Session:
    """Who writes: ``account``, or the OS account running the tests."""
    identity = usecases.Identity(account) if account else usecases.os_identity()
    return usecases.Session(store, _Library(*own, targets=targets), identity)  # type: ignore[arg-type]


def record(store: Store, change: Change, account: str | None = None) -> Event:
    """A change as recorded through the use case; its date is kept as given (a test's records are back-filled)."""
    request = usecases.RecordChange(change.checklist.id, change.item.id, change.action, change.subject,
                                    change.period.key, change.note, change.reason, change.evidence, change.date,
                                    back_fill=True)
    return usecases.record(session(store, account, _own(change.checklist, change.item)), request)


def undo_last(store: Store, targets: Mapping[str, int] | None = None, *, account: str | None = None,
              expect: str | None = None) -> Event:
    return usecases.undo(session(store, account, targets=targets), usecases.UndoLast(expect))


def add_rows(store: Store, checklist: Checklist, item: Item, period: Period, rows: Sequence[Mapping[str, str]],
             account: str | None = None, *, line_numbers: Sequence[int] | None = None,
             source: str = "") -> list[Event]:
    request = usecases.AddRows(checklist.id, item.id, period.key, tuple(dict(r) for r in rows),
                               tuple(line_numbers) if line_numbers is not None else None, source)
    return usecases.add_rows(session(store, account, _own(checklist, item)), request)


def change_row(store: Store, checklist: Checklist, item: Item, period: Period, row: str, action: str, *,
               account: str | None = None, **values: Any) -> Event:
    request = usecases.ChangeRow(checklist.id, item.id, period.key, row, action, **values)
    return usecases.change_row(session(store, account, _own(checklist, item)), request)


def add_people(store: Store, people: Sequence[Any], account: str | None = None) -> list[Any]:
    return usecases.add_people(session(store, account), usecases.AddPeople.of(people))


def add_person(store: Store, name: str, roles: Sequence[str], dept: str = "", branch: str = "",
               email: str = "") -> Any:
    (person,) = usecases.add_people(session(store), usecases.AddPeople(
        (usecases.PersonValues(name, tuple(roles), dept, branch, email),)))
    return person


def add_branch(store: Store, name: str) -> None:
    usecases.add_branch(session(store), usecases.AddBranch(name))


def set_branch_term(store: Store, name: str, elected: date, years: int | None = None) -> None:
    usecases.set_branch_term(session(store), usecases.SetBranchTerm(name, elected.isoformat(), years))


def link_account(store: Store, account: str, name: str) -> None:
    """Link ``account`` to ``name`` as that account itself would (an account links only itself)."""
    usecases.link_account(session(store, account), usecases.LinkAccount(name))

"""People, branches and the link from OS accounts to people, kept in the head file.

Removing a person only marks them removed: their history stays attributable.
Whether a change is allowed (a name taken, a person unknown) is decided by
tui.usecases on the roster it read; each write here names the roster_version
it was decided on and is refused (StoreConflict) if the roster changed since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import orjson
from tinydb import Query

from checklists.collation import name_key, person_key
from checklists.roster import Person, Roster
from checklists.terms import BranchTerm

from ..errors import StoreConflict
from .db import Database, Txn, utc_now

ROSTER_TABLES = ("people", "branches", "accounts")


def _person(doc: dict[str, Any]) -> Person:
    return Person(doc["name"], tuple(doc.get("roles", ())), doc.get("dept", ""),
                  doc.get("branch", ""), doc.get("removed", ""), doc.get("email", ""))


def roster_from_head(head: dict[str, Any]) -> Roster:
    """The roster in reading order (pinyin, 第二 before 第十): every list, matrix and walk built from it follows."""
    branches = head.get("branches", {}).values()
    return Roster(
        people=sorted((_person(d) for d in head.get("people", {}).values()), key=lambda p: person_key(p.name)),
        branches=sorted((d["name"] for d in branches), key=name_key),
        accounts={d["account"]: d["person"] for d in head.get("accounts", {}).values()},
        terms={d["name"]: BranchTerm(date.fromisoformat(d["elected"]), d.get("term_years"))
               for d in branches if d.get("elected")},
    )


def load_roster(store: Database) -> Roster:
    return roster_from_head(store.read_head())


def roster_version(head: dict[str, Any]) -> str:
    """A digest of the roster's tables as stored: any change to people, branches or links changes it."""
    tables = {name: head.get(name, {}) for name in ROSTER_TABLES}
    return hashlib.sha256(orjson.dumps(tables, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


def read_version(store: Database) -> str:
    return roster_version(store.read_head())


@contextmanager
def _roster_txn(store: Database, expected: str | None) -> Iterator[Txn]:
    """The head under the lock, if the roster is still what the change was decided on."""
    with store.head_txn() as txn:
        if expected is not None and roster_version(txn.db.storage.read() or {}) != expected:
            raise StoreConflict("conflict", what="roster")
        yield txn


def _add(txn: Txn, person: Person) -> None:
    txn.table("people").insert(person.to_doc())
    if person.branch:
        branches = txn.table("branches")
        if not branches.contains(Query().name == person.branch):
            branches.insert({"name": person.branch, "created": utc_now()})


def add_people(store: Database, persons: list[Person], expected: str | None = None) -> None:
    """Add several people in one write: all of them or none."""
    with _roster_txn(store, expected) as txn:
        for person in persons:
            _add(txn, person)


def add_person(store: Database, name: str, roles: Iterable[str], dept: str = "", branch: str = "",
               email: str = "") -> Person:
    """One person as given (for setting up a database in code; people typed by someone go through tui.usecases)."""
    person = Person(name, tuple(roles), dept, branch, email=email)
    add_people(store, [person])
    return person


def remove_person(store: Database, name: str, expected: str | None = None) -> None:
    with _roster_txn(store, expected) as txn:
        txn.table("people").update({"removed": utc_now()}, (Query().name == name) & (Query().removed == ""))


def add_branch(store: Database, name: str, expected: str | None = None) -> None:
    with _roster_txn(store, expected) as txn:
        branches = txn.table("branches")
        if not branches.contains(Query().name == name):
            branches.insert({"name": name, "created": utc_now()})


def set_branch_term(store: Database, name: str, elected: date, years: int | None = None,
                    expected: str | None = None) -> None:
    """Record when a branch's committee was elected (and its term, where it differs), creating the branch if new."""
    with _roster_txn(store, expected) as txn:
        branches = txn.table("branches")
        values = {"elected": elected.isoformat(), "term_years": years}
        if branches.contains(Query().name == name):
            branches.update(values, Query().name == name)
        else:
            branches.insert({"name": name, "created": utc_now(), **values})


def link_account(store: Database, account: str, name: str, expected: str | None = None) -> None:
    with _roster_txn(store, expected) as txn:
        txn.table("accounts").upsert({"account": account, "person": name, "linked": utc_now()},
                                     Query().account == account)

"""People, branches and the link from OS accounts to people, kept in the head file.

Removing a person only marks them removed: their history stays attributable.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from tinydb import Query

from checklists.bounds import check_day
from checklists.clock import today
from checklists.collation import name_key, person_key
from checklists.errors import Refusal
from checklists.model import ROLES
from checklists.roster import Person, Roster
from checklists.rules import check_person
from checklists.terms import BranchTerm
from checklists.text import check_text

from .db import Database, Txn, utc_now


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


def _add(txn: Txn, person: Person) -> None:
    people = txn.table("people")
    if people.contains((Query().name == person.name) & (Query().removed == "")):
        raise Refusal("person-exists", name=person.name)
    people.insert(person.to_doc())
    if person.branch:
        branches = txn.table("branches")
        if not branches.contains(Query().name == person.branch):
            branches.insert({"name": person.branch, "created": utc_now()})


def add_people(store: Database, persons: list[Person]) -> None:
    """Add several people in one write: all of them or none."""
    persons = [check_person(person, ROLES) for person in persons]
    with store.head_txn() as txn:
        for person in persons:
            _add(txn, person)


def add_person(store: Database, name: str, roles: Iterable[str], dept: str = "", branch: str = "",
               email: str = "") -> Person:
    person = check_person(Person(name, tuple(roles), dept, branch, email=email), ROLES)
    add_people(store, [person])
    return person


def remove_person(store: Database, name: str) -> None:
    with store.head_txn() as txn:
        people = txn.table("people")
        cond = (Query().name == name) & (Query().removed == "")
        if not people.contains(cond):
            raise Refusal("person-unknown", name=name)
        people.update({"removed": utc_now()}, cond)


def add_branch(store: Database, name: str) -> None:
    check_text("branch", name)
    with store.head_txn() as txn:
        branches = txn.table("branches")
        if branches.contains(Query().name == name):
            raise Refusal("branch-exists", name=name)
        branches.insert({"name": name, "created": utc_now()})


def set_branch_term(store: Database, name: str, elected: date, years: int | None = None) -> None:
    """Record when a branch of the roster had its committee elected (and its term, where it differs).

    A name not in the roster is refused, not made a branch: a typo would
    otherwise found a branch owing every branch checklist since its "election".
    """
    check_text("branch", name)
    check_day(elected, today(), "elected")
    with store.head_txn() as txn:
        branches = txn.table("branches")
        if not branches.contains(Query().name == name):
            known = tuple(sorted((doc["name"] for doc in branches.all()), key=name_key))
            raise Refusal("term-branch-unknown", name=name, known=known)
        branches.update({"elected": elected.isoformat(), "term_years": years}, Query().name == name)


def link_account(store: Database, account: str, name: str) -> None:
    check_text("name", name)
    with store.head_txn() as txn:
        if not txn.table("people").contains((Query().name == name) & (Query().removed == "")):
            raise Refusal("person-unknown", name=name)
        txn.table("accounts").upsert({"account": account, "person": name, "linked": utc_now()},
                                     Query().account == account)

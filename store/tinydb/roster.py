"""People, branches and the link from OS accounts to people, kept in the head file.

Removing a person only marks them removed: their history stays attributable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tinydb import Query

from checklists.model import ROLES
from checklists.roster import Person, Roster

from .db import Database, Txn, utc_now
from ..errors import StoreUsageError
from ..text import require_text

FIELD_WORDS = {"name": "姓名", "roles": "角色", "dept": "科室", "branch": "支部"}  # as errors name them

def _person(doc: dict[str, Any]) -> Person:
    return Person(doc["name"], tuple(doc.get("roles", ())), doc.get("dept", ""),
                  doc.get("branch", ""), doc.get("removed", ""))


def roster_from_head(head: dict[str, Any]) -> Roster:
    return Roster(
        people=[_person(d) for d in head.get("people", {}).values()],
        branches=sorted(d["name"] for d in head.get("branches", {}).values()),
        accounts={d["account"]: d["person"] for d in head.get("accounts", {}).values()},
    )


def load_roster(store: Database) -> Roster:
    return roster_from_head(store.read_head())


def check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    roles = tuple(r.strip() for r in roles if r.strip())
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise StoreUsageError(f'角色 "{bad[0]}" 无效；可用的角色：{"、".join(ROLES)}')
    return roles


def _add(txn: Txn, person: Person) -> None:
    people = txn.table("people")
    if people.contains((Query().name == person.name) & (Query().removed == "")):
        raise StoreUsageError(f'名册中已有 "{person.name}"；重名时请在姓名后加科室区分，如 "王伟（办公室）"')
    people.insert(person.to_doc())
    if person.branch:
        branches = txn.table("branches")
        if not branches.contains(Query().name == person.branch):
            branches.insert({"name": person.branch, "created": utc_now()})


def check_person(person: Person) -> None:
    """Every field of a person is one line of plain text."""
    for name, words in FIELD_WORDS.items():
        value = getattr(person, name)
        for text in value if isinstance(value, tuple) else (value,):
            require_text(words, text)


def add_people(store: Database, persons: list[Person]) -> None:
    """Add several people in one write: all of them or none."""
    for person in persons:
        check_person(person)
    with store.head_txn() as txn:
        for person in persons:
            _add(txn, person)


def add_person(store: Database, name: str, roles: Iterable[str], dept: str = "", branch: str = "") -> Person:
    name = name.strip()
    if not name:
        raise StoreUsageError("姓名不能为空")
    person = Person(name, check_roles(roles), dept.strip(), branch.strip())
    add_people(store, [person])
    return person


def remove_person(store: Database, name: str) -> None:
    with store.head_txn() as txn:
        people = txn.table("people")
        cond = (Query().name == name) & (Query().removed == "")
        if not people.contains(cond):
            raise StoreUsageError(f'名册中没有 "{name}"；用 duty-tui people list 查看')
        people.update({"removed": utc_now()}, cond)


def add_branch(store: Database, name: str) -> None:
    require_text("支部", name)
    with store.head_txn() as txn:
        branches = txn.table("branches")
        if branches.contains(Query().name == name):
            raise StoreUsageError(f'已有支部 "{name}"')
        branches.insert({"name": name, "created": utc_now()})


def link_account(store: Database, account: str, name: str) -> None:
    require_text("姓名", name)
    with store.head_txn() as txn:
        if not txn.table("people").contains((Query().name == name) & (Query().removed == "")):
            raise StoreUsageError(f'名册中没有 "{name}"；先用 duty-tui people add 添加')
        txn.table("accounts").upsert({"account": account, "person": name, "linked": utc_now()},
                                     Query().account == account)

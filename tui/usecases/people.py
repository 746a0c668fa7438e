"""Changing the roster (people, branches, terms, account links) and the org's settings.

The rules (checklists.rules, checklists.text) run on the roster as read; the
write names the roster_version read, so a name cannot be taken twice by two
people adding it at once.
"""

from __future__ import annotations

from datetime import date

from checklists.bounds import check_day, check_since
from checklists.clock import today
from checklists.errors import Refusal
from checklists.model import ROLES
from checklists.roster import Person
from checklists.rules import check_person
from checklists.text import check_text

from .requests import AddBranch, AddPeople, LinkAccount, RemovePerson, SetBranchTerm, SetOrg
from .session import Session, retried


def add_people(session: Session, request: AddPeople) -> list[Person]:
    """Add several people in one write: all of them or none; a name already in use refuses the lot."""
    people = [check_person(Person(p.name, p.roles, p.dept, p.branch, email=p.email), ROLES)
              for p in request.people]
    store = session.store

    def once() -> list[Person]:
        version = store.roster_version()
        roster = store.roster()
        seen: set[str] = set()
        for person in people:
            if person.name in seen or roster.person(person.name) is not None:
                raise Refusal("person-exists", name=person.name)
            seen.add(person.name)
        store.add_people(people, expected=version)
        return people

    return retried(once)


def remove_person(session: Session, request: RemovePerson) -> None:
    store = session.store

    def once() -> None:
        version = store.roster_version()
        if store.roster().person(request.name) is None:
            raise Refusal("person-unknown", name=request.name)
        store.remove_person(request.name, expected=version)

    retried(once)


def add_branch(session: Session, request: AddBranch) -> None:
    check_text("branch", request.name)
    store = session.store

    def once() -> None:
        version = store.roster_version()
        if request.name in store.roster().branches:
            raise Refusal("branch-exists", name=request.name)
        store.add_branch(request.name, expected=version)

    retried(once)


def set_branch_term(session: Session, request: SetBranchTerm) -> None:
    """When a branch of the roster had its committee elected (and its term, where it differs).

    A name not in the roster is refused, not made a branch: a typo would
    otherwise found a branch owing every branch checklist since its "election".
    """
    check_text("branch", request.name)
    elected = check_day(date.fromisoformat(request.elected), today(), "elected")
    store = session.store

    def once() -> None:
        version = store.roster_version()
        branches = store.roster().branches
        if request.name not in branches:
            raise Refusal("term-branch-unknown", name=request.name, known=tuple(branches))
        store.set_branch_term(request.name, elected, request.years, expected=version)
    retried(once)


def link_account(session: Session, request: LinkAccount) -> None:
    """Link the asker's own account (from their Identity, never from what they typed) to a person."""
    check_text("name", request.name)
    store = session.store

    def once() -> None:
        version = store.roster_version()
        if store.roster().person(request.name) is None:
            raise Refusal("person-unknown", name=request.name)
        store.link_account(session.account, request.name, expected=version)

    retried(once)


def set_org(session: Session, request: SetOrg) -> None:
    name = request.name
    if name is not None:
        check_text("org_name", name)
        name = name.strip()
    since = check_since(date.fromisoformat(request.since), today()) if request.since else None
    session.store.set_org(name=name, since=since)

"""The people and branches checklists apply to, as the rules and the queries see them.

The store keeps the roster; these are the values it hands out, so rules such
as "is this person in this checklist's scope" can be checked without a
database. Removing a person only marks them removed: their history stays
attributable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .collation import name_key
from .errors import Refusal
from .terms import BranchTerm

# Plausible, not proven: one mailbox, ASCII, a dotted domain. Commas, spaces,
# angle brackets and quotes would let one cell name several recipients or a
# display name; a leading "-" would read as an option to sendmail.
_EMAIL = re.compile(r"[A-Za-z0-9_.+=%'!#$&*/?^`{|}~][A-Za-z0-9_.+=%'!#$&*/?^`{|}~-]*"
                    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
MAX_EMAIL = 254  # RFC 5321's limit on a path


@dataclass(frozen=True)
class Org:
    """The body that keeps the database: its display name and the day its obligations start.

    Instances due before ``since`` are not the org's obligations, so a new
    database does not open with years of "overdue" items it never owed.
    """

    name: str = ""
    since: date | None = None


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[str, ...] = ()
    dept: str = ""
    branch: str = ""
    removed: str = ""
    email: str = ""  # optional; reminders are mailed only to people who have one

    def to_doc(self) -> dict[str, Any]:
        return {"name": self.name, "roles": list(self.roles), "dept": self.dept,
                "branch": self.branch, "removed": self.removed, "email": self.email}


def plausible_email(address: str) -> bool:
    """Whether ``address`` looks like one mailbox (user@example.gov.cn): reminders go to exactly that address."""
    return len(address) <= MAX_EMAIL and _EMAIL.fullmatch(address) is not None


def check_email(address: str) -> None:
    """Refuse an address a reminder could not be mailed to; an empty one means "no mail"."""
    if address and not plausible_email(address):
        raise Refusal("email-invalid", email=address)


@dataclass
class Roster:
    """A read-only view of the roster at one moment."""

    people: list[Person] = field(default_factory=list)
    branches: list[str] = field(default_factory=list)
    accounts: dict[str, str] = field(default_factory=dict)
    terms: dict[str, BranchTerm] = field(default_factory=dict)  # branch -> when its committee was elected

    def active(self) -> list[Person]:
        return [p for p in self.people if not p.removed]

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name and not p.removed), None)

    def with_roles(self, roles: Iterable[str]) -> list[Person]:
        wanted = set(roles)
        return [p for p in self.active() if wanted & set(p.roles)]

    def depts(self, *, include_removed: bool = False) -> list[str]:
        """Departments named in the roster, in reading order; removed people's too when asked, as old ledger rows
        name them."""
        people = self.people if include_removed else self.active()
        return sorted({p.dept for p in people if p.dept}, key=name_key)

"""The people and branches checklists apply to, as the rules and the queries see them.

The store keeps the roster; these are the values it hands out, so rules such
as "is this person in this checklist's scope" can be checked without a
database. Removing a person only marks them removed: their history stays
attributable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .terms import BranchTerm


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

    def to_doc(self) -> dict[str, Any]:
        return {"name": self.name, "roles": list(self.roles), "dept": self.dept,
                "branch": self.branch, "removed": self.removed}


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
        """Departments named in the roster; removed people's too when asked, as old ledger rows name them."""
        people = self.people if include_removed else self.active()
        return sorted({p.dept for p in people if p.dept})

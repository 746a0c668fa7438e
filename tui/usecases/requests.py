"""What a person asks for, as plain values: ids, period keys, names, typed text.

A request holds nothing loaded (no Checklist, Item or Period), so it can be
written down and sent over a socket as it stands: ``to_json`` and
``from_json`` round-trip every kind. The use cases look the ids up in the
library and read the store themselves.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar


@dataclass(frozen=True)
class Request:
    kind: ClassVar[str] = ""

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, **asdict(self)}, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> Request:
        data = json.loads(text)
        cls = KINDS.get(data.pop("kind", None))
        if cls is None:
            raise ValueError("not a request this program knows")
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                raise ValueError(f"{cls.kind}: unknown field {name}")
            values[name] = _tuples(value)
        return cls(**values)


def _tuples(value: Any) -> Any:
    """JSON arrays back into the tuples a frozen request holds (objects stay dicts)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class RecordChange(Request):
    """Tick, untick, n/a, note, evidence or count one entry.

    ``period`` empty: the period ``date`` falls in, else the current one (a
    term checklist's: the one its branch's term ends in). ``date`` is ISO,
    when a person gave one; a count without it is dated by the use case.
    A typed date must lie in the period, not after today and not before the
    org's start; ``back_fill`` (a script entering a past year's records as
    they were kept) keeps it as given.
    """

    kind: ClassVar[str] = "record"
    checklist: str
    item: str
    action: str  # done | undone | na | note | evidence | count
    subject: str = ""
    period: str = ""
    note: str = ""
    reason: str = ""
    evidence: str = ""
    date: str = ""
    back_fill: bool = False


@dataclass(frozen=True)
class UndoLast(Request):
    """Reverse the asker's own last change; ``expect``: only if it is still the event they were shown."""

    kind: ClassVar[str] = "undo"
    expect: str | None = None


@dataclass(frozen=True)
class AddRows(Request):
    """Rows for a ledger, all or none; ``line_numbers`` (an import) name each bad row's line in ``source``."""

    kind: ClassVar[str] = "add-rows"
    checklist: str
    item: str
    period: str
    rows: tuple[dict[str, str], ...]
    line_numbers: tuple[int, ...] | None = None
    source: str = ""


@dataclass(frozen=True)
class ChangeRow(Request):
    """Edit, advance, move back, close (销号) or reopen one ledger row ("#3" or "3")."""

    kind: ClassVar[str] = "change-row"
    checklist: str
    item: str
    period: str
    row: str
    action: str
    fields: dict[str, str] | None = None
    reason: str = ""
    reviewer: str = ""
    evidence: str = ""
    loaded: dict[str, str] | None = None  # an edit's cells as the form showed them


@dataclass(frozen=True)
class PersonValues:
    """One person as typed (a CSV row, a command's options)."""

    name: str
    roles: tuple[str, ...] = ()
    dept: str = ""
    branch: str = ""
    email: str = ""


@dataclass(frozen=True)
class AddPeople(Request):
    kind: ClassVar[str] = "add-people"
    people: tuple[PersonValues, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # As read back from JSON, each person is an object of its fields.
        people = tuple(p if isinstance(p, PersonValues) else PersonValues(**p) for p in self.people)
        object.__setattr__(self, "people", people)

    @staticmethod
    def of(people: Any) -> AddPeople:
        """From anything with a person's attributes (checklists.roster.Person)."""
        return AddPeople(tuple(PersonValues(p.name, tuple(p.roles), p.dept, p.branch, p.email) for p in people))


@dataclass(frozen=True)
class RemovePerson(Request):
    kind: ClassVar[str] = "remove-person"
    name: str


@dataclass(frozen=True)
class AddBranch(Request):
    kind: ClassVar[str] = "add-branch"
    name: str


@dataclass(frozen=True)
class SetBranchTerm(Request):
    """When a branch's committee was elected (ISO date); ``years`` only where its term differs."""

    kind: ClassVar[str] = "branch-term"
    name: str
    elected: str
    years: int | None = None


@dataclass(frozen=True)
class LinkAccount(Request):
    """Link the asker's own account to a person in the roster."""

    kind: ClassVar[str] = "link-account"
    name: str


@dataclass(frozen=True)
class SetOrg(Request):
    """The org's display name and/or the ISO date its obligations start."""

    kind: ClassVar[str] = "set-org"
    name: str | None = None
    since: str | None = None


KINDS: dict[str, type[Request]] = {cls.kind: cls for cls in (
    RecordChange, UndoLast, AddRows, ChangeRow, AddPeople, RemovePerson, AddBranch, SetBranchTerm, LinkAccount,
    SetOrg)}

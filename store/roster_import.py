"""Reading a roster from the files offices keep: CSV (often saved by Excel as GBK) or XLSX.

Nothing is imported unless every row is good, so a half-imported roster never
has to be untangled by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Set
from pathlib import Path

from checklists.errors import Refusal
from checklists.model import ROLES
from checklists.roster import Person, plausible_email

from .sheet import bad_text, header_columns, read_sheet

HEADERS = {
    "name": ("姓名", "name"),
    "roles": ("角色", "roles", "role"),
    "dept": ("科室", "部门", "dept", "department"),
    "branch": ("支部", "党支部", "所在支部", "branch"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail"),  # optional: reminders by mail
}
NAMES = {name.casefold(): key for key, names in HEADERS.items() for name in names}
ROLE_SPLIT = re.compile(r"[、,，;；/\s]+")


def _reader_of(values: tuple[str, ...], columns: Mapping[str, int]) -> Callable[[str], str]:
    """The value of a field in a row, or "" where the row is short or the field has no column."""
    return lambda key: values[columns[key]] if key in columns and columns[key] < len(values) else ""


def read_people(path: Path) -> list[Person]:
    """The people of a roster file; roles may be one per line in a cell (Excel's Alt+Enter)."""
    sheet = read_sheet(path)
    if not any(sheet.header):
        raise Refusal("roster-empty", source=str(path))

    def required(found: Set[str]) -> None:
        if "name" not in found or "roles" not in found:
            raise Refusal("roster-header-missing", source=str(path))

    columns = header_columns(sheet, NAMES, [names[0] for names in HEADERS.values()], required)
    bad = {problem.fields["line"]: problem for problem in bad_text(sheet, columns, multiline=["roles"])}
    people: list[Person] = []
    problems: list[Refusal] = []
    seen: set[str] = set()
    for line, values in sheet.rows:
        if line in bad:
            problems.append(bad[line])
            continue
        cell = _reader_of(values, columns)
        name = cell("name")
        roles = tuple(r for r in ROLE_SPLIT.split(cell("roles")) if r)
        unknown = [r for r in roles if r not in ROLES]
        if not name:
            problems.append(Refusal("name-empty", line=line))
        elif name in seen:
            problems.append(Refusal("name-repeated", name=name, line=line))
        elif not roles:
            problems.append(Refusal("roles-empty", name=name, known=ROLES, line=line))
        elif unknown:
            problems.append(Refusal("role-unknown", name=unknown[0], known=ROLES, line=line))
        elif cell("email") and not plausible_email(cell("email")):
            problems.append(Refusal("email-invalid", email=cell("email"), line=line))
        else:
            seen.add(name)
            people.append(Person(name, roles, cell("dept"), cell("branch"), email=cell("email")))
    if problems:
        raise Refusal("import-rejected", source=str(path), problems=tuple(problems), noun="people")
    if not people:
        raise Refusal("import-no-rows", source=str(path))
    return people

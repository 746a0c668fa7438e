"""Reading a roster from the CSV files offices keep (often saved by Excel as GBK).

Nothing is imported unless every row is good, so a half-imported roster never
has to be untangled by hand.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from checklists.bounds import length_refusal
from checklists.errors import Refusal
from checklists.model import ROLES
from checklists.roster import Person, plausible_email
from checklists.text import text_problem

from .errors import os_reason

HEADERS = {
    "name": ("姓名", "name"),
    "roles": ("角色", "roles", "role"),
    "dept": ("科室", "部门", "dept", "department"),
    "branch": ("支部", "党支部", "所在支部", "branch"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail"),  # optional: reminders by mail
}
ROLE_SPLIT = re.compile(r"[、,，;；/\s]+")


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 with or without BOM, else GB18030 (a superset of GBK and GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refusal("import-encoding", source=str(path))


def _reader_of(row: list[str], columns: dict[str, int]) -> Callable[[str], str]:
    """The stripped value of a column in ``row``, or "" where the row is short or the column absent."""
    return lambda key: row[columns[key]].strip() if key in columns and columns[key] < len(row) else ""


def _bad_cell(line: int, header: list[str], columns: dict[str, int], cell: Callable[[str], str]) -> Refusal | None:
    """The first cell of a row holding a control or invisible character, or too long, named by row and column.

    Roles may be one per line in a cell (Excel's Alt+Enter): they are split on whitespace.
    """
    for key, index in columns.items():
        problem = text_problem(cell(key), multiline=key == "roles")
        if problem:
            return problem.refusal(key, line=line, column=header[index].strip())
        too_long = length_refusal(key, cell(key), line=line, column=header[index].strip())
        if too_long:
            return too_long
    return None


def parse_people_csv(path: Path) -> list[Person]:
    try:
        text = decode(path.read_bytes(), path)
    except OSError as exc:
        raise Refusal("import-unreadable", source=str(path), reason=os_reason(exc)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise Refusal("roster-empty", source=str(path))
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for key, names in HEADERS.items():
            if title.strip().lower() in names:
                columns[key] = index
    if "name" not in columns or "roles" not in columns:
        raise Refusal("roster-header-missing", source=str(path))
    people: list[Person] = []
    problems: list[Refusal] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if not any(value.strip() for value in row):
            continue
        cell = _reader_of(row, columns)
        bad_text = _bad_cell(line, header, columns, cell)
        if bad_text:
            problems.append(bad_text)
            continue
        name = cell("name")
        roles = tuple(r for r in ROLE_SPLIT.split(cell("roles")) if r)
        bad = [r for r in roles if r not in ROLES]
        if not name:
            problems.append(Refusal("name-empty", line=line))
        elif name in seen:
            problems.append(Refusal("name-repeated", name=name, line=line))
        elif not roles:
            problems.append(Refusal("roles-empty", name=name, known=ROLES, line=line))
        elif bad:
            problems.append(Refusal("role-unknown", name=bad[0], known=ROLES, line=line))
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

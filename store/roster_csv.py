"""Reading a roster from the CSV files offices keep (often saved by Excel as GBK).

Nothing is imported unless every row is good, so a half-imported roster never
has to be untangled by hand.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from checklists.model import ROLES
from checklists.text import text_problem

from .errors import StoreUsageError
from checklists.roster import Person

HEADERS = {
    "name": ("姓名", "name"),
    "roles": ("角色", "roles", "role"),
    "dept": ("科室", "部门", "dept", "department"),
    "branch": ("支部", "党支部", "所在支部", "branch"),
}
ROLE_SPLIT = re.compile(r"[、,，;；/\s]+")


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 with or without BOM, else GB18030 (a superset of GBK and GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StoreUsageError(f"{path}：无法识别编码；请另存为 UTF-8 或 GBK 的 CSV")


def _bad_cell(path: Path, line: int, header: list[str], columns: dict[str, int], cell) -> str | None:
    """The first cell of a row holding a control or invisible character, named by row and column.

    Roles may be one per line in a cell (Excel's Alt+Enter): they are split on whitespace.
    """
    for key, index in columns.items():
        problem = text_problem(cell(key), multiline=key == "roles")
        if problem:
            return problem.in_cell(str(path), line, header[index].strip())
    return None


def parse_people_csv(path: Path) -> list[Person]:
    try:
        text = decode(path.read_bytes(), path)
    except OSError as exc:
        raise StoreUsageError(f"{path}：无法读取（{exc.strerror or exc}）") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise StoreUsageError(f"{path}：文件为空；第 1 行应为表头：姓名,角色,科室,支部")
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for key, names in HEADERS.items():
            if cell.strip().lower() in names:
                columns[key] = index
    if "name" not in columns or "roles" not in columns:
        raise StoreUsageError(f"{path}：第 1 行缺少“姓名”或“角色”列；表头应为：姓名,角色,科室,支部")
    people: list[Person] = []
    problems: list[str] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cell = lambda key: row[columns[key]].strip() if key in columns and columns[key] < len(row) else ""  # noqa: E731
        bad_text = _bad_cell(path, line, header, columns, cell)
        if bad_text:
            problems.append(bad_text)
            continue
        name = cell("name")
        roles = tuple(r for r in ROLE_SPLIT.split(cell("roles")) if r)
        bad = [r for r in roles if r not in ROLES]
        if not name:
            problems.append(f"{path}：第 {line} 行：姓名为空")
        elif name in seen:
            problems.append(f'{path}：第 {line} 行：姓名 "{name}" 重复')
        elif not roles:
            problems.append(f'{path}：第 {line} 行：{name} 没有角色；可用：{"、".join(ROLES)}')
        elif bad:
            problems.append(f'{path}：第 {line} 行：角色 "{bad[0]}" 无效；可用：{"、".join(ROLES)}')
        else:
            seen.add(name)
            people.append(Person(name, roles, cell("dept"), cell("branch")))
    if problems:
        raise StoreUsageError("\n".join(problems + [f"{path}：有 {len(problems)} 行错误，未导入任何人员"]))
    if not people:
        raise StoreUsageError(f"{path}：没有人员数据")
    return people

"""Reading ledger rows from the sheets offices already keep: CSV (UTF-8 or GBK) and XLSX.

The header row is matched to the ledger's column titles (or ids); headers
that match nothing are reported, not guessed at. Values are checked by the
same rules as rows typed by hand, and one bad row stops the whole file.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from checklists.model import Item
from checklists.text import text_problem

from .errors import StoreUsageError
from .roster_csv import decode


def _cells_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # only when a workbook is imported

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise StoreUsageError(f"{path}：不是可读取的 Excel 工作簿（{type(exc).__name__}）；请另存为 .xlsx 或 CSV") from None
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else v.date().isoformat() if isinstance(v, datetime)
                     else v.isoformat() if isinstance(v, date) else str(v).strip() for v in values])
    book.close()
    return rows


def _cells_csv(path: Path) -> list[list[str]]:
    try:
        text = decode(path.read_bytes(), path)
    except OSError as exc:
        raise StoreUsageError(f"{path}：无法读取（{exc.strerror or exc}）") from None
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""))]


def read_rows(path: Path, item: Item) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """(row number, {column id: value}) for each non-empty row, and the unmatched headers."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        cells = _cells_xlsx(path)
    elif suffix in (".csv", ".txt"):
        cells = _cells_csv(path)
    else:
        raise StoreUsageError(f"{path}：只支持 .csv 和 .xlsx 文件")
    if not cells or not any(cells[0]):
        raise StoreUsageError(f"{path}：第 1 行应为表头：{'、'.join(c.title for c in item.columns)}")
    names = {c.title: c.id for c in item.columns} | {c.id: c.id for c in item.columns}
    mapping: dict[int, str] = {}
    unmatched: list[str] = []
    for index, header in enumerate(cells[0]):
        header = str(header).strip()
        problem = text_problem(header)
        if problem:
            raise StoreUsageError(f"{path}：第 1 行第 {index + 1} 列（表头）{problem.describe()}；请删去后重试")
        if header in names:
            mapping[index] = names[header]
        elif header:
            unmatched.append(header)
    missing = [c.title for c in item.columns if c.required and c.id not in mapping.values()]
    if missing:
        raise StoreUsageError(f"{path}：表头缺少必填列：{'、'.join(missing)}")
    rows = []
    for number, values in enumerate(cells[1:], start=2):
        if not any(values):
            continue
        rows.append((number, {mapping[i]: v for i, v in enumerate(values) if i in mapping}))
    if not rows:
        raise StoreUsageError(f"{path}：没有数据行")
    _refuse_bad_text(path, item, cells[0], mapping, rows)
    return rows, unmatched


def _refuse_bad_text(path: Path, item: Item, header: list[str], mapping: dict[int, str],
                     rows: list[tuple[int, dict[str, str]]]) -> None:
    """Name every row and column holding a control or invisible character; import nothing if any does.

    The store checks each value again when the rows are added; checked here,
    the message can say which column of the sheet to fix.
    """
    titles = {column_id: str(header[index]).strip() for index, column_id in mapping.items()}
    multiline = {c.id: c.type == "text" for c in item.columns}
    problems = []
    for number, values in rows:
        for column_id, value in values.items():
            problem = text_problem(value, multiline=multiline[column_id])
            if problem:
                problems.append(problem.in_cell(str(path), number, titles[column_id]))
                break
    if problems:
        raise StoreUsageError("\n".join(problems + [f"{path}：有 {len(problems)} 行错误，未导入任何行"]))

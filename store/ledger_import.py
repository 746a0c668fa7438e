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

from checklists.bounds import length_refusal
from checklists.errors import Refusal
from checklists.model import Item
from checklists.text import text_problem

from .errors import os_reason
from .roster_csv import decode


def _cells_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # only when a workbook is imported

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise Refusal("import-not-workbook", source=str(path), error=type(exc).__name__) from None
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
        raise Refusal("import-unreadable", source=str(path), reason=os_reason(exc)) from None
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""))]


def read_rows(path: Path, item: Item) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """(row number, {column id: value}) for each non-empty row, and the unmatched headers."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        cells = _cells_xlsx(path)
    elif suffix in (".csv", ".txt"):
        cells = _cells_csv(path)
    else:
        raise Refusal("import-format", source=str(path))
    if not cells or not any(cells[0]):
        raise Refusal("ledger-header-missing", source=str(path), columns=tuple(c.title for c in item.columns))
    names = {c.title: c.id for c in item.columns} | {c.id: c.id for c in item.columns}
    mapping: dict[int, str] = {}
    unmatched: list[str] = []
    for index, header in enumerate(cells[0]):
        header = str(header).strip()
        problem = text_problem(header)
        if problem:
            header_problem = problem.refusal("header")
            raise Refusal("import-header-text", source=str(path), number=index + 1, **header_problem.fields)
        if header in names:
            mapping[index] = names[header]
        elif header:
            unmatched.append(header)
    missing = [c.title for c in item.columns if c.required and c.id not in mapping.values()]
    if missing:
        raise Refusal("ledger-header-required", source=str(path), columns=tuple(missing))
    rows = []
    for number, values in enumerate(cells[1:], start=2):
        if not any(values):
            continue
        rows.append((number, {mapping[i]: v for i, v in enumerate(values) if i in mapping}))
    if not rows:
        raise Refusal("import-no-rows", source=str(path))
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
            refusal = (problem.refusal(column_id, line=number, column=titles[column_id]) if problem else
                       length_refusal("cell", value, line=number, column=titles[column_id]))
            if refusal:
                problems.append(refusal)
                break
    if problems:
        raise Refusal("import-rejected", source=str(path), problems=tuple(problems), noun="rows")

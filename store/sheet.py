"""The cells of an imported file (a CSV file, or a workbook's first sheet), read faithfully or not at all.

Rosters and ledgers are imported from the sheets offices already keep. What
is imported must be what the person sees in Excel or WPS, so anything the
reader cannot map one to one is refused, naming the file and the cell, rather
than guessed at: a header given twice or matching no field, a cell beyond
the header, and in a workbook (store.xlsx_cells) damage, a formula without
its result, an error value such as #N/A, a merged cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from checklists.bounds import length_refusal
from checklists.errors import Refusal
from checklists.text import text_problem

from .errors import os_reason
from .xlsx_cells import column_letter, workbook_cells

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")


@dataclass(frozen=True)
class Sheet:
    """A file's header (row 1) and its non-blank rows below, each with its number as the sheet shows it."""

    source: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 with or without BOM, else GB18030 (a superset of GBK and GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refusal("import-encoding", source=str(path))


def read_sheet(path: Path) -> Sheet:
    """The cells of ``path`` as stripped text, by its suffix; refused as a whole when any cannot be read as shown."""
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        cells = workbook_cells(path)
    elif suffix in CSV_SUFFIXES:
        cells = _csv_cells(path)
    else:
        raise Refusal("import-format", source=str(path))
    header = tuple(cells[0][1]) if cells else ()
    rows = tuple((number, tuple(values)) for number, values in cells if number > 1 and any(values))
    return Sheet(str(path), header, rows)


def header_columns(sheet: Sheet, names: Mapping[str, str], known: Sequence[str],
                   required: Callable[[Set[str]], None]) -> dict[str, int]:
    """Which column (0-based) holds each field, from headers matched case-insensitively by ``names``.

    Refuses a header with a control character, a field given by two columns,
    headers that match no field (listed, with ``known`` as the ones that do)
    and any cell in a column without a header: each would otherwise be
    dropped or overwritten without a word. ``required`` refuses the fields
    found when one that must be there is not; it is asked before unknown
    headers are, so a file whose first row is data is told what the header
    should be, not that its names and dates are unknown headers.
    """
    source = sheet.source
    columns: dict[str, list[int]] = {}
    unknown: list[str] = []
    for index, header in enumerate(sheet.header):
        problem = text_problem(header)
        if problem:
            raise Refusal("import-header-text", source=source, number=index + 1, **problem.refusal("header").fields)
        if not header:
            continue
        key = names.get(header.casefold())
        if key is None:
            unknown.append(f"“{header}”（第 {index + 1} 列）")
        else:
            columns.setdefault(key, []).append(index)
    for indexes in columns.values():
        if len(indexes) > 1:
            raise Refusal("import-header-repeated", source=source, headers=tuple(sheet.header[i] for i in indexes),
                          columns=tuple(i + 1 for i in indexes))
    required(columns.keys())
    if unknown:
        raise Refusal("import-header-unknown", source=source, headers=tuple(unknown), known=tuple(known))
    _refuse_cells_without_header(sheet)
    return {key: indexes[0] for key, indexes in columns.items()}


def _refuse_cells_without_header(sheet: Sheet) -> None:
    headed = {index for index, header in enumerate(sheet.header) if header}
    extra = [(number, index) for number, values in sheet.rows for index, value in enumerate(values)
             if value and index not in headed]
    if extra:
        number, index = extra[0]
        raise Refusal("import-extra-cells", source=sheet.source, row=number, column=index + 1,
                      cell=f"{column_letter(index + 1)}{number}", count=len(extra))


def bad_text(sheet: Sheet, columns: Mapping[str, int], multiline: Iterable[str] = (),
             length_field: Callable[[str], str] = lambda key: key) -> list[Refusal]:
    """For each row holding a control or invisible character, or a cell longer than its field holds, the first
    such cell, named by row and column. ``length_field`` names the bound a column's cells keep to."""
    lines = frozenset(multiline)
    problems = []
    for number, values in sheet.rows:
        for key, index in columns.items():
            value = values[index] if index < len(values) else ""
            problem = text_problem(value, multiline=key in lines)
            where = {"line": number, "column": sheet.header[index]}
            refusal = problem.refusal(key, **where) if problem else length_refusal(length_field(key), value, **where)
            if refusal:
                problems.append(refusal)
                break
    return problems


def _csv_cells(path: Path) -> list[tuple[int, list[str]]]:
    try:
        text = decode(path.read_bytes(), path)
    except OSError as exc:
        raise Refusal("import-unreadable", source=str(path), reason=os_reason(exc)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    cells = []
    try:
        # Numbered by record, as Excel and WPS number the rows of a CSV file they open.
        for number, row in enumerate(reader, start=1):
            cells.append((number, [c.strip() for c in row]))
    except csv.Error:
        raise Refusal("import-csv-malformed", source=str(path), line=reader.line_num) from None
    return cells

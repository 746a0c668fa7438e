"""The cells of an imported file (a CSV file, or a workbook's first sheet), read faithfully or not at all.

Rosters and ledgers are imported from the sheets offices already keep. What
is imported must be what the person sees in Excel or WPS, so anything the
reader cannot map one to one is refused, naming the file and the cell, rather
than guessed at: a damaged or encrypted workbook, a formula whose result the
file does not hold (openpyxl and some other programs write formulas without
one; Excel shows a value, we would read nothing), an error value such as
#N/A, a header given twice or matching no field, a cell beyond the header.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from checklists.errors import Refusal
from checklists.text import text_problem

from .errors import os_reason

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: an .xls, or an .xlsx with a password to open
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_PART = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted OOXML file keeps its zip in


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
        cells = _workbook_cells(path)
    elif suffix in CSV_SUFFIXES:
        cells = _csv_cells(path)
    else:
        raise Refusal("import-format", source=str(path))
    header = tuple(cells[0][1]) if cells else ()
    rows = tuple((number, tuple(values)) for number, values in cells if number > 1 and any(values))
    return Sheet(str(path), header, rows)


def column_letter(number: int) -> str:
    """A spreadsheet's name for a 1-based column (1 is A, 27 is AA), for CSV files opened in Excel too."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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


def bad_text(sheet: Sheet, columns: Mapping[str, int], multiline: Iterable[str] = ()) -> list[Refusal]:
    """For each row holding a control or invisible character, the first such cell, named by row and column."""
    lines = frozenset(multiline)
    problems = []
    for number, values in sheet.rows:
        for key, index in columns.items():
            problem = text_problem(values[index] if index < len(values) else "", multiline=key in lines)
            if problem:
                problems.append(problem.refusal(key, line=number, column=sheet.header[index]))
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


def _workbook_cells(path: Path) -> list[tuple[int, list[str]]]:
    """Each row of the first sheet, numbered as Excel numbers it; blank rows included, to keep the numbers."""
    from openpyxl import load_workbook  # only when a workbook is imported

    _refuse_not_zip(path)
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops on reading (a drop-down list's data validation, drawings):
        # none of them holds a cell's value, and a Python warning is noise on the user's terminal.
        warnings.simplefilter("ignore")
        return _read_workbook(path, load_workbook)


def _read_workbook(path: Path, load_workbook: Callable[..., Any]) -> list[tuple[int, list[str]]]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise Refusal("import-unreadable", source=str(path), reason=os_reason(exc)) from None
    except Exception as exc:  # openpyxl raises many types for a damaged file; each means the same to the user
        raise Refusal("import-not-workbook", source=str(path), why=_damage(exc)) from None
    try:
        if not book.worksheets:
            raise Refusal("import-not-workbook", source=str(path), why="no-sheet")
        sheet = book.worksheets[0]
        # The dimension a file declares may be wrong (some programs write A1); read every cell there is.
        sheet.reset_dimensions()
        rows = [list(values) for values in sheet.iter_rows(values_only=True)]
        _refuse_formulas(path, _formula_cells(book, sheet))
    except (Refusal, OSError):
        raise
    except Exception as exc:  # damage met while reading the sheet (the cells are parsed lazily)
        raise Refusal("import-not-workbook", source=str(path), why=_damage(exc)) from None
    finally:
        book.close()
    return [(number, [_text(v) for v in values]) for number, values in enumerate(rows, start=1)]


def _refuse_not_zip(path: Path) -> None:
    """An encrypted workbook, an old .xls, a truncated download or another file named .xlsx, told apart."""
    try:
        with path.open("rb") as file:
            start = file.read(len(CFB_MAGIC))
            if start == CFB_MAGIC:
                encrypted = ENCRYPTED_PART in file.read()
                raise Refusal("import-not-workbook", source=str(path), why="encrypted" if encrypted else "old-format")
        if zipfile.is_zipfile(path):
            return
    except OSError as exc:
        raise Refusal("import-unreadable", source=str(path), reason=os_reason(exc)) from None
    raise Refusal("import-not-workbook", source=str(path), why="truncated" if start.startswith(ZIP_MAGIC) else "not-zip")


def _damage(exc: Exception) -> str:
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return "zip"
    if isinstance(exc, SyntaxError):  # xml.etree's ParseError and lxml's XMLSyntaxError both are
        return "xml"
    if isinstance(exc, KeyError):  # a part every workbook has is missing: a .docx or a plain zip, renamed
        return "not-xlsx"
    return "content"


def _formula_cells(book: Any, sheet: Any) -> Iterable[tuple[str, str | None]]:
    """(cell, error value or None) for each formula cell whose result the file does not hold, or holds as an error.

    openpyxl reads such a cell as empty (data_only), and cannot tell an empty
    result ("" from =IF(…,"",…), which Excel writes as t="str" and an empty
    <v>) from none at all, so the sheet's XML is scanned for them here. The
    part is found through openpyxl's read-only worksheet (its archive and
    path), so both read the same sheet.
    """
    from xml.etree.ElementTree import iterparse

    with book._archive.open(sheet._worksheet_path) as source:
        row_number, column = 0, 0
        for event, element in iterparse(source, events=("start", "end")):
            name = element.tag.rpartition("}")[2]
            if name == "row" and event == "start":
                row_number = int(element.get("r") or row_number + 1)
                column = 0
            if event != "end":
                continue
            if name == "c":
                ref = element.get("r")
                column = _column_of(ref) if ref else column + 1
                kind = element.get("t", "n")
                if any(child.tag.rpartition("}")[2] == "f" for child in element):
                    value = next((child.text or "" for child in element if child.tag.rpartition("}")[2] == "v"), "")
                    cell = f"{column_letter(column)}{row_number}"
                    if kind == "e":
                        yield cell, value
                    elif not value and kind != "str":
                        yield cell, None
            elif name == "row":
                element.clear()


def _column_of(ref: str) -> int:
    number = 0
    for char in ref:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


def _refuse_formulas(path: Path, found: Iterable[tuple[str, str | None]]) -> None:
    cells = list(found)
    uncached = [cell for cell, error in cells if error is None]
    if uncached:
        raise Refusal("import-formula-uncached", source=str(path), cell=uncached[0], count=len(uncached))
    if cells:
        cell, error = cells[0]
        raise Refusal("import-formula-error", source=str(path), cell=cell, value=error, count=len(cells))


def _text(value: object) -> str:
    """A cell's value as the text a ledger or roster stores: dates as ISO dates, the rest as written."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).strip()

"""The cells of a workbook's first sheet, as Excel shows them, or a refusal saying why they cannot be.

openpyxl reads the values. What it cannot say is checked here: the file
may not be a workbook at all (an encrypted one, an .xls, a truncated
download), a formula may have no result stored (openpyxl reads it as
empty) or an error for one, a cell may hold an error value with no formula
(read as its text, "#N/A"), and a merged cell shows one value across cells
of which only the first holds it. The sheet's XML is scanned for these
beside openpyxl's reading, through openpyxl's read-only worksheet (its
archive and part path), so both read the same sheet.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from checklists.errors import Refusal

from .errors import os_reason

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: an .xls, or an .xlsx with a password to open
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_PART = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted OOXML file keeps its zip in


def column_letter(number: int) -> str:
    """A spreadsheet's name for a 1-based column (1 is A, 27 is AA), for CSV files opened in Excel too."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook_cells(path: Path) -> list[tuple[int, list[str]]]:
    """Each row of the first sheet, numbered as Excel numbers it; blank rows included, to keep the numbers."""
    _refuse_not_zip(path)
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops on reading (a drop-down list's data validation, drawings):
        # none of them holds a cell's value, and a Python warning is noise on the user's terminal.
        warnings.simplefilter("ignore")
        return _read_workbook(path)


def _read_workbook(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # only when a workbook is imported

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
        _refuse_unread(path, _scan(path))
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
    """Which kind of damage an exception from openpyxl (or the zip and XML parsers under it) means."""
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return "zip"
    if isinstance(exc, SyntaxError):  # xml.etree's ParseError and lxml's XMLSyntaxError both are
        return "xml"
    if isinstance(exc, KeyError):  # a part every workbook has is missing: a .docx or a plain zip, renamed
        return "not-xlsx"
    return "content"


def _first_sheet_part(archive: zipfile.ZipFile) -> str:
    """The zip member holding the workbook's first sheet, as the package's own relationships name it
    (the same sheet openpyxl reads as ``worksheets[0]``)."""
    from xml.etree.ElementTree import fromstring

    book = fromstring(archive.read("xl/workbook.xml"))
    first = next(e for e in book.iter() if e.tag.rpartition("}")[2] == "sheet")
    rid = next(value for key, value in first.attrib.items() if key.rpartition("}")[2] == "id")
    rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(e.get("Target", "") for e in rels.iter() if e.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


@dataclass
class _Unread:
    """What the sheet's XML holds that openpyxl's values do not show, each by cell (or range) name."""

    uncached: list[str] = field(default_factory=list)  # formulas without a stored result
    errors: list[tuple[str, str]] = field(default_factory=list)  # formulas whose result is #N/A, #REF!…
    error_values: list[tuple[str, str]] = field(default_factory=list)  # #N/A… typed or pasted as a value
    merged: list[str] = field(default_factory=list)


def _scan(path: Path) -> _Unread:
    """Formula cells without a result or with an error for one, and merged ranges, from the sheet's XML.

    openpyxl reads a formula without a result as empty (data_only), and
    cannot tell it from an empty result ("" from =IF(…,"",…), which Excel
    writes as t="str" and an empty <v>); its read-only worksheet does not
    read merged ranges at all.
    """
    from xml.etree.ElementTree import iterparse

    found = _Unread()
    with zipfile.ZipFile(path) as archive, archive.open(_first_sheet_part(archive)) as source:
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
                parts = {child.tag.rpartition("}")[2]: child.text or "" for child in element}
                cell, kind, value = f"{column_letter(column)}{row_number}", element.get("t", "n"), parts.get("v", "")
                if kind == "e" and "f" not in parts:  # openpyxl reads it as the text "#N/A"
                    found.error_values.append((cell, value))
                if "f" in parts:
                    if kind == "e":
                        found.errors.append((cell, value))
                    elif not value and kind != "str":
                        found.uncached.append(cell)
            elif name == "row":
                element.clear()
            elif name == "mergeCell" and element.get("ref"):
                found.merged.append(element.get("ref", ""))
    return found


def _column_of(ref: str) -> int:
    number = 0
    for char in ref:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


def _refuse_unread(path: Path, found: _Unread) -> None:
    """The first kind of cell found that openpyxl's values would misread, named with how many more there are."""
    source = str(path)
    if found.uncached:
        raise Refusal("import-formula-uncached", source=source, cell=found.uncached[0], count=len(found.uncached))
    if found.errors:
        cell, error = found.errors[0]
        raise Refusal("import-formula-error", source=source, cell=cell, value=error, count=len(found.errors))
    if found.error_values:
        cell, error = found.error_values[0]
        raise Refusal("import-error-value", source=source, cell=cell, value=error, count=len(found.error_values))
    if found.merged:
        raise Refusal("import-merged-cells", source=source, cells=found.merged[0], count=len(found.merged))


def _text(value: object) -> str:
    """A cell's value as the text a ledger or roster stores: dates as ISO dates, the rest as written."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).strip()

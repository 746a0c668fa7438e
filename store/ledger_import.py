"""Reading ledger rows from the sheets offices already keep: CSV (UTF-8 or GBK) and XLSX.

The header row is matched to the ledger's column titles (or ids); a header
that matches nothing, or a column given twice, refuses the file (see
store.sheet). Values are checked by the same rules as rows typed by hand, and
one bad row stops the whole file.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from checklists.errors import Refusal
from checklists.model import Item

from .sheet import bad_text, header_columns, read_sheet


def read_rows(path: Path, item: Item) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column id: value}) for each non-empty row."""
    sheet = read_sheet(path)
    if not any(sheet.header):
        raise Refusal("ledger-header-missing", source=str(path), columns=tuple(c.title for c in item.columns))
    names = {c.title.casefold(): c.id for c in item.columns} | {c.id.casefold(): c.id for c in item.columns}

    def required(found: Set[str]) -> None:
        missing = [c.title for c in item.columns if c.required and c.id not in found]
        if missing:
            raise Refusal("ledger-header-required", source=str(path), columns=tuple(missing))

    columns = header_columns(sheet, names, [c.title for c in item.columns], required)
    if not sheet.rows:
        raise Refusal("import-no-rows", source=str(path))
    # The store checks each value again when the rows are added; checked here,
    # the message can say which column of the sheet to fix.
    problems = bad_text(sheet, columns, multiline=[c.id for c in item.columns if c.type == "text"],
                        length_field=lambda key: "cell")
    if problems:
        raise Refusal("import-rejected", source=str(path), problems=tuple(problems), noun="rows")
    return [(number, {key: values[index] if index < len(values) else "" for key, index in columns.items()})
            for number, values in sheet.rows]

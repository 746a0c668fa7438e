"""Refreshing a DataTable in place.

Clearing and refilling a table on every reload (after each tick, and each
time someone else writes) makes it flash with header-only column widths until
Textual re-measures, moves the cursor, and costs a full re-measure of every
cell. When the rows are the same ones, only the changed cells are updated.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from checklists.text import visible

from ...render.literal import literal as text_of

Cell = str | Text


def literal(cell: Cell) -> Text:
    """A cell shown exactly as typed, on one line, with controls written out (``\x1b``).

    DataTable reads a plain str as Rich markup: a note like "见附件[/]" would
    crash the screen and "[b]" would vanish. Text is also drawn without the
    markup parser, which is a third of the cost of a first paint's cells.
    A Text cell is ours, but may have been built from stored text: checked too.
    """
    if isinstance(cell, str):
        return text_of(cell, end="", no_wrap=True)
    plain = cell.plain
    if plain.isprintable() or visible(plain, multiline=False) == plain:
        return cell
    return text_of(plain, cell.style, end="", no_wrap=True)


def clipped(text: str, width: int) -> Text:
    """At most ``width`` cells, ending in "…" when cut: a long title must not push the columns after it off screen."""
    cell = literal(text)
    if cell.cell_len > width:
        cell.truncate(width, overflow="ellipsis")
    return cell


def sync_rows(table: DataTable, rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
    """Make ``table`` show ``rows`` (key, cells), updating in place when the keys match."""
    rows = [(key, [literal(cell) for cell in cells]) for key, cells in rows]
    keys = [key for key, _ in rows]
    if keys and keys == [k.value for k in table.rows]:
        columns = list(table.columns)
        for key, cells in rows:
            old = table.get_row(key)
            for column, new, before in zip(columns, cells, old):
                if str(new) != str(before) or new.style != getattr(before, "style", None):
                    table.update_cell(key, column, new, update_width=True)
        return
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)

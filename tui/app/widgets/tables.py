"""Tables: refreshed in place, sized to the screen, Home and End to the first and last rows.

Clearing and refilling a table on every reload (after each tick, and each
time someone else writes) makes it flash with header-only column widths until
Textual re-measures, moves the cursor, and costs a full re-measure of every
cell. When the rows are the same ones, only the changed cells are updated.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
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
    return text_of(plain, str(cell.style), end="", no_wrap=True)


def clipped(text: str, width: int) -> Text:
    """At most ``width`` cells, ending in "…" when cut: a long title must not push the columns after it off screen."""
    cell = literal(text)
    if cell.cell_len > width:
        cell.truncate(width, overflow="ellipsis")
    return cell


def sync_rows(table: DataTable, rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
    """Make ``table`` show ``rows`` (key, cells), updating in place when the keys match."""
    texts = [(key, [literal(cell) for cell in cells]) for key, cells in rows]
    keys = [key for key, _ in texts]
    if keys and keys == [k.value for k in table.rows]:
        columns = list(table.columns)
        for key, cells in texts:
            old = table.get_row(key)
            for column, new, before in zip(columns, cells, old, strict=False):  # a new column has no old cell
                if str(new) != str(before) or new.style != getattr(before, "style", None):
                    table.update_cell(key, column, new, update_width=True)
        return
    table.clear()
    for key, cells in texts:
        table.add_row(*cells, key=key)


class Table(DataTable):
    """A DataTable whose Home and End go to the first and last rows, as people expect of a list.

    (DataTable's own move to the first and last column, which in a matrix is
    rarely wanted and in a list does nothing.)
    """

    BINDINGS = [
        Binding("home", "scroll_top", "第一行", show=False),
        Binding("end", "scroll_bottom", "最后一行", show=False),
    ]


# Each column is drawn with one cell of padding either side.
PADDING = 2


def flexible_width(total: int, fixed: Sequence[int], *, least: int = 8) -> int:
    """Cells left for the one column that gives way (a title), after the others and their padding.

    ``total`` is the table's width less its scrollbar. Numbers and dates
    keep their full width; the title is what gets "…".
    """
    return max(least, total - sum(fixed) - PADDING * (len(fixed) + 1))


def widest(cells: Sequence[Cell], least: int = 0) -> int:
    return max([least, *(literal(c).cell_len for c in cells)])


def set_columns(table: DataTable, columns: Sequence[tuple[str, str, int]]) -> None:
    """Give ``table`` these (key, title, width) columns; rows go too when they change (the caller refills)."""
    current = [(c.key.value, c.label.plain, c.width) for c in table.columns.values()]
    if current == [(key, title, width) for key, title, width in columns]:
        return
    table.clear(columns=True)
    for key, title, width in columns:
        table.add_column(title, key=key, width=width)


def fit_line(parts: Sequence[tuple[str, int | None]], width: int, sep: str = "  ") -> Text:
    """One line of ``parts`` within ``width`` cells: parts with a minimum give way, from the last, down to it.

    Parts with no minimum (a date, "只读") are never cut; the rest end in "…".
    What still does not fit is cut at the end, so the line never wraps.
    """
    texts = [literal(text) for text, _ in parts]
    over = sum(t.cell_len for t in texts) + len(sep) * (len(texts) - 1) - width
    for index in reversed(range(len(parts))):
        least = parts[index][1]
        if over <= 0 or least is None:
            continue
        room = max(least, texts[index].cell_len - over)
        if room < texts[index].cell_len:
            over -= texts[index].cell_len - room
            texts[index].truncate(room, overflow="ellipsis")
    line = Text(sep).join(texts)
    line.no_wrap = True
    if line.cell_len > width:
        line.truncate(width, overflow="ellipsis")
    return line

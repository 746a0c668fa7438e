"""The inspection workbook (台账) as an XLSX file, written with openpyxl in write-only mode.

Write-only mode streams each row to disk instead of building every cell in
memory first: a year of 100,000 events writes about twice as fast, in a
fraction of the memory. It still supports what a printed 台账 needs (column
widths, frozen panes, repeated header rows, page setup, headers and footers,
merged cells, styled cells and links between sheets), provided each sheet's
column widths and frozen panes are set before its first row, and a row's
height before that row.

Every str becomes a text cell: all text goes through
checklists.text.spreadsheet_text (a leading "'" before "=", "+", "-", "@"…,
so openpyxl never takes it for a formula), and the strings it would take
for an error value ("#N/A") are written as explicit text cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from checklists.text import spreadsheet_text

from .workbook_sheets import Table, display_width

A4 = 9  # openpyxl's PAPERSIZE_A4, not exposed on write-only sheets
HEADER_FILL = "D9D9D9"
TITLE_SIZE = 16
HEADER_TEXT_LIMIT = 80  # Excel allows 255 characters for a header or footer in all
LINE_HEIGHT = 15.0  # points, for one line of 11-point text in a Chinese font
MAX_LINES = 15  # Excel's tallest row is 409 points
COVER_WIDTHS = (18, 100)


@dataclass
class Cover:
    """The cover sheet's facts: what the printout is, when, by whom, and which state of the data."""

    org: str
    year: int
    generated: str
    account: str
    database: str
    scope: str  # which checklists, branch or person, or 全部
    verified: str  # verify's verdict, one line
    problems: list[str] = field(default_factory=list)
    events: int = 0
    seal: str = ""


class _Cells:
    """Cell factory for one workbook: shared styles, and text that can never be a formula."""

    def __init__(self, wb: Any):
        from openpyxl.cell.cell import ERROR_CODES, Cell
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        self.Cell = Cell
        self.error_codes = frozenset(ERROR_CODES)
        thin = Side(style="thin", color="808080")
        self.header_font = Font(bold=True)
        self.title_font = Font(bold=True, size=TITLE_SIZE)
        self.link_font = Font(color="0563C1", underline="single")
        # Styles used by thousands of cells are named styles: each cell takes a copy of one small index
        # array, where setting a font or an alignment would make openpyxl hash the object for every cell.
        header = dict(font=self.header_font, fill=PatternFill("solid", fgColor=HEADER_FILL),
                      border=Border(left=thin, right=thin, top=thin, bottom=thin))
        self.styles = {}
        for name, style in [("台账换行", NamedStyle("台账换行", alignment=Alignment(vertical="top", wrap_text=True))),
                            ("台账表头", NamedStyle("台账表头", **header)),
                            ("台账表头换行", NamedStyle("台账表头换行", alignment=Alignment(
                                horizontal="center", vertical="center", wrap_text=True), **header))]:
            wb.add_named_style(style)
            self.styles[name] = style.as_tuple()
        self.memo: dict[str, tuple[str, int, bool]] = {}

    def styled(self, ws: Any, safe: str, style: str | None) -> Any:
        """A text cell (never a formula or an error value) in one of the named styles, or none."""
        cell = self.Cell(ws, row=1, column=1, value=safe, style_array=copy(self.styles[style]) if style else None)
        cell.data_type = "s"
        return cell

    def text(self, ws: Any, value: str, *, wrap: bool = False) -> Any:
        """A str for a row: made safe, and an explicit text cell only where openpyxl would guess otherwise."""
        return self.cell(ws, spreadsheet_text(value), wrap=wrap, special=value in self.error_codes)

    def cell(self, ws: Any, safe: str, *, wrap: bool, special: bool) -> Any:
        """``safe`` (already through spreadsheet_text) as openpyxl should take it."""
        if wrap or special:  # "#N/A" typed as a note is text, not Excel's error value
            return self.styled(ws, safe, "台账换行" if wrap else None)
        return safe

    def known(self, value: str) -> tuple[str, int, bool]:
        """(safe text, display width, needs an explicit text cell), worked out once per distinct string.

        A year's sheets repeat the same few thousand strings (names, titles,
        periods, states) across a hundred thousand cells.
        """
        found = self.memo.get(value)
        if found is None:
            safe = spreadsheet_text(value)
            width = display_width(safe) if "\n" not in safe else 1 << 20  # several lines: always wrapped
            found = self.memo[value] = (safe, width, safe in self.error_codes)
        return found

    def header(self, ws: Any, value: str, *, wrap: bool = False) -> Any:
        return self.styled(ws, spreadsheet_text(value), "台账表头换行" if wrap else "台账表头")


def _page(ws: Any, org: str, year: int, title: str, footer: str, *, header_rows: str | None = "1:1") -> None:
    """A4 landscape, as wide as the page, header row on every page, org and year on top, page numbers below."""
    _fit_to_page(ws)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.print_options.gridLines = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    if header_rows:
        ws.print_title_rows = header_rows
    ws.oddHeader.left.text = _hf(org)
    ws.oddHeader.center.text = _hf(title)
    ws.oddHeader.right.text = f"{year}年度"
    ws.oddFooter.left.text = _hf(footer)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _fit_to_page(ws: Any) -> None:
    """Scale to the page (the sheet's properties, written before its rows, unlike the rest of the page setup)."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _hf(text: str) -> str:
    """Header and footer text: "&" starts a code there (&P is the page number), so a typed "&" is doubled."""
    return spreadsheet_text(text)[:HEADER_TEXT_LIMIT].replace("&", "&&")


def _widths(ws: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for n, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(n)].width = width


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def build_workbook(tables: Iterable[Table], cover: Callable[[], Cover]) -> tuple[Any, int]:
    """The workbook, every sheet written, ready to save; and how many cells it holds (the benchmark's floor).

    Each table is written as it comes (they may still be being built);
    ``cover`` is asked for its facts once every sheet's rows are written: the
    verdict of a verify that ran meanwhile. Page setup, headers and footers
    are written when a sheet is closed, on saving, so they can name them.
    Nothing is written to the target until the caller saves; a workbook it
    does not save must be given to discard.
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        cells = _Cells(wb)
        cover_ws = wb.create_sheet("封面")  # first in the file; filled last
        toc = wb.create_sheet("目录")
        sheets = [(_table(wb, cells, table), table) for table in tables]
        done = [table for _, table in sheets]
        facts = cover()
        footer = f"生成于 {facts.generated}　封印 {facts.seal[:16] or '无'}"
        for ws, table in sheets:
            _page(ws, facts.org, facts.year, table.title, footer)
            if table.legend:
                ws.oddFooter.right.text = _hf(table.legend)
        written = sum(len(table.header) * (len(table.rows) + 1) for table in done)
        written += _toc(toc, cells, done, facts, footer)
        written += _cover(cover_ws, cells, facts)
    except BaseException:  # a damaged shard met halfway, Ctrl-C
        discard(wb)
        raise
    return wb, written


def discard(wb: Any) -> None:
    """Close a half-written workbook's sheets in order and remove their temporary files.

    Left open, each sheet's XML writer is finalised at exit in no particular
    order, and lxml prints a traceback for every one of them under the
    one-line error the user should see.
    """
    for ws in wb.worksheets:
        with suppress(Exception):
            ws.close()
        writer = getattr(ws, "_writer", None)  # openpyxl's per-sheet stream, removed on save
        if writer is not None:
            with suppress(OSError):
                writer.cleanup()


def _table(wb: Any, cells: _Cells, table: Table) -> Any:
    ws = wb.create_sheet(table.name)
    _fit_to_page(ws)
    _widths(ws, table.widths)
    ws.freeze_panes = table.freeze
    # Rows are given heights where text wraps: LibreOffice does not size them on opening, Excel does not print them.
    rooms = [max(w - 1, 1) for w in table.widths]
    if table.wrap_header:
        ws.row_dimensions[1].height = LINE_HEIGHT * max(_lines(h, rooms[n]) for n, h in enumerate(table.header))
    ws.append([cells.header(ws, h, wrap=table.wrap_header) for h in table.header])
    memo, known, cell, append = cells.memo, cells.known, cells.cell, ws.append
    for number, row in enumerate(table.rows, 2):
        line: list[Any] = []
        tallest = 1
        for n, value in enumerate(row):
            if value.__class__ is not str:
                line.append(value)
            elif not value:
                line.append(None)  # no cell at all: an empty one costs as much to write as a full one
            else:
                safe, width, special = memo.get(value) or known(value)
                wrap = width > rooms[n]
                if wrap:
                    tallest = max(tallest, _lines(safe, rooms[n]))
                line.append(cell(ws, safe, wrap=wrap, special=special) if wrap or special else safe)
        if tallest > 1:
            ws.row_dimensions[number].height = LINE_HEIGHT * min(tallest, MAX_LINES)
        append(line)
    return ws


def _lines(text: str, room: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``room`` characters wide."""
    return sum(max(1, -(-display_width(part) // int(room))) for part in text.split("\n"))


def _toc(ws: Any, cells: _Cells, tables: Sequence[Table], cover: Cover, footer: str) -> int:
    header = ["序号", "工作表", "内容", "类别", "行数", "情况"]
    _widths(ws, [6, 34, 40, 10, 8, 40])
    ws.freeze_panes = "A2"
    _page(ws, cover.org, cover.year, "目录", footer)
    ws.append([cells.header(ws, h) for h in header])
    for n, table in enumerate(tables, 1):
        link = cells.styled(ws, spreadsheet_text(table.name), None)
        link.hyperlink = _internal_link(f"{_quoted(table.name)}!A1")
        link.font = cells.link_font
        ws.append([n, link, cells.text(ws, table.title), table.kind, len(table.rows), cells.text(ws, table.summary)])
    return len(header) * (len(tables) + 1)


def _internal_link(location: str) -> Any:
    from openpyxl.worksheet.hyperlink import Hyperlink

    return Hyperlink(ref="", location=location)


def _cover(ws: Any, cells: _Cells, cover: Cover) -> int:
    _widths(ws, COVER_WIDTHS)
    _page(ws, cover.org, cover.year, "封面", f"生成于 {cover.generated}", header_rows=None)
    ws.merged_cells.add("A1:B1")
    ws.row_dimensions[1].height = 2 * TITLE_SIZE
    title = cells.styled(ws, spreadsheet_text(f"{cover.org}{cover.year}年度全面从严治党主体责任台账"), None)
    title.font = cells.title_font
    ws.append([title, None])
    ws.append([])
    lines: list[tuple[str, str]] = [
        ("单位", cover.org or "（未设置单位名称）"),
        ("年度", f"{cover.year}年"),
        ("范围", cover.scope),
        ("生成时间", cover.generated),
        ("生成账户", cover.account),
        ("数据库", cover.database),
        ("数据校验", cover.verified),
        ("事件总数", str(cover.events)),
        ("封印哈希", cover.seal or "（数据库尚未封印）"),
        ("核对方法", "在服务器上运行 duty-tui verify：数据未被改动、也没有新的修改时，它显示的封印哈希与上面的一致；"
                 "有新的修改时哈希会变，可重新导出后再核对"),
    ]
    lines += [("发现的问题" if n == 0 else "", p) for n, p in enumerate(cover.problems)]
    for number, (label, value) in enumerate(lines, 3):
        tall = _lines(value, COVER_WIDTHS[1] - 1)
        if tall > 1:
            ws.row_dimensions[number].height = LINE_HEIGHT * min(tall, MAX_LINES)
        name = cells.styled(ws, spreadsheet_text(label), None)
        name.font = cells.header_font
        ws.append([name, cells.text(ws, value, wrap=True)])
    return 2 * (len(lines) + 1)

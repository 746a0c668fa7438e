"""`duty-tui status` as a Rich table: an overview per checklist, then the open items."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from checklists.model import subject_label
from checklists.outstanding import Row
from checklists.query import Progress, Rollup, person_of
from checklists.text import visible

from .bar import bar
from .literal import literal
from .status_words import progress_text, rollup_text

BAR_WIDTH = 10


def header(database: str, as_of: date, period: str | None, since: date | None = None) -> Text:
    text = Text("全面从严治党主体责任 待办情况\n", style="bold")
    scope = period or ("各清单当前周期，及" + (f" {since.isoformat()} " if since else "") + "以来未完成的")
    text.append(f"数据库：{visible(database, multiline=False)}\n截至：{as_of.isoformat()}    周期：{scope}")
    return text


def overview_table(progress: list[Progress]) -> Table:
    table = Table(show_edge=False, pad_edge=False, title="各清单进度", title_justify="left")
    table.add_column("清单", ratio=1, overflow="fold")
    table.add_column("进度", no_wrap=True)
    table.add_column("完成/应办", justify="right", no_wrap=True)
    table.add_column("逾期", justify="right", no_wrap=True)
    for p in progress:
        late = str(p.overdue) if p.overdue else "-"
        table.add_row(literal(p.checklist.title), Text(f"[{bar(p.done, p.total, BAR_WIDTH)}]"), f"{p.done}/{p.total}",
                      late)
    return table


NO_GROUP = {"person": "未指定责任人", "branch": "不属于支部", "dept": "不属于科室"}


def group_title(row: Row, by: str) -> str:
    if by == "checklist":
        return row.checklist.title
    name = {"person": person_of(row), "branch": row.branch, "dept": row.dept}[by]
    return subject_label(name) if name else NO_GROUP[by]


Cell = tuple[str, ...]  # ("lit", text, style, "1" if multiline else "") or ("str", text) or ("text", text, style)


def open_item_cells(rows: list[Row], by: str, rolled: list[Rollup] | None = None) -> list[tuple[Cell, ...]]:
    """The open items table's rows as plain values: everything it shows, so equal cells render equal bytes."""
    rolled = rolled or []
    # Groups in the order of the rows (overdue first); a group's year roll-ups before its single rows.
    groups: dict[str, list[Row | Rollup]] = {group_title(r, by): [] for r in rows}
    groups = defaultdict(list, groups)
    for u in rolled:
        groups[group_title(u.first, by)].append(u)
    for r in rows:
        groups[group_title(r, by)].append(r)
    empty: Cell = ("str", "")
    cells: list[tuple[Cell, ...]] = []
    for title, group in groups.items():
        cells.append((("lit", f"【{title}】", "bold", ""), empty, empty, empty, empty))
        for entry in group:
            if isinstance(entry, Rollup):
                r = entry.first
                other = r.checklist.title if by == "person" else (r.owner or subject_label(r.subject))
                late: Cell = ("text", f"{len(entry.overdue)}期", "bold") if entry.overdue else ("text", "", "")
                cells.append((("lit", f"  {r.item.title}", "", ""), ("lit", other, "", ""), ("str", "-"), late,
                              ("lit", rollup_text(entry), "", "")))
                continue
            r = entry
            other = r.checklist.title if by == "person" else (r.owner or subject_label(r.subject))
            late = ("text", f"{r.days_overdue}天", "bold") if r.days_overdue else ("text", "", "")
            extra = progress_text(r) if r.item.kind != "check" or r.state != "open" else ""
            if r.label and r.item.kind != "ledger":  # e.g. 届满 2026-05-10 for a branch's term
                extra = f"{r.label} {extra}".strip()
            if r.soon:
                extra = f"即将到期 {extra}".strip()
            if r.note:
                extra = f"{extra} {r.note}".strip()
            if r.carried:  # an earlier period's, still open: say which, where the column has room
                extra = f"{r.period.label()} {extra}".strip()
            cells.append((("lit", f"  {r.title}", "", ""), ("lit", other, "", ""),
                          ("str", r.due.isoformat() if r.due else "-"), late, ("lit", extra, "", "1")))
    return cells


def _cell(cell: Cell) -> RenderableType:
    if cell[0] == "lit":
        return literal(cell[1], cell[2], multiline=bool(cell[3]))
    if cell[0] == "text":
        return Text(cell[1], style=cell[2])
    return cell[1]


def open_items_table(rows: list[Row], by: str, rolled: list[Rollup] | None = None,
                     cells: list[tuple[Cell, ...]] | None = None) -> RenderableType:
    """The open items (``cells``: open_item_cells of the same, when the caller has them already)."""
    if not rows and not rolled:
        return Text("没有待办事项。")
    table = Table(show_edge=False, pad_edge=False, title="待办事项（逾期在前）", title_justify="left")
    table.add_column("事项", ratio=3, overflow="fold")
    table.add_column("清单" if by == "person" else "对象", ratio=1, overflow="fold")
    table.add_column("时限", no_wrap=True)
    table.add_column("逾期", justify="right", no_wrap=True)
    table.add_column("进度/备注", ratio=1, overflow="fold")
    for row in cells if cells is not None else open_item_cells(rows, by, rolled):
        table.add_row(*map(_cell, row))
    return table


def render_table(progress: list[Progress], shown: list[Row], database: str, as_of: date, period: str | None,
                 by: str, rolled: list[Rollup] | None = None, since: date | None = None) -> RenderableType:
    return Group(head(progress, database, as_of, period, since), open_items_table(shown, by, rolled))


def head(progress: list[Progress], database: str, as_of: date, period: str | None,
         since: date | None = None) -> RenderableType:
    """Everything above the open items: printed on its own, it gives the same bytes as within render_table."""
    return Group(header(database, as_of, period, since), Text(""), overview_table(progress), Text(""))

"""What each sheet of the inspection workbook holds: header, rows and column widths, before any file is written.

One sheet per checklist (one row per item, period and subject, done or
not), a matrix beside each person-scoped checklist, and for each ledger its
rows and, on a second sheet, every row's stage history. Values are plain str
and int; tui.render.workbook makes them cells (and every str a text cell).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from checklists.annual import Year
from checklists.clock import local_text
from checklists.collation import person_key
from checklists.ledger_history import row_steps
from checklists.model import Checklist, Item, subject_label
from checklists.outstanding import Row
from checklists.records import Event, StateKey

from .words import action_label

STATE_WORDS = {"done": "完成", "open": "未完成", "na": "不适用"}
# Matrix cells: readable in black and white, one character wide in every Chinese font.
MARKS = {"done": "√", "open": "○", "late": "×", "na": "—"}
LEGEND = "√ 完成　○ 未完成（未到时限）　× 逾期未完成　— 不适用　2/3 次数/目标，或按月、按季的事项已完成期数/应办期数"
MATRIX_COLUMN = 10.0
SAMPLE_ROWS = 300  # rows looked at to size a column; more would only cost time
MAX_WIDTH = 36
SHEET_NAME_LIMIT = 31  # Excel's limit
FORBIDDEN_IN_NAME = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass
class Table:
    """One sheet: its name, what it is, the header row and the rows below it."""

    name: str
    title: str  # in the page header and the 目录
    kind: str  # 清单 | 矩阵 | 台账 | 阶段记录
    header: list[str]
    rows: list[list[object]]
    freeze: str = "B2"
    wrap_header: bool = False
    summary: str = ""  # 完成/应办 and 逾期, for the 目录
    widths: list[float] = field(default_factory=list)
    legend: str = ""  # what the marks mean, in the page footer

    def __post_init__(self) -> None:
        if not self.widths:
            self.widths = column_widths(self.header, self.rows)


def display_width(text: str) -> int:
    """Columns a string takes: a CJK character is a little over two digits wide (counted by UTF-8 length, cheaply)."""
    wide = (len(text.encode("utf-8")) - len(text)) // 2
    return len(text) + wide + wide // 5


def column_widths(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[float]:
    widths = [display_width(h) + 2 for h in header]
    for row in rows[:SAMPLE_ROWS]:
        for n, value in enumerate(row):
            if value is None or value == "":
                continue
            text = value if isinstance(value, str) else str(value)
            if "\n" in text:
                width = max(display_width(line) for line in text.split("\n"))
            else:
                width = display_width(text)
            if width + 2 > widths[n]:
                widths[n] = width + 2
    return [float(min(max(w, 6), MAX_WIDTH)) for w in widths]


def sheet_name(number: int, title: str, used: set[str], suffix: str = "") -> str:
    """A unique sheet name Excel accepts: numbered, without []:*?/\\, at most 31 characters."""
    base = title.translate(FORBIDDEN_IN_NAME).strip("' ")
    prefix = f"{number:02d} "
    room = SHEET_NAME_LIMIT - len(prefix) - len(suffix)
    name = prefix + base[:room] + suffix
    while name.lower() in used:
        number += 100
        name = f"{number:02d} " + base[:room - 1] + suffix
    used.add(name.lower())
    return name


def who(account: str, accounts: Mapping[str, str]) -> str:
    """A person's name and account ("张三（zhangsan）"), or the account alone if no one is linked to it."""
    if not account:
        return ""
    name = accounts.get(account)
    return f"{name}（{account}）" if name else account


CHECKLIST_HEADER = ["序号", "事项", "周期", "对象", "支部", "科室", "状态", "次数", "目标", "日期", "时限", "逾期天数",
                    "备注", "佐证", "不适用理由", "最后修改人", "最后修改时间"]


def checklist_table(year: Year, checklist: Checklist, rows: Sequence[Row], name: str,
                    ledger_sheets: Mapping[str, str]) -> Table:
    accounts = year.roster.accounts
    out: list[list[object]] = []
    for row in rows:
        state = year.state(row)
        if row.item.kind == "ledger":
            continue
        counted = row.item.kind == "count"
        out.append([len(out) + 1, row.item.title, row.period.label(), subject_label(row.subject), row.branch, row.dept,
                    STATE_WORDS.get(row.state, row.state), row.count if counted else None,
                    row.item.target if counted else None, "、".join(state.get("dates", [])),
                    row.due.isoformat() if row.due else "", row.days_overdue or None, state.get("note", ""),
                    "；".join(state.get("evidence", [])), state.get("reason", ""),
                    who(state.get("account", ""), accounts), local_text(state.get("updated", ""))])
    for item in checklist.items:
        if item.kind == "ledger" and item.id in ledger_sheets:
            out.append(_ledger_line(len(out) + 1, item, [r for r in rows if r.item.id == item.id],
                                    ledger_sheets[item.id]))
    return Table(name, checklist.title, "清单", CHECKLIST_HEADER, out, freeze="C2",
                 summary=_summary(r for r in rows if r.item.kind != "ledger" or not r.subject))


def _ledger_line(number: int, item: Item, rows: list[Row], sheet: str) -> list[object]:
    """A ledger's line on its checklist's sheet: how many rows, how many signed off, and where they are."""
    registered = next((r for r in rows if not r.subject), None)
    lines = [r for r in rows if r.subject]
    closed = sum(r.state == "done" for r in lines)
    state = STATE_WORDS[registered.state] if registered else ""
    periods = "、".join(dict.fromkeys(r.period.label() for r in rows)) or ""
    return [number, item.title, periods, "党组", "", "", state, None, None, "",
            registered.due.isoformat() if registered and registered.due else "",
            (registered.days_overdue or None) if registered else None,
            f"台账共 {len(lines)} 行，已销号 {closed} 行，见工作表“{sheet}”", "", "", "", ""]


def _summary(rows: Iterable[Row]) -> str:
    due = done = late = 0
    for row in rows:
        if row.state == "na":
            continue
        due += 1
        done += row.state == "done"
        late += row.days_overdue > 0
    return f"完成 {done}/{due}" + (f"，逾期 {late}" if late else "")


def matrix_table(year: Year, checklist: Checklist, rows: Sequence[Row], name: str) -> Table:
    """Person-scoped checklists at a glance: a person per line, an item per column.

    An item with one period shows its mark (or count/target); one with
    several (a monthly duty) shows periods done out of periods due, so a year
    of months stays one column and the sheet stays one page wide.
    """
    items = list(dict.fromkeys(r.item for r in rows))
    people: dict[str, dict[str, list[Row]]] = {}
    for row in rows:
        people.setdefault(row.subject, {}).setdefault(row.item.id, []).append(row)
    out: list[list[object]] = []
    for person, cells in sorted(people.items(), key=lambda found: person_key(found[0])):
        first = next(iter(cells.values()))[0]
        mine = [r for found in cells.values() for r in found]
        done = sum(r.state == "done" for r in mine)
        due = sum(r.state != "na" for r in mine)
        marks = [_mark(cells[i.id]) if i.id in cells else "" for i in items]
        out.append([person, first.branch, first.dept, f"{done}/{due}", *marks])
    header = ["姓名", "支部", "科室", "完成", *(i.title for i in items)]
    widths = [12.0, 12.0, 10.0, 7.0] + [MATRIX_COLUMN] * len(items)
    return Table(name, f"{checklist.title}（矩阵）", "矩阵", header, out, freeze="E2", wrap_header=True,
                 summary=f"{len(out)} 人 × {len(items)} 项", widths=widths, legend=LEGEND)


def _mark(rows: list[Row]) -> str:
    if len(rows) > 1:
        due = [r for r in rows if r.state != "na"]
        late = "×" if any(r.days_overdue > 0 for r in due) else ""
        return f"{sum(r.state == 'done' for r in due)}/{len(due)}{late}"
    row = rows[0]
    if row.state == "na":
        return MARKS["na"]
    if row.item.kind == "count":
        return f"{row.count}/{row.item.target}" + ("×" if row.days_overdue > 0 else "")
    if row.state == "open" and row.days_overdue > 0:
        return MARKS["late"]
    return MARKS[row.state]


def ledger_table(year: Year, item: Item, rows: Sequence[Row], name: str) -> Table:
    """Every row of a ledger with every column, its stage, and the reviewer and evidence of its sign-off."""
    accounts = year.roster.accounts
    header = ["行号", "周期", *(c.title for c in item.columns), "阶段", "状态", "复核人", "佐证", "备注", "逾期天数",
              "最后修改人", "最后修改时间"]
    out: list[list[object]] = []
    lines = [r for r in rows if r.subject]
    for row in lines:
        state = year.state(row)
        fields = state.get("fields", {})
        out.append([row.subject, row.period.label(), *(fields.get(c.id, "") for c in item.columns), row.stage,
                    "已销号" if row.state == "done" else "未销号", state.get("reviewer", ""),
                    "；".join(state.get("evidence", [])), state.get("note", ""), row.days_overdue or None,
                    who(state.get("account", ""), accounts), local_text(state.get("updated", ""))])
    closed = sum(r.state == "done" for r in lines)
    late = sum(r.days_overdue > 0 for r in lines)
    return Table(name, item.title, "台账", header, out, freeze="C2",
                 summary=f"共 {len(lines)} 行，已销号 {closed}" + (f"，逾期 {late}" if late else ""))


HISTORY_HEADER = ["行号", "内容", "时间", "操作", "阶段变化", "修改的列", "理由", "复核人", "佐证", "修改人"]


def history_table(year: Year, item: Item, rows: Sequence[Row], events: Iterable[Event], name: str,
                  ledger_sheet: str) -> Table:
    """Each row's stage history, from its events: the second table of a ledger, on a sheet of its own."""
    accounts = year.roster.accounts
    shown = {StateKey(r.checklist.id, r.item.id, r.period.key, r.subject): r for r in rows if r.subject}
    steps = row_steps(item, (e for e in events if StateKey(e["checklist"], e["item"], e["period"], e["subject"])
                             in shown))
    titles = {c.id: c.title for c in item.columns}
    out: list[list[object]] = []
    for key, row in shown.items():
        for step in steps.get(key, []):
            e = step.event
            stage = f"{step.before} → {step.after}" if step.moved and step.before else step.after
            changed = "；".join(f"{titles.get(k, k)}：{v}" for k, v in (e.get("fields") or {}).items())
            out.append([row.subject, row.label, local_text(e["time"]), action_label(e["action"]), stage, changed,
                        e.get("reason", ""), e.get("reviewer", ""), e.get("evidence", ""),
                        who(e.get("account", ""), accounts)])
    return Table(name, f"{item.title}（阶段记录）", "阶段记录", HISTORY_HEADER, out, freeze="C2",
                 summary=f"{len(out)} 条记录，对应工作表“{ledger_sheet}”")


def tables_for(year: Year, events: Sequence[Event] | None) -> list[Table]:
    """Every sheet after the cover and the 目录, in library order; ``events``: the year's, for stage histories."""
    return list(iter_tables([(year, events)]))


def iter_tables(parts: Iterable[tuple[Year, Sequence[Event] | None]]) -> Iterator[Table]:
    """The sheets of the year read in parts (a checklist at a time), each as soon as it is built.

    Sheet numbers and names run on across the parts, so the sheets are the
    same as those of the year read whole.
    """
    used: set[str] = {"封面", "目录"}
    number = 0
    for year, events in parts:
        by_checklist: dict[str, list[Row]] = {}
        for row in year.rows:
            by_checklist.setdefault(row.checklist.id, []).append(row)
        by_item: dict[tuple[str, str], list[Event]] = {}
        for event in events or ():
            by_item.setdefault((event["checklist"], event["item"]), []).append(event)
        for checklist in year.checklists:
            rows = by_checklist.get(checklist.id)
            if not rows:
                continue
            number += 1
            yield from _checklist_tables(year, checklist, rows, number, used, events is not None, by_item)


def _checklist_tables(year: Year, checklist: Checklist, rows: list[Row], number: int, used: set[str],
                      histories: bool, by_item: Mapping[tuple[str, str], list[Event]]) -> Iterator[Table]:
    ledgers = [i for i in checklist.items if i.kind == "ledger" and any(r.item.id == i.id for r in rows)]
    plain = [r for r in rows if r.item.kind != "ledger"]
    if plain:
        name = sheet_name(number, checklist.title, used)
    names = {i.id: sheet_name(number, i.title, used) for i in ledgers}
    if plain:
        yield checklist_table(year, checklist, rows, name, names)
    if checklist.scope == "person" and plain:
        yield matrix_table(year, checklist, plain, sheet_name(number, checklist.title, used, "（矩阵）"))
    for item in ledgers:
        item_rows = [r for r in rows if r.item.id == item.id]
        yield ledger_table(year, item, item_rows, names[item.id])
        if histories:
            history = sheet_name(number, item.title, used, "（阶段记录）")
            yield history_table(year, item, item_rows, by_item.get((checklist.id, item.id), []), history,
                                names[item.id])

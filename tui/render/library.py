"""Rich views of the checklist library: the list and one checklist in full."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from checklists.daysoff import FESTIVAL, OVERRIDE
from checklists.due import HolidayDue
from checklists.model import EVERY_LABELS, KIND_LABELS, Checklist, Item
from checklists.text import visible

from .literal import literal

SOURCE_LABELS = {"builtin": "内置", "user": "自定义"}


def library_table(checklists: list[Checklist]) -> Table:
    table = Table(title="清单库", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("标题", ratio=1, overflow="fold")
    table.add_column("范围", no_wrap=True)
    table.add_column("周期", no_wrap=True)
    table.add_column("事项", justify="right", no_wrap=True)
    table.add_column("来源", no_wrap=True)
    for c in checklists:
        title = c.title + ("（本地）" if c.local else "")
        scope = "每人" if c.scope == "person" else c.scope_label()
        table.add_row(literal(c.id), literal(title), scope, EVERY_LABELS[c.every], str(len(c.items)),
                      SOURCE_LABELS[c.source])
    table.caption = "（本地）：本地做法，请按本单位文件调整。用 duty-tui show ID 查看详情。"
    table.caption_justify = "left"
    return table


def _kind_words(item: Item) -> str:
    if item.kind == "count":
        return f"次数（目标{item.target}{item.unit}）"
    if item.kind == "ledger":
        # A ledger's own rows carry the deadlines; what a reader needs is the path a row takes.
        return f"{KIND_LABELS['ledger']}（{' → '.join(item.stages)}）"
    return KIND_LABELS[item.kind]


def _item_block(number: int, item: Item) -> RenderableType:
    head = Text(f"{number:>2}. ", style="bold")
    head.append(visible(item.title, multiline=False), style="bold")
    head.append(f"  [{item.id}]", style="dim")  # ids are checked to be [a-z0-9_-]
    meta = f"{visible(_kind_words(item), multiline=False)} · {EVERY_LABELS[item.every]} · {item.due.describe(item.every)}"
    if item.local:
        meta += " · 本地做法，请按本单位调整"
    body: list[RenderableType] = [Text(meta)]
    if item.columns:
        body.append(literal("登记列：" + "、".join(c.title + ("（必填）" if c.required else "") for c in item.columns)))
    if item.evidence:
        body.append(literal(f"佐证材料：{item.evidence}", multiline=True))
    if item.note:
        body.append(literal(f"说明：{item.note}", "dim", multiline=True))
    return Group(head, Padding(Group(*body), (0, 0, 0, 4)))


def _days_off_text(entry: HolidayDue, shared: list[str]) -> str:
    """Where a deadline comes from: the notice, the org's file, or the festival day for want of both.

    Dates drop the year the deadline is in, so a row fits beside the item at 80 columns.
    """
    off = entry.days_off

    def day(when: date) -> str:
        return when.isoformat()[5:] if when.year == entry.due.year else when.isoformat()

    if off.source == FESTIVAL:
        text = f"{off.year}年放假通知未收录，暂按节日当天 {day(off.start)} 起算"
    else:
        text = f"放假 {day(off.start)}" + (f" 至 {day(off.end)}" if off.end != off.start else "")
        text += "（本单位 holidays.toml）" if off.source == OVERRIDE else "（国务院通知）"
    if shared:
        text += f"；与{'、'.join(shared)}同一段假期，可合并提醒"
    return text


def holiday_schedule(period_label: str, entries: list[HolidayDue]) -> RenderableType:
    """This year's holiday deadlines with the days off each counts from."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for entry in entries:
        shared = sorted({other.days_off.festival for other in entries
                         if other.days_off.start == entry.days_off.start
                         and other.days_off.festival != entry.days_off.festival})
        grid.add_row(literal(entry.item.title), Text(entry.due.isoformat()), Text(_days_off_text(entry, shared)))
    parts: list[RenderableType] = [Text(f"{period_label}节前时限", style="bold"), Padding(grid, (0, 0, 0, 4))]
    if any(entry.days_off.source == FESTIVAL for entry in entries):
        parts.append(Text("放假通知发布后，升级 holidays 软件包（pip install -U holidays），"
                          "或把实际放假日期写入自定义清单目录的 holidays.toml。", style="dim"))
    return Group(*parts)


def checklist_view(checklist: Checklist, holidays: RenderableType | None = None) -> RenderableType:
    c = checklist
    parts: list[RenderableType] = [literal(c.title, "bold underline")]
    if c.summary:
        parts.append(literal(c.summary, multiline=True))
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold", no_wrap=True)
    meta.add_column()
    meta.add_row("ID", literal(c.id))
    meta.add_row("类别", literal(c.category))
    meta.add_row("范围", c.scope_label())
    meta.add_row("周期", EVERY_LABELS[c.every])
    meta.add_row("时限", c.due.describe(c.every))
    meta.add_row("来源", literal("内置" if c.source == "builtin" else f"自定义（{c.path}）"))
    if c.local:
        meta.add_row("性质", "本地做法：请按本单位的原始文件调整")
    for index, basis in enumerate(c.basis):
        meta.add_row("依据" if index == 0 else "", literal(basis, multiline=True))
    parts += [Text(""), meta]
    if c.note:
        parts += [Text(""), literal(f"说明：{c.note}", multiline=True)]
    if holidays is not None:
        parts += [Text(""), holidays]
    parts.append(Text(""))
    parts.append(Text(f"事项（{len(c.items)}）", style="bold"))
    for number, item in enumerate(c.items, 1):
        parts.append(_item_block(number, item))
    return Group(*parts)

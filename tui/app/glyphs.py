"""How a state looks in a cell: text and ASCII glyphs, readable without colour.

Colour only reinforces what the glyph already says, so a 16-colour PuTTY or a
colour-blind reader loses nothing; no emoji, whose widths differ by terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text

from checklists.outstanding import Row

DONE, OPEN, NA, LATE, SOON = "[x]", "[ ]", "[-]", "[!]", "[~]"
LEGEND = "[x]完成 [ ]未完成 [!]逾期 [~]即将到期 [-]不适用 2/3次数 +2往期未完成"


def cell(row: Row) -> Text:
    if row.state == "na":
        return Text(NA, style="dim")
    if row.item.kind == "count":
        text = f"{row.count}/{row.item.target}"
        if row.days_overdue:
            return Text(text + "!", style="bold red")
        if row.soon:
            return Text(text + "~", style="yellow")
        return Text(text, style="green" if row.state == "done" else "")
    if row.state == "done":
        return Text(DONE, style="green")
    if row.days_overdue:
        return Text(LATE, style="bold red")
    return Text(SOON, style="yellow") if row.soon else Text(OPEN)


def cell_of(rows: Sequence[Row]) -> Text:
    """One matrix cell: this period's glyph, "+2" for two earlier periods still open;
    in a year view of a monthly item, "10/12期" (periods done of those due), "!" if any is overdue."""
    current = [r for r in rows if not r.carried]
    carried = len(rows) - len(current)
    if len(current) == 1:
        text = cell(current[0])
    elif current:
        counted = [r for r in current if r.state != "na"]
        done = sum(1 for r in counted if r.state == "done")
        late = any(r.days_overdue for r in current)
        text = Text(f"{done}/{len(counted)}期" + ("!" if late else ""),
                    style="bold red" if late else ("green" if done == len(counted) else ""))
    else:
        text = Text("")
    if carried:
        text = text + Text(f" +{carried}", style="bold red" if any(r.days_overdue for r in rows if r.carried) else "")
    return text


def state_words(row: Row) -> str:
    if row.state == "na":
        return "不适用"
    if row.item.kind == "count":
        return f"{row.count}/{row.item.target}{row.item.unit}"
    return "完成" if row.state == "done" else "未完成"


def left_words(row: Row, day: date) -> str:
    """How an open row stands against its deadline, in words: "逾期1031天", "即将到期，还剩3天"."""
    if row.days_overdue:
        return f"逾期{row.days_overdue}天"
    if row.soon and row.due is not None:
        left = (row.due - day).days
        return "即将到期，今天到期" if left == 0 else f"即将到期，还剩{left}天"
    return ""


def days_words(row: Row, day: date) -> Text:
    """The 天数 column: days overdue or left, in full; a number is never cut, and colour is not the only sign."""
    if row.days_overdue:
        return Text(f"逾期{row.days_overdue}天", style="bold red")
    if row.soon and row.due is not None:
        left = (row.due - day).days
        return Text("今天到期" if left == 0 else f"剩{left}天", style="yellow")
    return Text("")


def due_words(row: Row, day: date) -> str:
    if row.due is None:
        return "无固定时限"
    left = left_words(row, day)
    return f"{row.due.isoformat()}（{left}）" if left else row.due.isoformat()

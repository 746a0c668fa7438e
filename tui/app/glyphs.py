"""How a state looks in a cell: text and ASCII glyphs, readable without colour.

Colour only reinforces what the glyph already says, so a 16-colour PuTTY or a
colour-blind reader loses nothing; no emoji, whose widths differ by terminal.
"""

from __future__ import annotations

from rich.text import Text

from checklists.outstanding import Row

DONE, OPEN, NA, LATE = "[x]", "[ ]", "[-]", "[!]"
LEGEND = "[x] 完成  [ ] 未完成  [!] 逾期  [-] 不适用  2/3 次数"


def cell(row: Row) -> Text:
    if row.state == "na":
        return Text(NA, style="dim")
    if row.item.kind == "count":
        text = f"{row.count}/{row.item.target}"
        if row.days_overdue:
            return Text(text + "!", style="bold red")
        return Text(text, style="green" if row.state == "done" else "")
    if row.state == "done":
        return Text(DONE, style="green")
    return Text(LATE, style="bold red") if row.days_overdue else Text(OPEN)


def state_words(row: Row) -> str:
    if row.state == "na":
        return "不适用"
    if row.item.kind == "count":
        return f"{row.count}/{row.item.target}{row.item.unit}"
    return "完成" if row.state == "done" else "未完成"


def due_words(row: Row) -> str:
    if row.due is None:
        return "无固定时限"
    return f"{row.due.isoformat()}（逾期{row.days_overdue}天）" if row.days_overdue else row.due.isoformat()

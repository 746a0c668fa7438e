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

# Light tints, not the ANSI names: Textual turns "red" into a dark truecolor red, which on the dark
# surface falls to about 1.3:1 once NO_COLOR greys it, and 256- and 16-colour terminals map these to
# colours that keep at least 4.5:1 (tests/tui/test_contrast.py measures every screen).
LATE_STYLE = "bold #ff8787"
SOON_STYLE = "#ffd75f"
DONE_STYLE = "#87d787"
NA_STYLE = "#a0a0a0"
# The header mark of a read-only session, the same on every page and in the help.
READ_ONLY = "[只读]"
LEGEND = "[x]完成 [ ]未完成 [!]逾期 [~]即将到期 [-]不适用 2/3次数 +2往期未完成"


def cell(row: Row) -> Text:
    if row.state == "na":
        return Text(NA, style=NA_STYLE)
    if row.item.kind == "count":
        text = f"{row.count}/{row.item.target}"
        if row.days_overdue:
            return Text(text + "!", style=LATE_STYLE)
        if row.soon:
            return Text(text + "~", style=SOON_STYLE)
        return Text(text, style=DONE_STYLE if row.state == "done" else "")
    if row.state == "done":
        return Text(DONE, style=DONE_STYLE)
    if row.days_overdue:
        return Text(LATE, style=LATE_STYLE)
    return Text(SOON, style=SOON_STYLE) if row.soon else Text(OPEN)


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
                    style=LATE_STYLE if late else (DONE_STYLE if done == len(counted) else ""))
    else:
        text = Text("")
    if carried:
        text = text + Text(f" +{carried}", style=LATE_STYLE if any(r.days_overdue for r in rows if r.carried) else "")
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
        return Text(f"逾期{row.days_overdue}天", style=LATE_STYLE)
    if row.soon and row.due is not None:
        left = (row.due - day).days
        return Text("今天到期" if left == 0 else f"剩{left}天", style=SOON_STYLE)
    return Text("")


def due_words(row: Row, day: date) -> str:
    if row.due is None:
        return "无固定时限"
    left = left_words(row, day)
    return f"{row.due.isoformat()}（{left}）" if left else row.due.isoformat()

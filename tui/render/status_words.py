"""How a row's progress and a year's roll-up read in words, in the Rich table and the machine formats alike.

Plain strings, no Rich: tui.render.status_export (JSON, CSV, Markdown) and
tui.render.status (the table) both word rows through here, so neither
imports the other.
"""

from __future__ import annotations

from checklists.outstanding import Row
from checklists.query import Rollup

STATE_LABELS = {"done": "完成", "open": "未完成", "na": "不适用"}


def progress_text(row: Row) -> str:
    if row.item.kind == "ledger":
        return row.stage
    if row.item.kind == "count":
        return f"{row.count}/{row.item.target}"
    return STATE_LABELS[row.state]


SUB_UNITS = {"month": "个月", "quarter": "个季度", "half": "个半年"}


def sub_label(row: Row) -> str:
    """A sub-period as it reads inside its year: 2月, 第3季度, 下半年."""
    label = row.period.label()
    return label.split("年", 1)[1] if "年" in label else label


def rollup_text(u: Rollup) -> str:
    """"10/12个月 缺：2月、7月" — how many sub-periods were done, and which were not."""
    text = f"{u.done}/{u.total}{SUB_UNITS.get(u.first.item.every, '期')}"
    if u.missing and len(u.missing) == len(u.rows):
        return text + " 均未记录"
    if u.missing:
        text += " 缺：" + "、".join(sub_label(r) for r in u.missing)
    return text

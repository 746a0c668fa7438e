"""How recorded actions read to people, on every surface (log, history, confirmations)."""

from __future__ import annotations

ACTION_LABELS = {
    "done": "完成", "undone": "撤销完成", "na": "不适用", "note": "备注", "evidence": "佐证材料",
    "count": "记一次", "undo": "撤销",
    "row-add": "新增", "row-edit": "修改", "row-advance": "推进", "row-back": "退回",
    "row-close": "销号", "row-reopen": "重新打开",
}


# On a count item, "not done" takes back the latest occurrence, not the whole item.
COUNT_ACTION_LABELS = {"undone": "减去一次"}


def action_label(action: str, kind: str = "") -> str:
    """``kind`` is the item's kind, where known: the same action reads differently on a count item."""
    if kind == "count" and action in COUNT_ACTION_LABELS:
        return COUNT_ACTION_LABELS[action]
    return ACTION_LABELS.get(action, action)

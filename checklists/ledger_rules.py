"""What may happen to a ledger row: stage moves, sign-off (销号) and reopening, required cells, reviewer ≠ owner.

Pure rules over a row's current state. The store applies them inside its
transaction, to the row as it stands under the lock; the screens apply them
too, to refuse a key before asking for a reviewer or a reason. A refusal reads
the same on the command line and on a screen: see checklists.errors.RuleError.
"""

from __future__ import annotations

from typing import Any

from .errors import RuleError
from .model import Item

# How each row action is worded, in the audit log and in messages.
ROW_WORDS = {"row-add": "新增", "row-edit": "修改", "row-advance": "推进", "row-back": "退回",
             "row-close": "销号", "row-reopen": "重新打开"}


def final_stage(item: Item) -> int:
    """The last stage means signed off: nothing moves a row out of it but reopening."""
    return len(item.stages) - 1


def reopen_stage(item: Item) -> int:
    """Where a reopened row goes: the stage before the final one.

    Reopening withdraws the sign-off, not the work: the row is back where it
    stood when it was put up for review, can be signed off again at once by
    someone else, or moved further back with a reason if the work was not done.
    """
    return len(item.stages) - 2


def close_stages(item: Item) -> tuple[int, ...]:
    """Stages a row may be signed off from: the definition's ``close_from``, else the one before the final."""
    if item.close_from:
        return tuple(item.stages.index(name) for name in item.close_from)
    return (reopen_stage(item),)


def is_closed(item: Item, state: dict[str, Any]) -> bool:
    return state.get("stage", 0) >= final_stage(item)


def missing_required(item: Item, fields: dict[str, str]) -> list[str]:
    """Titles of the required columns that ``fields`` leaves empty."""
    return [c.title for c in item.columns if c.required and not fields.get(c.id, "").strip()]


def check_reviewer(item: Item, owner: str, reviewer: str) -> None:
    """A row is never signed off by the person who owes it, however either of them came to be set."""
    if item.owner and owner and owner.strip() == reviewer.strip():
        raise RuleError("reviewer-is-owner", f"复核人不能是责任人本人（{owner.strip()}）；请另请一人复核")


def check_stage(item: Item, state: dict[str, Any], action: str) -> None:
    """Whether ``action`` may start from the row's stage; nothing about what the user typed."""
    stage, last = state.get("stage", 0), final_stage(item)
    if action == "row-reopen":
        if stage != last:
            raise RuleError("not-closed", "该行尚未销号，无需重新打开")
        return
    if action not in ROW_WORDS or action == "row-add":
        raise RuleError("unknown-action", f"未知的台账操作 {action}")
    if stage >= last:
        again = "再次销号" if action == "row-close" else ROW_WORDS[action]
        raise RuleError("closed", f"该行已销号，不能{again}；如需重办，须先重新打开并说明理由")
    if action == "row-advance" and stage >= last - 1:
        raise RuleError("to-final", f"下一阶段“{item.stages[last]}”须经销号：写明复核人和佐证")
    if action == "row-back" and stage == 0:
        raise RuleError("first-stage", f"该行已在第一阶段“{item.stages[0]}”，不能再退回")
    if action == "row-close" and stage not in close_stages(item):
        allowed = "或".join(f"“{item.stages[s]}”" for s in close_stages(item))
        raise RuleError("close-stage", f"“{item.stages[stage]}”阶段不能销号；只能从{allowed}销号")


def check_transition(item: Item, state: dict[str, Any], action: str, *, fields: dict[str, str] | None = None,
                     reason: str = "", reviewer: str = "", evidence: str = "") -> dict[str, Any]:
    """What the event for ``action`` on this row records (its new stage and details), or RuleError.

    ``fields`` are the edited cells, already checked against their column
    types; the row as it would be after the edit must still be complete.
    """
    check_stage(item, state, action)
    stage = state.get("stage", 0)
    current = state.get("fields", {})
    if action == "row-edit":
        fields = fields or {}
        missing = missing_required(item, {**current, **fields})
        if missing:
            raise RuleError("required", f"必填列不能为空：{'、'.join(missing)}")
        if item.owner in fields and state.get("reviewer"):
            check_reviewer(item, fields[item.owner], state["reviewer"])
        return {"stage": stage, "fields": fields}
    if action == "row-advance":
        return {"stage": stage + 1}
    if action in ("row-back", "row-reopen"):
        if not reason.strip():
            raise RuleError("reason", f"{ROW_WORDS[action]}须说明理由")
        return {"stage": stage - 1 if action == "row-back" else reopen_stage(item), "reason": reason.strip()}
    if not reviewer.strip():
        raise RuleError("reviewer", "销号须指定复核人")
    check_reviewer(item, current.get(item.owner, "") if item.owner else "", reviewer)
    if not evidence.strip():
        raise RuleError("evidence", "销号须提供佐证（文件路径或文号）")
    return {"stage": final_stage(item), "reviewer": reviewer.strip(), "evidence": evidence.strip()}


def check_undo(event: dict[str, Any]) -> None:
    """Undoing a sign-off would reopen a row with no reason on record; reopening is the way."""
    if event.get("action") == "row-close":
        raise RuleError("closed", "销号不能撤销；如需重办，须重新打开并说明理由")

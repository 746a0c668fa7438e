"""Everything recorded for one entry, in words: what the detail panel and the walk show.

State, count with its dates, note, evidence, the not-applicable reason, and
who changed it last and when (local time, the person's name where the account
is linked). Stored text is shown as typed, control characters written out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text

from checklists.clock import local_text
from checklists.model import subject_label
from checklists.outstanding import Row
from checklists.records import State
from checklists.roster import Roster
from checklists.text import visible

from ..keynames import key_name
from .glyphs import cell, due_words, left_words, state_words

# Earlier open periods named in the panel; the rest are counted (Enter walks them all).
CARRIED_NAMED = 3


def who(roster: Roster, account: str) -> str:
    name = roster.accounts.get(account)
    return f"{name}（{account}）" if name and name != account else account


def _line(text: Text, label: str, value: str, style: str = "") -> None:
    text.append("\n" + visible(f"{label}{value}"), style=style)


def recorded(text: Text, row: Row, state: State, roster: Roster) -> None:
    """Append the recorded facts of one entry, one per line."""
    dates = state.get("dates", [])
    if row.item.kind == "count" and dates:
        _line(text, "已记：", f"{len(dates)}{row.item.unit}（{'、'.join(dates)}）")
    if state.get("reason"):
        _line(text, "不适用理由：", state["reason"])
    if state.get("note"):
        _line(text, "备注：", state["note"])
    if state.get("evidence"):
        _line(text, "佐证：", "；".join(state["evidence"]))
    account = state.get("account", "")
    if account:
        _line(text, "最后修改：", f"{who(roster, account)}  {local_text(state.get('updated', ''))}")


def cell_text(number: int, rows: Sequence[Row], states: Sequence[State], roster: Roster, day: date) -> Text:
    """The detail panel for one list row or matrix cell: the current entry in full, then earlier open ones."""
    current = [(r, s) for r, s in zip(rows, states, strict=True) if not r.carried]
    carried = [r for r in rows if r.carried]
    item = rows[0].item
    text = Text(visible(f"{number}. {item.title}", multiline=False), style="bold")
    if len(current) == 1:
        row, state = current[0]
        text.append(visible(f"  [{subject_label(row.subject)}] {row.period.label()}  {state_words(row)}  "
                            f"时限 {due_words(row, day)}", multiline=False))
        recorded(text, row, state, roster)
    elif current:
        text.append(visible(f"  [{subject_label(current[0][0].subject)}] 各期：", multiline=False))
        text.append("\n" + "  ".join(f"{r.period.label()}{cell(r).plain}" for r, _ in current))
        late = [r for r, _ in current if r.days_overdue]
        if late:
            text.append("\n逾期：" + "、".join(f"{r.period.label()}（{r.days_overdue}天）" for r in late), style="bold")
        text.append(f"\n按 {key_name('enter')} 逐期办理未完成的各期", style="dim")
    if carried:
        named = "、".join(f"{r.period.label()}（{left_words(r, day) or '未到期'}）" for r in carried[:CARRIED_NAMED])
        more = f"等 {len(carried)} 期" if len(carried) > CARRIED_NAMED else ""
        text.append(f"\n往期未完成：{named}{more}；按 Enter 逐期办理", style="bold")
    if item.evidence:
        _line(text, "佐证要求：", item.evidence, "dim")
    return text

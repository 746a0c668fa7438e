"""The questions a change to an entry asks, the same from a checklist screen and from the walk.

A reason for 不适用, a note, evidence, and the date of one occurrence; each
is checked before the dialog closes. What to do with the answer is the
caller's: the checklist screen saves and reloads, the walk saves and moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.screen import Screen

from checklists.clock import parse_date
from checklists.errors import DateError
from checklists.outstanding import Row
from checklists.roster import Roster
from checklists.rules import check_entry_date, count_date

from ...errors import explain, text_error

# action -> (question, what the typed text is called in a refusal, the Change field it fills)
QUESTIONS = {
    "na": ("“{}”不适用的理由", "理由", "reason"),
    "note": ("“{}”的备注", "备注", "note"),
    "evidence": ("“{}”的佐证（文件路径或文号）", "佐证", "evidence"),
}


def ask(screen: Screen, title: str, then: Callable[[str], Any], *, value: str = "",
        check: Callable[[str], str | None] | None = None, required: bool = True, multiline: bool = False) -> None:
    """Text (one line unless ``multiline``); ``then`` gets it once ``check`` accepts it (not when cancelled)."""
    from ..dialogs.prompt import PromptDialog

    screen.app.push_screen(PromptDialog(title, value=value, check=check, required=required, multiline=multiline),
                           lambda text: then(text) if text is not None else None)


def ask_person(screen: Screen, roster: Roster, title: str, then: Callable[[str], Any]) -> None:
    """A name picked from the roster as it is typed (a name not in it is refused in the dialog, to be corrected there)."""
    from ..dialogs.pick_name import PickNameDialog

    screen.app.push_screen(
        PickNameDialog(title, [p.name for p in roster.active()],
                       check=lambda name: None if roster.person(name) else f"名册中没有“{name}”；请核对姓名"),
        lambda name: then(name) if name is not None else None)


def ask_entry(screen: Screen, row: Row, action: str, then: Callable[[dict[str, str]], Any], *,
              value: str = "") -> None:
    """Ask for what ``action`` (na, note, evidence) records; ``then`` gets it as Change fields."""
    question, words, field = QUESTIONS[action]
    ask(screen, question.format(row.item.title), lambda text: then({field: text}), value=value,
        check=lambda text: text_error(words, text, multiline=True), multiline=True)


def date_problem(text: str, row: Row, today: date, since: date | None) -> str | None:
    """Why a meeting cannot have been held on ``text``: no such date, not yet, or before the org's start."""
    try:
        check_entry_date(parse_date(text, "日期"), row.item, today=today, since=since)
    except DateError as exc:
        return explain(exc, "tui")
    return None


def ask_count_date(screen: Screen, row: Row, today: date, since: date | None, then: Callable[[date], Any]) -> None:
    """The day one occurrence was held: it counts for the period holding that day (see Board.count_on)."""
    ask(screen, f"记一次“{row.item.title}”：日期（记入该日期所在的一期）", lambda text: then(parse_date(text)),
        value=default_count_day(row, today).isoformat(), check=lambda text: date_problem(text, row, today, since))


def default_count_day(row: Row, today: date) -> date:
    """The date offered for a count: inside the period on screen (its last day when past), so Enter counts there."""
    try:
        return count_date(row.period, today=today)
    except DateError:
        return today  # a period not begun: today's date, which counts in the current one

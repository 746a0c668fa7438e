"""`tick`, `untick` and `na` from the command line, with or without Typer: one code for both.

Typer and Click cost more than the write itself, and `tick` is typed many
times a day. So tui.entry answers the usual shapes of these command lines
here (read by tui.fast.argv from the table Typer declares them from), and
tui/commands/records.py runs the very same ``record`` for every other shape;
the line printed, the refusals and the exit codes cannot differ.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .options import refuse, store_errors
from .resolve import keep_summaries_current, library_for, settings_for, store_for

if TYPE_CHECKING:
    from checklists.model import Checklist, Item

    from .config import Settings


def _resolve(options: Settings, checklist_name: str, item_name: str) -> tuple[Checklist, Item]:
    checklist = library_for(options).resolve(checklist_name)
    if checklist is None:
        refuse("checklist-unknown", name=checklist_name)
    item = checklist.item(item_name) or next((i for i in checklist.items if i.title == item_name), None)
    if item is None:
        refuse("item-unknown", checklist=checklist.id, name=item_name, known=tuple(i.id for i in checklist.items))
    return checklist, item


def record(options: Settings, checklist_name: str, item_name: str, action: str, subject: str | None,
           period: str | None, note: str = "", reason: str = "", evidence: str = "",
           when: str | None = None) -> str:
    """Record one change and return the line that says so; a date, when given (even empty), decides the
    period and is checked against it and the calendar."""
    from checklists.bounds import typed_day
    from checklists.clock import today
    from checklists.model import subject_label

    from . import usecases
    from .errors import period_label
    from .render.words import action_label

    checklist, item = _resolve(options, checklist_name, item_name)
    if item.kind == "count" and action == "done":  # `tick` on a count item counts one
        action = "count"
    with store_errors():
        if period:  # a bad key is named with the item's own kind of period, before anything is read
            from checklists.periods import parse_period

            period = parse_period(period, item.every).key
        when = typed_day(when, "--date", today()).isoformat() if when is not None else ""
        session = usecases.Session(store_for(options), library_for(options), usecases.os_identity())
        event = usecases.record(session, usecases.RecordChange(
            checklist.id, item.id, action, subject=subject or "", period=period or "", note=note or "",
            reason=reason or "", evidence=evidence or "", date=when))
    who = subject_label(event["subject"])
    return f"已保存：{checklist.title} / {item.title}（{who}，{period_label(event['period'])}）：" \
           f"{action_label(event['action'], item.kind)}"


ACTIONS = {"tick": "done", "untick": "undone", "na": "na"}


def quick(args: list[str]) -> int | None:
    """Answer a plain `tick`, `untick` or `na` command line and return the exit code; None leaves it to Typer."""
    from .fast.argv import parse_record

    parsed = parse_record(args)
    if parsed is None:
        return None
    flags, read_only, command, (checklist, item), given = parsed
    with store_errors():  # as tui.cli.main runs every command
        line = record(settings_for(flags, read_only=read_only), checklist, item, ACTIONS[command],
                      given.get("subject"), given.get("period"), note=given.get("note", ""),
                      reason=given.get("reason", ""), evidence=given.get("evidence", ""), when=given.get("when"))
        echo(line)
    keep_summaries_current()
    return 0


def echo(message: str) -> None:
    """One line on stdout, as click.echo writes it (tui.context.echo); typed and stored text is quoted."""
    from checklists.text import visible

    sys.stdout.write(visible(message, multiline=False) + "\n")
    sys.stdout.flush()

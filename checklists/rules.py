"""Whether a change to an entry is allowed: the rules applied before anything is recorded.

Pure: the application layer (tui.usecases) reads the roster and the entry's
state and asks these functions, then writes only if what it read is still
current; a refusal carries a code and the values involved, and each surface
words it (tui.errors). Ledger rows have rules of their own in
checklists.ledger_rules.
"""

from __future__ import annotations

from datetime import date

from .bounds import check_day, check_period_range
from .clock import parse_date
from .errors import DateError, Refusal
from .model import ORG, Checklist, Item
from .periods import Period, period_for
from .roster import Person, Roster, check_email
from .text import check_text

ORG_NAMES = (ORG, "党组")  # what a person may type for the org's own instance
ENTRY_TEXT = (("note", True), ("reason", True), ("evidence", True), ("date", False), ("subject", False))
PERSON_TEXT = ("name", "dept", "branch", "email")


def check_action(item: Item, action: str, *, note: str = "", reason: str = "", evidence: str = "",
                 date_text: str = "", subject: str = "") -> None:
    """What was typed with a change is plain text, and the action fits the item."""
    typed = {"note": note, "reason": reason, "evidence": evidence, "date": date_text, "subject": subject}
    for field, multiline in ENTRY_TEXT:
        check_text(field, typed[field], multiline=multiline)
    if action == "done" and item.kind == "count":
        raise Refusal("count-item", item=item.title, target=item.target, unit=item.unit)
    if action == "count" and item.kind != "count":
        raise Refusal("not-count-item", item=item.title)
    if action == "na" and not reason.strip():
        raise Refusal("na-reason")
    if action == "note" and not note.strip():
        raise Refusal("note-empty")
    if action == "evidence" and not evidence.strip():
        raise Refusal("evidence-empty")


def check_period(item: Item, period: Period) -> None:
    if period.every != item.every:
        raise Refusal("period-mismatch", period=period.key, item=item.title, every=item.every)


def check_bounds(period: Period, date_text: str, today: date) -> None:
    """A change's period and date (stored ISO, when given) lie between 2000 and a year from today."""
    check_period_range(period, today)
    if date_text.strip():
        check_day(parse_date(date_text, "date"), today, "date")


def check_subject(checklist: Checklist, subject: str, roster: Roster) -> str:
    """The stored subject for this checklist's scope: the org, a branch or a person in the roles it names."""
    subject = subject.strip()
    if checklist.scope == "org":
        if subject and subject not in ORG_NAMES:
            raise Refusal("subject-org", checklist=checklist.title)
        return ORG
    if not subject:
        raise Refusal("subject-required", checklist=checklist.title, scope=checklist.scope)
    if checklist.scope == "branch":
        if subject not in roster.branches:
            raise Refusal("branch-unknown", name=subject, known=tuple(roster.branches))
        return subject
    person = roster.person(subject)
    if person is None:
        raise Refusal("person-unknown", name=subject)
    if not set(person.roles) & set(checklist.roles):
        raise Refusal("person-out-of-scope", name=subject, roles=person.roles, checklist=checklist.title,
                      wanted=checklist.roles)
    return subject


def check_entry_date(day: date, item: Item, *, today: date, since: date | None,
                     period: Period | None = None) -> Period:
    """The period a dated change (a meeting held on ``day``) belongs to; refused if the date cannot be right.

    A date after today has not happened; one before the org's start is not its
    obligation; one outside an explicitly given period contradicts it.
    """
    if day > today:
        raise DateError("date-future", value=day.isoformat(), today=today.isoformat())
    check_day(day, today, "date")
    if since is not None and day < since:
        raise DateError("date-before-start", value=day.isoformat(), since=since.isoformat())
    if period is not None:
        if not period.contains(day):
            raise DateError("date-outside-period", value=day.isoformat(), period=period.key)
        return period
    return period_for(item.every, day)


def count_date(period: Period, *, today: date) -> date:
    """The day an undated count is recorded on: today, or the last day of a period already over.

    Counts are attributed by their date (the year's figures add them up by
    it), so the date must lie inside the period counted. A period that has
    not begun holds no occurrence yet.
    """
    if period.start is not None and period.start > today:
        raise DateError("period-not-started", period=period.key, today=today.isoformat())
    return min(today, period.end) if period.end is not None else today


def check_roles(roles: tuple[str, ...], known: tuple[str, ...]) -> tuple[str, ...]:
    roles = tuple(r.strip() for r in roles if r.strip())
    bad = [r for r in roles if r not in known]
    if bad:
        raise Refusal("role-unknown", name=bad[0], known=known)
    return roles


def check_person(person: Person, known_roles: tuple[str, ...]) -> Person:
    """A person as the roster keeps them: a name, valid roles, one plain line in every field, at most one mailbox."""
    name = person.name.strip()
    for field in PERSON_TEXT:
        check_text(field, getattr(person, field))
    for role in person.roles:
        check_text("roles", role)
    if not name:
        raise Refusal("name-empty")
    check_email(person.email.strip())
    return Person(name, check_roles(person.roles, known_roles), person.dept.strip(), person.branch.strip(),
                  person.removed, person.email.strip())

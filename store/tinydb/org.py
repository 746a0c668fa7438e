"""The org's own settings, kept in the head file: its display name and the day its obligations start."""

from __future__ import annotations

from datetime import date

from checklists.roster import Org

from .db import Database, utc_now


def _created(head: dict) -> date | None:
    created = head.get("_meta", {}).get("1", {}).get("created", "")
    return date.fromisoformat(created[:10]) if created else None


def read_org(store: Database, today: date) -> Org:
    """The stored settings; the start date defaults to 1 January of the year the database was created.

    With the clock pinned to an earlier day (DUTY_TUI_TODAY, to back-fill a
    past year), that year's 1 January instead: the records being entered are
    the org's obligations of that year.
    """
    head = store.read_head()
    doc: dict[str, str] = next(iter(head.get("org", {}).values()), {})
    since = doc.get("since")
    if since:
        return Org(doc.get("name", ""), date.fromisoformat(since))
    created = _created(head) or today
    return Org(doc.get("name", ""), date(min(created.year, today.year), 1, 1))


def set_org(store: Database, *, name: str | None = None, since: date | None = None) -> None:
    with store.head_txn() as txn:
        table = txn.table("org")
        values: dict[str, str] = {"changed": utc_now()}
        if name is not None:
            values["name"] = name
        if since is not None:
            values["since"] = since.isoformat()
        if table.get(doc_id=1) is None:
            table.insert(values)
        else:
            table.update(values, doc_ids=[1])

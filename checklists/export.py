"""Plain-data views of checklists for JSON output (stable keys, no terminal)."""

from __future__ import annotations

from typing import Any

from .model import Checklist, DueRule, Item


def due_to_dict(rule: DueRule, every: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"rule": rule.rule, "text": rule.describe(every)}
    if rule.rule in ("end", "start", "holiday"):
        data["days"] = rule.days
    if rule.rule == "date":
        data["date"] = rule.date
    if rule.rule == "holiday":
        data["holiday"] = rule.holiday
    return data


def item_to_dict(item: Item, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "target": item.target,
        "every": item.every,
    }
    if full:
        data.update(unit=item.unit, due=due_to_dict(item.due, item.every), evidence=item.evidence,
                    note=item.note, local=item.local)
    return data


def checklist_to_dict(checklist: Checklist, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": checklist.id,
        "title": checklist.title,
        "category": checklist.category,
        "scope": checklist.scope,
        "roles": list(checklist.roles),
        "every": checklist.every,
        "source": checklist.source,
        "local": checklist.local,
        "items": [item_to_dict(i, full) for i in checklist.items],
    }
    if full:
        data.update(summary=checklist.summary, basis=list(checklist.basis), note=checklist.note,
                    due=due_to_dict(checklist.due, checklist.every),
                    path=str(checklist.path) if checklist.path else None)
    return data

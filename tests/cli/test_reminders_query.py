"""Reminders say exactly what the query layer says, person by person, on a database of thousands of events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from checklists.loader import load_library
from checklists.query import select
from tests.bench.fixtures import build
from tui.config import Settings
from tui.reminders import compute, from_rows


@pytest.mark.parametrize("day", [date(2024, 1, 20), date(2024, 6, 25), date(2024, 12, 31)])
def test_each_persons_reminders_are_status_person_narrowed_to_overdue_and_soon(tmp_path: Path, day: date) -> None:
    store = build(tmp_path / "duty.json", 3000, year=2024)
    library = load_library()
    settings = Settings(db_path=store.location, soon_days=14)
    roster, plain, flt = compute(store, library, settings, day)
    data = from_rows(list(library), roster, plain.rows, day, flt, settings)
    by_name = {entry["name"]: entry for entry in data["people"]}
    assert len(by_name) > 5
    for person in roster.active():
        shown = select(list(library), plain.rows, roster, replace(flt, person=person.name)).shown
        expected = [(r.checklist.id, r.item.id, r.period.key, r.subject, r.days_overdue, r.soon)
                    for r in shown if r.days_overdue > 0 or r.soon]
        entry = by_name.get(person.name, {"items": []})
        assert [(i["checklist"], i["item"], i["period"], i["subject"], i["days_overdue"], i["soon"])
                for i in entry["items"]] == expected, person.name

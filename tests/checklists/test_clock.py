"""Local time: stored UTC times read in the configured zone, and local days cut at local midnight."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from checklists import clock
from checklists.clock import day_start_utc, local_day, local_text, today

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def zone():
    clock.set_zone(SHANGHAI)
    yield
    clock.set_zone(None)


@pytest.mark.parametrize(("stored", "shown", "day"), [
    ("2024-05-19T15:30:00.000000Z", "2024-05-19 23:30", date(2024, 5, 19)),  # 23:30 local: still the 19th
    ("2024-05-19T16:30:00.000000Z", "2024-05-20 00:30", date(2024, 5, 20)),  # 00:30 local: already the 20th
    ("2023-12-31T16:00:00.000000Z", "2024-01-01 00:00", date(2024, 1, 1)),  # a new year begins at 16:00 UTC
])
def test_times_read_in_the_zone_with_the_year(stored: str, shown: str, day: date) -> None:
    assert local_text(stored) == shown
    assert local_day(stored) == day


def test_a_local_day_begins_at_local_midnight() -> None:
    assert day_start_utc(date(2024, 5, 20)) == "2024-05-19T16:00:00.000000Z"
    assert "2024-05-19T15:30:00.000000Z" < day_start_utc(date(2024, 5, 20)) <= "2024-05-19T16:30:00.000000Z"


def test_today_is_the_zones_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUTY_TUI_TODAY", raising=False)
    assert today() == datetime.now(SHANGHAI).date()
    clock.set_zone(timezone.utc)
    assert today() == datetime.now(timezone.utc).date()

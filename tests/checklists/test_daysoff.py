"""Statutory days off from the State Council's notices, and the deadlines counted from them.

The expected dates are typed from the notices themselves (国务院办公厅关于2024、
2025、2026年部分节假日安排的通知), so these tests check the holidays package's
data and our reading of it against the source, not against itself.
"""

from __future__ import annotations

from datetime import date

import pytest

from checklists.daysoff import FESTIVAL, NOTICE, Calendar, Override, read_notices
from checklists.due import due_date, holiday_dues
from checklists.festivals import holiday_date
from checklists.loader import load_library
from checklists.model import HOLIDAYS, DueRule
from checklists.periods import parse_period

D = date.fromisoformat
# festival, year: first day off, last day off, last working day before them.
NOTICES = {
    ("元旦", 2024): ("2023-12-30", "2024-01-01", "2023-12-29"),
    ("春节", 2024): ("2024-02-10", "2024-02-17", "2024-02-09"),
    ("清明", 2024): ("2024-04-04", "2024-04-06", "2024-04-03"),
    ("五一", 2024): ("2024-05-01", "2024-05-05", "2024-04-30"),
    ("端午", 2024): ("2024-06-08", "2024-06-10", "2024-06-07"),
    ("中秋", 2024): ("2024-09-15", "2024-09-17", "2024-09-14"),  # Saturday 09-14 was worked
    ("国庆", 2024): ("2024-10-01", "2024-10-07", "2024-09-30"),
    ("元旦", 2025): ("2025-01-01", "2025-01-01", "2024-12-31"),
    ("春节", 2025): ("2025-01-28", "2025-02-04", "2025-01-27"),
    ("清明", 2025): ("2025-04-04", "2025-04-06", "2025-04-03"),
    ("五一", 2025): ("2025-05-01", "2025-05-05", "2025-04-30"),
    ("端午", 2025): ("2025-05-31", "2025-06-02", "2025-05-30"),
    ("中秋", 2025): ("2025-10-01", "2025-10-08", "2025-09-30"),  # within 国庆
    ("国庆", 2025): ("2025-10-01", "2025-10-08", "2025-09-30"),
    ("元旦", 2026): ("2026-01-01", "2026-01-03", "2025-12-31"),
    ("春节", 2026): ("2026-02-15", "2026-02-23", "2026-02-14"),  # Saturday 02-14 is worked
    ("清明", 2026): ("2026-04-04", "2026-04-06", "2026-04-03"),
    ("五一", 2026): ("2026-05-01", "2026-05-05", "2026-04-30"),
    ("端午", 2026): ("2026-06-19", "2026-06-21", "2026-06-18"),
    ("中秋", 2026): ("2026-09-25", "2026-09-27", "2026-09-24"),
    ("国庆", 2026): ("2026-10-01", "2026-10-07", "2026-09-30"),
}


def test_every_festival_of_the_notices_is_covered() -> None:
    assert {name for name, _ in NOTICES} == set(HOLIDAYS)


@pytest.mark.parametrize(("festival", "year"), sorted(NOTICES), ids=lambda v: str(v))
def test_days_off_match_the_notice(festival: str, year: int) -> None:
    start, end, last_working_day = (D(x) for x in NOTICES[(festival, year)])
    calendar = Calendar()
    days_off = calendar.days_off(festival, year)
    assert (days_off.start, days_off.end, days_off.source) == (start, end, NOTICE)
    assert calendar.working_day_before(days_off.start) == last_working_day


def test_make_up_working_days_are_working_days() -> None:
    """A weekend day worked instead (调休上班) is where a reminder can still go out."""
    calendar = Calendar()
    assert D("2024-09-14").weekday() == 5 and not calendar.is_off(D("2024-09-14"))
    assert D("2026-02-14").weekday() == 5 and not calendar.is_off(D("2026-02-14"))
    assert calendar.is_off(D("2024-09-21"))  # an ordinary Saturday
    # 2024 国庆: Monday 09-30 is the last working day, Sunday 09-29 was worked, Saturday 09-28 not.
    rule = DueRule("holiday", holiday="国庆")
    dues = [due_date(DueRule("holiday", days=n, holiday="国庆"), parse_period("2024")) for n in range(3)]
    assert rule.days == 0 and dues == [D("2024-09-30"), D("2024-09-29"), D("2024-09-27")]


def test_the_builtin_reminders_fall_due_before_the_days_off() -> None:
    checklist = load_library().get("jieri-lianjie")
    dues = {entry.item.id: entry.due for entry in holiday_dues(checklist, parse_period("2024"))}
    assert dues == {"yuandan": D("2024-12-31"), "chunjie": D("2024-02-09"), "duanwu": D("2024-06-07"),
                    "zhongqiu": D("2024-09-14"), "guoqing": D("2024-09-30")}


def test_festivals_sharing_days_off_fall_due_together() -> None:
    checklist = load_library().get("jieri-lianjie")
    by_item = {entry.item.id: entry for entry in holiday_dues(checklist, parse_period("2025"))}
    zhongqiu, guoqing = by_item["zhongqiu"], by_item["guoqing"]
    assert zhongqiu.days_off.start == guoqing.days_off.start == D("2025-10-01")
    assert zhongqiu.due == guoqing.due == D("2025-09-30")
    assert holiday_date("中秋", 2025) == D("2025-10-06")  # the festival itself is days later
    assert "与国庆合并提醒" in checklist.note


def test_new_year_reminder_belongs_to_the_year_it_is_sent_in() -> None:
    rule = DueRule("holiday", holiday="元旦")
    assert due_date(rule, parse_period("2023")) == D("2023-12-29")  # 元旦 2024, off from 2023-12-30
    assert due_date(rule, parse_period("2024")) == D("2024-12-31")  # 元旦 2025
    assert due_date(rule, parse_period("2025")) == D("2025-12-31")  # 元旦 2026


def test_years_the_package_has_no_notice_for_count_from_the_festival() -> None:
    """The package computes 2040's holidays from its rules; only a notice's entry makes a year known."""
    import holidays

    assert D("2040-10-01") in holidays.country_holidays("CN", years=2040)
    notices = read_notices(2023, 2041)
    assert {2024, 2025, 2026} <= notices.known and 2040 not in notices.known
    calendar = Calendar()
    expected = {"元旦": "2039-12-30", "春节": "2040-02-10", "清明": "2040-04-03", "五一": "2040-04-30",
                "端午": "2040-06-13", "中秋": "2040-09-19", "国庆": "2040-09-28"}
    for festival, due in expected.items():
        days_off = calendar.days_off(festival, 2040)
        assert (days_off.start, days_off.end, days_off.source) == (holiday_date(festival, 2040),) * 2 + (FESTIVAL,)
        assert calendar.working_day_before(days_off.start) == D(due), festival


def test_working_days_are_counted_back_with_days() -> None:
    period = parse_period("2024")
    dues = [due_date(DueRule("holiday", days=n, holiday="端午"), period) for n in (0, 1, 2, 5)]
    # Friday 06-07, Thursday, Wednesday, then over the weekend of 06-01/02 to Friday 05-31.
    assert dues == [D("2024-06-07"), D("2024-06-06"), D("2024-06-05"), D("2024-05-31")]


def test_an_override_replaces_the_days_off_and_its_workdays_count() -> None:
    overrides = {("春节", 2027): Override(D("2027-02-05"), D("2027-02-13"), (D("2027-01-31"),))}
    calendar = Calendar(overrides=overrides)
    days_off = calendar.days_off("春节", 2027)
    assert (days_off.start, days_off.end, days_off.source) == (D("2027-02-05"), D("2027-02-13"), "override")
    assert calendar.working_day_before(days_off.start) == D("2027-02-04")
    # Sunday 01-31 is worked: counting back from Monday 02-01 reaches it before Friday 01-29.
    assert calendar.working_day_before(D("2027-02-05"), 4) == D("2027-01-31")
    assert calendar.days_off("端午", 2027).source == FESTIVAL  # only the festival named is replaced


def test_notices_are_read_once_per_span_of_years(monkeypatch) -> None:
    """A calendar restored from the cache never asks the package about the years it covers."""
    from checklists import daysoff

    notices = read_notices(2022, 2027)
    calendar = Calendar(notices)
    monkeypatch.setattr(daysoff, "read_notices", lambda *a: (_ for _ in ()).throw(AssertionError("read")))
    assert calendar.days_off("端午", 2024).start == D("2024-06-08")
    with pytest.raises(AssertionError, match="read"):
        calendar.days_off("端午", 2030)

"""Due dates of each rule, leap years, holidays and days overdue."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.clock import parse_date, today
from checklists.due import days_overdue, due_date
from checklists.errors import DateError
from checklists.festivals import holiday_date
from checklists.model import DueRule
from checklists.periods import parse_period
from tui.errors import explain


@pytest.mark.parametrize(
    ("rule", "key", "expected"),
    [
        (DueRule("end"), "2024-Q1", date(2024, 3, 31)),
        (DueRule("end"), "2024-02", date(2024, 2, 29)),
        (DueRule("end", days=31), "2023", date(2024, 1, 31)),  # annual report on last year
        (DueRule("start", days=30), "2024-H2", date(2024, 7, 31)),
        (DueRule("date", date="01-31"), "2024", date(2024, 1, 31)),
        (DueRule("date", date="02-29"), "2024", date(2024, 2, 29)),
        (DueRule("date", date="02-29"), "2023", date(2023, 2, 28)),
        (DueRule("date", date="2024-01-31"), "once", date(2024, 1, 31)),
        (DueRule("none"), "2024", None),
        (DueRule("end"), "once", None),
    ],
)
def test_due_dates(rule, key, expected) -> None:
    assert due_date(rule, parse_period(key)) == expected


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("春节", 2023, date(2023, 1, 22)), ("春节", 2024, date(2024, 2, 10)), ("春节", 2025, date(2025, 1, 29)),
        ("端午", 2023, date(2023, 6, 22)), ("端午", 2025, date(2025, 5, 31)),
        ("中秋", 2023, date(2023, 9, 29)), ("中秋", 2024, date(2024, 9, 17)),
        ("清明", 2024, date(2024, 4, 4)), ("清明", 2023, date(2023, 4, 5)),
        ("元旦", 2024, date(2024, 1, 1)), ("五一", 2024, date(2024, 5, 1)), ("国庆", 2024, date(2024, 10, 1)),
    ],
)
def test_holiday_dates_come_from_the_calendar(name, year, expected) -> None:
    assert holiday_date(name, year) == expected


def test_holiday_reminder_falls_inside_its_year() -> None:
    period = parse_period("2023")
    # 2023 春节 was off 01-21 to 01-27; Friday 01-20 the last working day, two working days before it 01-18.
    assert due_date(DueRule("holiday", days=2, holiday="春节"), period) == date(2023, 1, 18)
    # The reminder for 元旦 2024 is sent in December 2023 and belongs to 2023, although
    # its days off began on Saturday 2023-12-30.
    assert due_date(DueRule("holiday", holiday="元旦"), period) == date(2023, 12, 29)
    assert due_date(DueRule("holiday", holiday="元旦"), parse_period("2025")) == date(2025, 12, 31)


def test_days_overdue() -> None:
    due = date(2023, 12, 31)
    assert days_overdue(due, date(2023, 12, 31)) == 0
    assert days_overdue(due, date(2024, 1, 1)) == 1
    assert days_overdue(date(2024, 2, 28), date(2024, 3, 1)) == 2  # across a leap day
    assert days_overdue(None, date(2030, 1, 1)) == 0


def test_clock_can_be_pinned(monkeypatch) -> None:
    monkeypatch.setenv("DUTY_TUI_TODAY", "2023-12-31")
    assert today() == date(2023, 12, 31)
    monkeypatch.setenv("DUTY_TUI_TODAY", "2023-13-01")
    with pytest.raises(DateError) as caught:
        today()
    assert explain(caught.value) == 'DUTY_TUI_TODAY：月份应为 1 到 12，得到 13（"2023-13-01"）'


@pytest.mark.parametrize("typed", ["2025-05-01", "2025/05/01", "2025.5.1", "2025-5-1", "2025年5月1日", " 2025/5/01 "])
def test_dates_are_read_as_people_type_them(typed: str) -> None:
    assert parse_date(typed) == date(2025, 5, 1)


def test_a_day_that_does_not_exist_is_named_as_such() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("2026-11-31", "--date")
    assert caught.value.code == "date-impossible"
    assert explain(caught.value) == '--date：2026 年 11 月没有 31 日（"2026-11-31"）'
    with pytest.raises(DateError) as caught:
        parse_date("2025-02-29", "--date")
    assert caught.value.code == "date-impossible"


@pytest.mark.parametrize("typed", ["20250501", "2025-05", "五月一日", "2025-05-01 10:00", ""])
def test_what_is_not_a_date_says_how_to_write_one(typed: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(typed, "--date")
    assert caught.value.code == "date-format"
    assert "日期应写成 2024-01-31" in explain(caught.value)


def test_holidays_from_the_cache_are_used_without_the_calendar(monkeypatch) -> None:
    from checklists import festivals

    monkeypatch.setattr(festivals, "_known", {})
    festivals.remember({("春节", 2031): date(2031, 1, 23)})
    monkeypatch.setattr(festivals, "_compute", lambda name, year: (_ for _ in ()).throw(AssertionError("computed")))
    assert holiday_date("春节", 2031) == date(2031, 1, 23)
    with pytest.raises(AssertionError, match="computed"):
        holiday_date("中秋", 2031)


def test_cached_table_matches_the_calendar() -> None:
    from checklists import festivals

    table = festivals.table_for(range(2023, 2025))
    assert table[("春节", 2024)] == date(2024, 2, 10) and table[("清明", 2023)] == date(2023, 4, 5)
    assert len(table) == 2 * 4


def test_ledger_rows_are_due_on_their_deadline_column_until_closed() -> None:
    """The ledger screen counts and filters overdue rows with row_overdue; its Rows must agree."""
    from checklists.loader import load_library
    from checklists.outstanding import ledger_rows, row_overdue

    checklist = load_library().get("guapai-duban")
    item = checklist.item("guapai-duban")
    day = date(2024, 5, 20)
    states = [
        {"subject": "#1", "fields": {"shixiang": "甲", "shixian": "2024-05-10"}},
        {"subject": "#2", "fields": {"shixiang": "乙", "shixian": "2024-05-10"}, "state": "done"},
        {"subject": "#3", "fields": {"shixiang": "丙", "shixian": "2024-05-20"}},
        {"subject": "#4", "fields": {"shixiang": "丁", "shixian": ""}},
    ]
    assert [row_overdue(item, s, day) for s in states] == [10, 0, 0, 0]
    rows = ledger_rows(checklist, item, parse_period("2024"), states, day)
    assert [r.days_overdue for r in rows] == [10, 0, 0, 0]
    assert [r.due for r in rows] == [date(2024, 5, 10), date(2024, 5, 10), date(2024, 5, 20), None]


@pytest.mark.parametrize(
    ("rule", "every", "words"),
    [
        (DueRule("end"), "month", "本月底前"),
        (DueRule("end"), "quarter", "本季末前"),
        (DueRule("end"), "half", "本半年末前"),
        (DueRule("end"), "year", "本年底前"),
        (DueRule("end", days=31), "year", "本年结束后31日内"),
        (DueRule("end", days=10), "month", "本月结束后10日内"),
        (DueRule("start", days=30), "half", "本半年开始后30日内"),
        (DueRule("end"), "", "本期结束前"),
        (DueRule("date", date="03-31"), "year", "每年3月31日前"),
        (DueRule("holiday", holiday="端午"), "year", "端午放假前最后一个工作日"),
        (DueRule("holiday", holiday="春节", days=2), "year", "春节放假前倒数第3个工作日"),
        (DueRule("none"), "once", "无固定时限"),
    ],
)
def test_rules_read_by_their_recurrence(rule: DueRule, every: str, words: str) -> None:
    assert rule.describe(every) == words

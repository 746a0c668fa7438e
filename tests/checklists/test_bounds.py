"""Bounds on typed dates, periods, deadlines and lengths: wide enough for any record, refused by code beyond."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.bounds import (
    check_day,
    check_deadline,
    check_period_range,
    check_since,
    latest,
    length_refusal,
    typed_day,
)
from checklists.periods import parse_period
from checklists.text import check_text
from tests.conftest import refused

TODAY = date(2025, 4, 10)


def test_a_year_ahead_is_the_last_day_allowed_and_29_february_has_one() -> None:
    assert latest(TODAY) == date(2026, 4, 10)
    assert latest(date(2024, 2, 29)) == date(2025, 2, 28)
    assert check_day(date(2000, 1, 1), TODAY, "--date") == date(2000, 1, 1)
    assert check_day(date(2026, 4, 10), TODAY, "--date") == date(2026, 4, 10)


@pytest.mark.parametrize(("day", "code"), [(date(1999, 12, 31), "date-too-early"), (date(1900, 1, 1), "date-too-early"),
                                           (date(2026, 4, 11), "date-too-late"), (date(2099, 1, 1), "date-too-late")])
def test_days_before_2000_or_over_a_year_ahead_are_refused(day: date, code: str) -> None:
    with refused(day.isoformat(), code=code):
        check_day(day, TODAY, "--date")


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_date_is_refused_not_read_as_today(text) -> None:
    with refused("--date：日期不能为空", code="date-empty"):
        typed_day(text, "--date", TODAY)


@pytest.mark.parametrize(("key", "ok"), [("2000-01", True), ("1999-12", False), ("1900-01", False), ("2026-04", True),
                                         ("2026-05", False), ("2026", True), ("2027", False), ("once", True)])
def test_periods_from_2000_to_a_year_ahead(key: str, ok: bool) -> None:
    period = parse_period(key)
    if ok:
        assert check_period_range(period, TODAY) is period
    else:
        with refused(f'周期 "{key}" 超出范围', code="period-out-of-range"):
            check_period_range(period, TODAY)


def test_the_org_start_is_a_day_that_has_come_from_2000_on() -> None:
    assert check_since(TODAY, TODAY) == TODAY
    with refused("起始日期 2025-04-11 还没到", code="since-future"):
        check_since(date(2025, 4, 11), TODAY)
    with refused("起始日期：日期 1900-01-01 早于 2000-01-01", code="date-too-early"):
        check_since(date(1900, 1, 1), TODAY)


def test_a_deadline_lies_within_ten_years_of_its_period() -> None:
    year = parse_period("2025")
    assert check_deadline(date(2035, 12, 31), year, "时限") == date(2035, 12, 31)
    assert check_deadline(date(2015, 1, 1), year, "时限") == date(2015, 1, 1)
    for far in (date(1999, 1, 1), date(2014, 12, 31), date(2036, 1, 1)):
        with refused(f"时限：{far.isoformat()} 与周期 2025 相差超过 10 年", code="deadline-far"):
            check_deadline(far, year, "时限")
    with refused(code="deadline-far"):
        check_deadline(date(1999, 1, 1), parse_period("once"), "时限")


@pytest.mark.parametrize(("field", "limit", "label"), [("name", 20, "姓名"), ("branch", 40, "支部"), ("dept", 40, "科室"),
                                                       ("note", 2000, "备注"), ("reason", 2000, "理由"),
                                                       ("进展", 2000, "进展")])
def test_text_longer_than_its_field_holds_is_refused(field: str, limit: int, label: str) -> None:
    check_text(field, "字" * limit, multiline=True)
    with refused(f"{label}太长：{limit + 1} 个字符，最多 {limit} 个", code="text-too-long"):
        check_text(field, "字" * (limit + 1), multiline=True)
    with refused(code="text-too-long"):
        check_text(field, "x" * 40_000)


def test_an_imported_cell_too_long_is_named_by_its_column() -> None:
    refusal = length_refusal("cell", "字" * 2001, line=3, column="事项")
    assert refusal is not None and refusal.fields["column"] == "事项" and refusal.fields["line"] == 3
    assert length_refusal("cell", "字" * 2000) is None

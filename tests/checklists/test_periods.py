"""Period keys, boundaries and navigation."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.errors import DateError
from tui.errors import explain
from checklists.periods import parse_period, period_for


@pytest.mark.parametrize(
    ("every", "day", "key", "start", "end"),
    [
        ("year", date(2024, 12, 31), "2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("half", date(2024, 6, 30), "2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
        ("half", date(2024, 7, 1), "2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
        ("quarter", date(2024, 3, 31), "2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("quarter", date(2024, 4, 1), "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("quarter", date(2023, 12, 31), "2023-Q4", date(2023, 10, 1), date(2023, 12, 31)),
        ("month", date(2024, 2, 29), "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("month", date(2023, 2, 1), "2023-02", date(2023, 2, 1), date(2023, 2, 28)),
    ],
)
def test_period_for_a_day(every, day, key, start, end) -> None:
    period = period_for(every, day)
    assert (period.key, period.start, period.end) == (key, start, end)
    assert parse_period(key) == period


def test_once_has_a_single_period() -> None:
    assert period_for("once", date(2024, 5, 5)).key == "once"
    assert parse_period("ONCE").every == "once"


@pytest.mark.parametrize(
    ("key", "steps", "expected"),
    [("2023-12", 1, "2024-01"), ("2024-01", -1, "2023-12"), ("2023-Q4", 1, "2024-Q1"),
     ("2024-H1", -1, "2023-H2"), ("2024", 2, "2026"), ("2024-03", 12, "2025-03")],
)
def test_shift_crosses_year_ends(key, steps, expected) -> None:
    assert parse_period(key).shift(steps).key == expected


def test_lowercase_keys_are_accepted() -> None:
    assert parse_period("2024-q3").key == "2024-Q3"
    assert parse_period("2024-h2").key == "2024-H2"


@pytest.mark.parametrize("key", ["2024-13", "2024-Q5", "2024-H3", "24", "2024/07", "", "next"])
def test_bad_keys_say_what_to_type(key) -> None:
    with pytest.raises(DateError) as caught:
        parse_period(key)
    assert caught.value.code == "period-format"
    assert "应写成 2024、2024-H1、2024-Q3、2024-07 或 once" in explain(caught.value)


def test_key_of_the_wrong_recurrence_is_refused() -> None:
    with pytest.raises(DateError) as caught:
        parse_period("2024-Q1", "month")
    assert explain(caught.value) == '周期 "2024-Q1" 不适用：该事项每月一次，周期应写成 2024-07 这样'


def test_labels_are_chinese() -> None:
    assert [parse_period(k).label() for k in ("2024", "2024-H2", "2024-Q3", "2024-07", "once")] == [
        "2024年", "2024年下半年", "2024年第3季度", "2024年7月", "一次性"]

"""The screens' input boxes refuse out-of-bounds values before they close, in the words the command line uses."""

from __future__ import annotations

import pytest

from tui.app.screens.checklist import _check_period
from tui.app.screens.setup import _check_since
from tui.errors import text_error


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUTY_TUI_TODAY", "2025-04-10")


def test_a_period_to_view_from_2000_to_a_year_ahead() -> None:
    assert _check_period("2024-07") is None and _check_period("") is None
    assert '周期 "1900-01" 超出范围' in (_check_period("1900-01") or "")
    assert '周期 "2099" 超出范围' in (_check_period("2099") or "")


def test_the_start_date_in_setup_has_come_and_is_from_2000_on() -> None:
    assert _check_since("2025-01-01") is None
    assert "还没到" in (_check_since("2099-01-01") or "")
    assert "早于 2000-01-01" in (_check_since("1900-01-01") or "")


def test_a_note_longer_than_2000_characters_is_refused_in_the_box() -> None:
    assert text_error("note", "字" * 2000, multiline=True) is None
    assert text_error("note", "字" * 2001, multiline=True) == "备注太长：2001 个字符，最多 2000 个；请删减后重试"

"""Roster names found from what is typed: characters, pinyin initials, full pinyin, any reading of a polyphone."""

from __future__ import annotations

import pytest

from checklists.names import in_pinyin_order, matches, picked


@pytest.mark.parametrize("typed", ["zs", "zhangs", "zhangsan", "zhs", "zhang", "张", "三", "san", "张三", "ZS", " z s "])
def test_zhang_san_is_found(typed: str) -> None:
    assert matches("张三", typed)


@pytest.mark.parametrize("typed", ["sz", "zx", "ls", "zhangsanx", "李", "zsan1"])
def test_what_does_not_spell_zhang_san_does_not_find_him(typed: str) -> None:
    assert not matches("张三", typed)


@pytest.mark.parametrize("typed", ["sl", "shanli", "dl", "danli", "cl"])
def test_a_polyphone_is_found_by_any_of_its_readings(typed: str) -> None:
    """单 reads shan (a surname), dan or chan: a person typing any of them finds 单丽."""
    assert matches("单丽", typed)


def test_latin_letters_in_a_name_are_typed_as_themselves() -> None:
    assert matches("Alice 王", "alicew") and matches("Alice 王", "ce")
    assert not matches("Alice 王", "bob")


def test_nothing_typed_matches_everyone() -> None:
    assert matches("张三", "") and matches("张三", "  ")


def test_names_come_in_pinyin_order_not_code_point_order() -> None:
    assert in_pinyin_order(["赵六", "张三", "王五", "李四", "安娜"]) == ["安娜", "李四", "王五", "张三", "赵六"]


def test_the_exact_name_typed_comes_first() -> None:
    """三 typed finds 安三 and 三; 三 typed in full is the one Enter takes, though 安三 sorts first."""
    assert picked(["安三", "李四", "三"], "三") == ["三", "安三"]
    assert picked(["张三", "李四", "赵六"], "zs") == ["张三"]
    assert picked(["张三", "李四"], "wang") == []

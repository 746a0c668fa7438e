"""Fixtures for store tests: a real database file in a temp folder, with a roster."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklists.loader import load_library
from store.tinydb import TinyStore
from store.tinydb.roster import add_person


@pytest.fixture(scope="session")
def library():
    return load_library()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "duty.json"


@pytest.fixture
def store(db_path: Path) -> TinyStore:
    s = TinyStore(db_path, lock_timeout=5)
    add_person(s, "张三", ["班子成员", "党员"], "办公室", "第一党支部")
    add_person(s, "李四", ["党组书记", "党员"], "", "第一党支部")
    add_person(s, "王五", ["党员"], "财务科", "第二党支部")
    return s

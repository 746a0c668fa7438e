"""TinyDB's storage contract, run against our AtomicJSONStorage.

Modelled on TinyDB's own tests (they run one suite against each storage):
whatever TinyDB can do with its JSONStorage must work the same with ours.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import Query, TinyDB, where

from store.errors import StoreCorrupt
from store.tinydb.storage import AtomicJSONStorage


@pytest.fixture
def db(tmp_path: Path):
    database = TinyDB(tmp_path / "t.json", storage=AtomicJSONStorage)
    yield database
    database.close()


def test_insert_and_get(db: TinyDB) -> None:
    doc_id = db.insert({"int": 1, "char": "a"})
    assert db.get(doc_id=doc_id) == {"int": 1, "char": "a"}
    assert db.insert_multiple([{"int": 2}, {"int": 3}]) == [2, 3]
    assert len(db) == 3


def test_search_update_remove_upsert(db: TinyDB) -> None:
    db.insert_multiple([{"name": "张三", "n": 1}, {"name": "李四", "n": 2}])
    assert db.search(where("n") > 1) == [{"name": "李四", "n": 2}]
    db.update({"n": 10}, Query().name == "张三")
    assert db.get(Query().name == "张三")["n"] == 10
    db.upsert({"name": "王五", "n": 3}, Query().name == "王五")
    db.upsert({"name": "王五", "n": 4}, Query().name == "王五")
    assert db.count(Query().name == "王五") == 1 and db.get(Query().name == "王五")["n"] == 4
    db.remove(Query().name == "李四")
    assert sorted(d["name"] for d in db.all()) == ["张三", "王五"]


def test_doc_ids_continue_after_reopen(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    with TinyDB(path, storage=AtomicJSONStorage) as first:
        first.insert({"a": 1})
        first.remove(doc_ids=[1])
        first.insert({"a": 2})
    with TinyDB(path, storage=AtomicJSONStorage) as second:
        assert second.insert({"a": 3}) == 3


def test_multiple_tables_and_drop(db: TinyDB) -> None:
    db.table("one").insert({"x": 1})
    db.table("two").insert({"x": 2})
    assert db.tables() == {"one", "two"}
    db.drop_table("one")
    assert db.tables() == {"two"}
    db.drop_tables()
    assert db.tables() == set()


def test_written_file_is_plain_json_readable_by_default_storage(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    with TinyDB(path, storage=AtomicJSONStorage) as ours:
        ours.insert({"名称": "三会一课"})
    assert json.loads(path.read_text("utf-8")) == {"_default": {"1": {"名称": "三会一课"}}}
    with TinyDB(path) as default:
        assert default.all() == [{"名称": "三会一课"}]


def test_empty_or_missing_file_is_an_empty_database(tmp_path: Path) -> None:
    (tmp_path / "empty.json").write_bytes(b"")
    with TinyDB(tmp_path / "empty.json", storage=AtomicJSONStorage) as db:
        assert db.all() == []
    with TinyDB(tmp_path / "missing.json", storage=AtomicJSONStorage) as db:
        assert db.all() == [] and not (tmp_path / "missing.json").exists()


def test_changes_are_visible_to_a_second_instance(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    a = TinyDB(path, storage=AtomicJSONStorage)
    b = TinyDB(path, storage=AtomicJSONStorage)
    a.table("t", cache_size=0).insert({"v": 1})
    assert b.table("t", cache_size=0).all() == [{"v": 1}]


def test_no_temp_files_are_left(db: TinyDB, tmp_path: Path) -> None:
    for n in range(20):
        db.insert({"n": n})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"]


def test_buffered_mode_writes_once_on_commit(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    db = TinyDB(path, storage=AtomicJSONStorage, autocommit=False)
    db.insert({"a": 1})
    db.insert({"a": 2})
    assert not path.exists()
    db.storage.commit()
    assert len(json.loads(path.read_bytes())["_default"]) == 2


@pytest.mark.parametrize("content", [b'{"_default": {"1": {"a"', b"\x00\x00\x00\x00", b"[1, 2, 3]", b'{"a": 1}'])
def test_invalid_content_raises_and_is_not_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(content)
    db = TinyDB(path, storage=AtomicJSONStorage)
    with pytest.raises(StoreCorrupt, match=str(path)):
        db.insert({"x": 1})
    assert path.read_bytes() == content

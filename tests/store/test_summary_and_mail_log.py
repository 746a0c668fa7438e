"""The summary kept beside the database, and the reminder sent-log, through the Store interface."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checklists.periods import parse_period
from store.interface import Store
from store.summary import read_summary
from store.tinydb import TinyStore
from tests.support.writes import Change, record


def change(library, subject: str = "张三") -> Change:
    c = library.get("yishu-sibiao")
    return Change(c, c.item("chengnuoshu"), parse_period("2024"), subject, "done")


def test_a_kept_summary_reads_back_until_anyone_writes(store: TinyStore, library) -> None:
    assert isinstance(store, Store)
    assert store.summary() is None and store.summary(stale=True) is None
    store.save_summary({"people": ["张三"]}, store.signature())
    assert store.summary() == {"people": ["张三"]} == read_summary(store.location)
    assert TinyStore(store.location).summary() == {"people": ["张三"]}  # another process's Store
    record(TinyStore(store.location), change(library))
    assert store.summary() is None and read_summary(store.location) is None
    assert store.summary(stale=True) == {"people": ["张三"]}


def test_a_summary_of_data_newer_than_its_signature_is_never_read(store: TinyStore, library) -> None:
    taken = store.signature()
    record(store, change(library))  # lands between taking the signature and reading the data
    store.save_summary({"after": True}, taken)
    assert store.summary() is None


def test_a_summary_never_waits_for_the_lock(store: TinyStore) -> None:
    from store.tinydb.lock import locked

    with locked(store.paths.lock, 0):
        store.save_summary({"x": 1}, store.signature())
        assert store.summary() == {"x": 1}


def test_keeping_a_summary_where_it_cannot_be_written_is_no_error(tmp_path) -> None:
    elsewhere = TinyStore(tmp_path / "missing" / "duty.json")
    elsewhere.save_summary({"x": 1}, elsewhere.signature())
    assert elsewhere.summary() is None


def test_a_person_is_claimed_once_a_day_and_a_claim_can_be_given_back(store: TinyStore) -> None:
    day = date(2024, 5, 20)
    assert store.claim_mail(day, "张三", "zhangsan@example.gov.cn", account="cron")
    assert not TinyStore(store.location).claim_mail(day, "张三", "zhangsan@example.gov.cn")
    assert store.claim_mail(day, "李四", "lisi@example.gov.cn")
    store.release_mail(day, "张三")
    assert store.claim_mail(day, "张三", "zhangsan@example.gov.cn")
    assert store.claim_mail(date(2024, 5, 21), "张三", "zhangsan@example.gov.cn")


def test_the_rows_are_kept_beside_the_summary_and_only_a_matching_pair_gives_them_back(store: TinyStore) -> None:
    from store.tinydb.summary import BESIDE_SUFFIX, SUFFIX

    store.save_summary({"people": [], "rows": {"yishu-sibiao": [["a"]]}}, store.signature())
    assert store.summary() == {"people": []} == read_summary(store.location)  # what a login reads
    assert b"yishu-sibiao" not in Path(str(store.location) + SUFFIX).read_bytes()
    assert store.kept_summary() == ({"people": [], "rows": {"yishu-sibiao": [["a"]]}}, store.signature())
    beside = Path(str(store.location) + BESIDE_SUFFIX)
    first = beside.read_bytes()
    store.save_summary({"people": [], "rows": {"other": []}}, store.signature())
    beside.write_bytes(first)  # another writer's rows, crossing this one's summary
    assert store.kept_summary() == ({"people": []}, store.signature())

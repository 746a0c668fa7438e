"""What every backend promises, tested through store.interface.Store alone.

Each test runs once per backend (the ``backend`` fixture), as harlequin tests
its database adapters: a new backend (PostgreSQL, say) is added to BACKENDS
and must pass the same tests. Nothing here names a shard, a file or a query.
A backend persists what it is given at the version named, or refuses with
StoreConflict; the changes here are made through the use cases (rules first),
and tests/usecases shows the rules refuse before a backend is asked to write.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checklists.errors import Refusal
from checklists.loader import load_library
from checklists.periods import parse_period
from checklists.records import StateKey
from checklists.roster import Person
from store import open_store
from store.errors import StoreConflict, StoreUnwritable
from store.interface import Draft, Store
from tests.support.writes import Change, add_rows, change_row, record, undo_last

BACKENDS = ["tinydb"]
LIBRARY = load_library()
JIERI = LIBRARY.get("jieri-lianjie")
SANHUI = LIBRARY.get("sanhui-yike")
DUBAN = LIBRARY.get("guapai-duban")
YEAR = parse_period("2024")


def opened(kind: str, folder: Path, **options) -> Store:
    if kind == "tinydb":
        return open_store(folder / "duty.json", **options)
    raise AssertionError(kind)


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path: Path) -> Store:
    store = opened(request.param, tmp_path, lock_timeout=5)
    assert isinstance(store, Store)
    return store


@pytest.fixture
def staffed(backend: Store) -> Store:
    backend.add_people([Person("张三", ("班子成员", "党员"), "办公室", "第一党支部"),
                        Person("李四", ("党员",), "财务科", "第二党支部")])
    return backend


def tick(store: Store, item: str, action: str = "done", **values: str):
    return record(store, Change(JIERI, JIERI.item(item), YEAR, "", action, **values), account="clerk")


def test_a_new_store_is_empty_and_says_where_it_is(backend: Store) -> None:
    assert not backend.exists()
    assert backend.roster().people == [] and backend.events() == []
    assert backend.states({("jieri-lianjie", "2024")}) == {}
    assert backend.org(date(2026, 11, 27)).since == date(2026, 1, 1)
    assert backend.location.name and backend.signature() == backend.signature()


def test_the_roster_keeps_people_branches_terms_and_accounts(staffed: Store) -> None:
    staffed.add_branch("第三党支部")
    staffed.set_branch_term("第一党支部", date(2023, 5, 10), 5)
    staffed.link_account("zhangsan", "张三")
    staffed.remove_person("李四")
    roster = staffed.roster()
    assert [p.name for p in roster.active()] == ["张三"] and roster.person("李四") is None
    assert [p.name for p in roster.people] == ["李四", "张三"]  # removed, not forgotten; in reading order
    assert roster.branches == ["第一党支部", "第二党支部", "第三党支部"]  # numbered in numeric order
    assert (roster.terms["第一党支部"].elected, roster.terms["第一党支部"].years) == (date(2023, 5, 10), 5)
    assert roster.accounts == {"zhangsan": "张三"}


def test_a_roster_write_at_a_stale_version_is_refused_and_writes_nothing(staffed: Store) -> None:
    version = staffed.roster_version()
    assert staffed.roster_version() == version  # reading does not change it
    staffed.add_branch("第三党支部", expected=version)
    assert staffed.roster_version() != version
    before = staffed.roster()
    for write in (lambda: staffed.add_people([Person("赵六", ("党员",))], expected=version),
                  lambda: staffed.remove_person("张三", expected=version),
                  lambda: staffed.add_branch("第四党支部", expected=version),
                  lambda: staffed.set_branch_term("第一党支部", date(2023, 5, 10), expected=version),
                  lambda: staffed.link_account("zhangsan", "张三", expected=version)):
        with pytest.raises(StoreConflict):
            write()
    assert staffed.roster() == before


def test_the_backend_decides_nothing_it_writes_what_it_is_given(staffed: Store) -> None:
    """No rule lives in a backend: an event the rules would refuse (a branch nobody knows) is stored as given."""
    key = StateKey("sanhui-yike", "zhiweihui", "2024-05", "第九党支部")
    event = {"account": "clerk", "action": "count", "checklist": key.checklist, "item": key.item,
             "period": key.period, "subject": key.subject, "date": "2099-01-01"}
    (written,) = staffed.append([Draft(event, {"state": "open", "count": 1})], expected={key: None})
    assert written["id"] and written["time"] and written["account"] == "clerk"
    assert staffed.states({("sanhui-yike", "2024-05")})[key]["count"] == 1


def test_an_append_at_a_stale_version_is_refused_and_writes_nothing(staffed: Store) -> None:
    first = tick(staffed, "chunjie")
    key = StateKey("jieri-lianjie", "chunjie", "2024", "org")
    event = {"account": "clerk", "action": "note", "checklist": key.checklist, "item": key.item,
             "period": key.period, "subject": key.subject, "note": "补记"}
    draft = Draft(event, {"state": "done", "note": "补记"})
    before = (staffed.events(), staffed.signature())
    for expected in ({key: None}, {key: "0" * 16}):  # "absent" when it exists; an event that is not its last
        with pytest.raises(StoreConflict):
            staffed.append([draft], expected=expected)
    with pytest.raises(StoreConflict):
        staffed.append([draft], expected={key: first["id"]}, roster="not the roster's version")
    assert (staffed.events(), staffed.signature()) == before
    (second,) = staffed.append([draft], expected={key: first["id"]}, roster=staffed.roster_version())
    assert staffed.states({("jieri-lianjie", "2024")})[key]["event"] == second["id"]


def test_a_change_is_read_back_as_state_event_and_log(staffed: Store) -> None:
    before = staffed.signature()
    event = tick(staffed, "chunjie", note="短信平台")
    assert staffed.exists() and staffed.signature() != before
    key = StateKey("jieri-lianjie", "chunjie", "2024", "org")
    state = staffed.states({("jieri-lianjie", "2024")})[key]
    assert (state["state"], state["note"], state["account"], state["event"]) == ("done", "短信平台", "clerk",
                                                                              event["id"])
    assert [e["id"] for e in staffed.entry_events(key)] == [event["id"]]
    assert [e["id"] for e in staffed.events()] == [event["id"]]
    assert staffed.last_change("clerk")["id"] == event["id"] and staffed.last_change("other") is None


def test_events_asked_for_by_checklist_and_period_leave_other_years_out(staffed: Store) -> None:
    this_year = tick(staffed, "chunjie")
    last_year = record(staffed, Change(JIERI, JIERI.item("chunjie"), parse_period("2023"), "", "done"), account="clerk")
    second = tick(staffed, "chunjie", "note", note="补记")
    assert [e["id"] for e in staffed.events({("jieri-lianjie", "2024")})] == [this_year["id"], second["id"]]
    assert [e["id"] for e in staffed.events({("jieri-lianjie", "2023")})] == [last_year["id"]]
    assert staffed.events({("jieri-lianjie", "2022")}) == [] and len(staffed.events()) == 3


def test_undo_reverses_the_last_change_and_only_the_one_expected(staffed: Store) -> None:
    first = tick(staffed, "chunjie")
    second = tick(staffed, "duanwu")
    with pytest.raises(Refusal) as caught:
        undo_last(staffed, LIBRARY.targets(), account="clerk", expect=first["id"])
    assert caught.value.code == "undo-moved"
    undo = undo_last(staffed, LIBRARY.targets(), account="clerk", expect=second["id"])
    assert undo["undoes"] == second["id"]
    states = staffed.states({("jieri-lianjie", "2024")})
    assert states[StateKey("jieri-lianjie", "duanwu", "2024", "org")]["state"] == "open"
    assert staffed.last_change("clerk")["id"] == first["id"]


def test_a_refused_change_records_nothing(staffed: Store) -> None:
    tick(staffed, "chunjie")
    before = (staffed.events(), staffed.signature())
    refusals = [
        lambda: record(staffed, Change(SANHUI, SANHUI.item("zhiweihui"), parse_period("2024-05"), "", "count",
                                      date="2024-05-01")),
        lambda: record(staffed, Change(SANHUI, SANHUI.item("zhiweihui"), parse_period("2024-05"), "第九党支部",
                                      "count", date="2024-05-01")),
        lambda: tick(staffed, "duanwu", "undone"),
        lambda: tick(staffed, "duanwu", "na"),
        lambda: tick(staffed, "duanwu", note="\x1b[2J"),
    ]
    codes = []
    for refused in refusals:
        with pytest.raises(Refusal) as caught:
            refused()
        codes.append(caught.value.code)
    assert codes == ["subject-required", "branch-unknown", "not-done", "na-reason", "text-refused"]
    assert (staffed.events(), staffed.signature()) == before


def test_ledger_rows_move_through_their_stages(staffed: Store) -> None:
    item = DUBAN.item("guapai-duban")
    (added,) = add_rows(staffed, DUBAN, item, YEAR, [{"事项": "一号工程", "责任人": "张三", "时限": "2024-03-31"}],
                                account="clerk")
    row = added["subject"]
    for action in ("row-advance", "row-advance"):
        change_row(staffed, DUBAN, item, YEAR, row, action, account="clerk")
    change_row(staffed, DUBAN, item, YEAR, row, "row-close", reviewer="李四", evidence="局办〔2024〕1号")
    (state,) = staffed.ledger_rows(DUBAN, item, YEAR)
    assert (state["state"], state["stage"], state["reviewer"]) == ("done", 3, "李四")
    with pytest.raises(Refusal) as caught:
        change_row(staffed, DUBAN, item, YEAR, row, "row-edit", fields={"进展": "x"})
    assert caught.value.code == "closed"
    change_row(staffed, DUBAN, item, YEAR, row, "row-reopen", reason="复核发现材料不全")
    (state,) = staffed.ledger_rows(DUBAN, item, YEAR)
    assert (state["state"], state["stage"], state["reviewer"]) == ("open", 2, "")


def test_the_org_and_its_start_date(backend: Store) -> None:
    backend.set_org(name="某某局党组", since=date(2023, 1, 1))
    org = backend.org(date(2026, 11, 27))
    assert (org.name, org.since) == ("某某局党组", date(2023, 1, 1))


def test_verify_replays_what_was_recorded(staffed: Store) -> None:
    tick(staffed, "chunjie")
    tick(staffed, "duanwu", "na", reason="与端午合并")
    report = staffed.verify(LIBRARY.targets())
    assert report.problems == [] and report.events == 2 and report.seal


def test_a_read_only_store_refuses_every_write(staffed: Store, tmp_path: Path, request) -> None:
    tick(staffed, "chunjie")
    reader = opened(request.node.callspec.params["backend"], tmp_path, read_only=True)
    assert reader.states({("jieri-lianjie", "2024")})  # reads work
    for write in (lambda: record(reader, Change(JIERI, JIERI.item("duanwu"), YEAR, "", "done")),
                  lambda: reader.add_branch("第三党支部"), lambda: reader.set_org(name="x")):
        with pytest.raises(StoreUnwritable):
            write()


def test_a_reminder_mail_is_claimed_once_a_day(staffed: Store) -> None:
    day = date(2024, 5, 20)
    assert staffed.claim_mail(day, "张三", "zhang@example.org") is True
    assert staffed.claim_mail(day, "张三", "zhang@example.org") is False
    staffed.release_mail(day, "张三")
    assert staffed.claim_mail(day, "张三", "zhang@example.org") is True
    assert staffed.claim_mail(date(2024, 5, 21), "张三", "zhang@example.org") is True


def test_a_kept_summary_is_given_back_until_the_next_write(staffed: Store) -> None:
    signature = staffed.signature()
    staffed.save_summary({"greeting": "你好"}, signature)
    assert staffed.summary() == {"greeting": "你好"}
    tick(staffed, "chunjie")
    assert staffed.summary() is None and staffed.summary(stale=True) == {"greeting": "你好"}


def test_the_checklists_written_since_a_signature_are_named_and_a_roster_change_names_none(staffed: Store) -> None:
    before = staffed.signature()
    assert staffed.changed_checklists(before) == set()
    tick(staffed, "chunjie")
    assert staffed.changed_checklists(before) == {JIERI.id}
    after = staffed.signature()
    staffed.add_branch("第三党支部")
    assert staffed.changed_checklists(after) == set()
    staffed.save_summary({"x": 1}, after)
    assert staffed.kept_summary() == ({"x": 1}, after)

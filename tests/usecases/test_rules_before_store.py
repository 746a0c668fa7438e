"""Every refusal is decided by the use case, on what it read, before the store is asked to write anything.

The backend holds no rules (tests/store/test_contract.py shows it stores what
it is given); here a recording wrapper around the Store shows that no write
method was even called for each request the rules turn down, and that the
database is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from checklists.errors import Refusal
from tui import usecases
from tui.usecases import (
    AddBranch,
    AddPeople,
    AddRows,
    ChangeRow,
    LinkAccount,
    PersonValues,
    RecordChange,
    RemovePerson,
    SetOrg,
    UndoLast,
)

from .conftest import Recording, session_of

ROW = {"事项": "一号工程", "责任人": "王五", "时限": "2024-12-31"}
DUBAN = ("guapai-duban", "guapai-duban", "2024")


def refused_before_writing(recording: Recording, code: str, call: Callable[[], Any]) -> None:
    store = recording.inner
    before = (store.events(), store.signature(), store.roster())
    recording.writes.clear()
    with pytest.raises(Refusal) as caught:
        call()
    assert caught.value.code == code
    assert recording.writes == []
    assert (store.events(), store.signature(), store.roster()) == before


def tick(**values: str) -> RecordChange:
    return RecordChange("jieri-lianjie", values.pop("item", "chunjie"), values.pop("action", "done"), **values)


ENTRY_REFUSALS = [
    ("na-reason", tick(action="na", period="2024")),
    ("count-item", RecordChange("qinglian-wenhua", "dajiangtang", "done", period="2024")),
    ("not-count-item", tick(action="count", period="2024")),
    ("not-done", tick(action="undone", period="2024")),
    ("note-empty", tick(action="note", note="  ", period="2024")),
    ("text-refused", tick(note="\x1b[2J", period="2024")),
    ("period-kind", tick(period="2024-05")),
    ("subject-org", tick(subject="张三", period="2024")),
    ("subject-required", RecordChange("sanhui-yike", "zhiweihui", "count", period="2024-05")),
    ("branch-unknown", RecordChange("sanhui-yike", "zhiweihui", "count", "第九党支部", "2024-05")),
    ("person-unknown", RecordChange("yishu-sibiao", "chengnuoshu", "done", "赵六", "2024")),
    ("person-out-of-scope", RecordChange("yishu-sibiao", "chengnuoshu", "done", "王五", "2024")),
    ("date-future", RecordChange("qinglian-wenhua", "dajiangtang", "count", date="2999-01-01")),
    ("date-before-start", RecordChange("qinglian-wenhua", "dajiangtang", "count", date="2022-06-01")),
    ("date-outside-period", RecordChange("qinglian-wenhua", "dajiangtang", "count", period="2024",
                                         date="2023-06-01")),
    ("item-unknown", tick(item="no-such-item")),
    ("checklist-unknown", RecordChange("no-such-checklist", "x", "done")),
]


@pytest.mark.parametrize(("code", "request_"), ENTRY_REFUSALS, ids=[c for c, _ in ENTRY_REFUSALS])
def test_a_change_the_rules_refuse_never_reaches_the_store(recording: Recording, library, code: str,
                                                         request_: RecordChange) -> None:
    refused_before_writing(recording, code, lambda: usecases.record(session_of(recording, library), request_))


def test_an_undo_the_rules_refuse_never_reaches_the_store(recording: Recording, library) -> None:
    clerk, other = session_of(recording, library), session_of(recording, library, "other")
    refused_before_writing(recording, "nothing-to-undo", lambda: usecases.undo(clerk, UndoLast()))
    first = usecases.record(clerk, tick(period="2024"))
    usecases.record(clerk, tick(item="duanwu", period="2024"))
    refused_before_writing(recording, "undo-moved", lambda: usecases.undo(clerk, UndoLast(first["id"])))
    usecases.record(other, tick(item="duanwu", action="note", note="他人补记", period="2024"))
    refused_before_writing(recording, "undo-changed-since", lambda: usecases.undo(clerk, UndoLast()))


def test_ledger_changes_the_rules_refuse_never_reach_the_store(recording: Recording, library) -> None:
    clerk = session_of(recording, library)
    refused_before_writing(recording, "not-ledger", lambda: usecases.add_rows(
        clerk, AddRows("jieri-lianjie", "chunjie", "2024", (ROW,))))
    refused_before_writing(recording, "cell-person-unknown", lambda: usecases.add_rows(
        clerk, AddRows(*DUBAN, (ROW, {**ROW, "责任人": "赵六"}))))
    refused_before_writing(recording, "import-rejected", lambda: usecases.add_rows(
        clerk, AddRows(*DUBAN, ({"事项": "x"}, ROW), (2, 3), "督办.csv")))
    refused_before_writing(recording, "row-unknown", lambda: usecases.change_row(
        clerk, ChangeRow(*DUBAN, "1", "row-advance")))
    usecases.add_rows(clerk, AddRows(*DUBAN, (ROW,)))
    refused_before_writing(recording, "first-stage", lambda: usecases.change_row(
        clerk, ChangeRow(*DUBAN, "1", "row-back", reason="x")))
    refused_before_writing(recording, "required", lambda: usecases.change_row(
        clerk, ChangeRow(*DUBAN, "#1", "row-edit", fields={"事项": ""})))
    for _ in range(2):
        usecases.change_row(clerk, ChangeRow(*DUBAN, "1", "row-advance"))
    refused_before_writing(recording, "reviewer-is-owner", lambda: usecases.change_row(
        clerk, ChangeRow(*DUBAN, "1", "row-close", reviewer="王五", evidence="文1")))
    usecases.change_row(clerk, ChangeRow(*DUBAN, "1", "row-close", reviewer="李四", evidence="文1"))
    refused_before_writing(recording, "closed", lambda: usecases.change_row(
        clerk, ChangeRow(*DUBAN, "1", "row-edit", fields={"进展": "x"})))
    refused_before_writing(recording, "undo-close", lambda: usecases.undo(clerk, UndoLast()))


def test_roster_and_org_changes_the_rules_refuse_never_reach_the_store(recording: Recording, library) -> None:
    clerk = session_of(recording, library)
    refusals: list[tuple[str, Callable[[], Any]]] = [
        ("person-exists", lambda: usecases.add_people(clerk, AddPeople((PersonValues("张三", ("党员",)),)))),
        ("person-exists", lambda: usecases.add_people(clerk, AddPeople((PersonValues("赵六", ("党员",)),
                                                                         PersonValues("赵六", ("党员",)))))),
        ("role-unknown", lambda: usecases.add_people(clerk, AddPeople((PersonValues("赵六", ("局长",)),)))),
        ("name-empty", lambda: usecases.add_people(clerk, AddPeople((PersonValues(" ", ("党员",)),)))),
        ("text-refused", lambda: usecases.add_people(clerk, AddPeople((PersonValues("赵\x1b六", ("党员",)),)))),
        ("person-unknown", lambda: usecases.remove_person(clerk, RemovePerson("赵六"))),
        ("branch-exists", lambda: usecases.add_branch(clerk, AddBranch("第一党支部"))),
        ("text-refused", lambda: usecases.add_branch(clerk, AddBranch("第三\n党支部"))),
        ("person-unknown", lambda: usecases.link_account(clerk, LinkAccount("赵六"))),
        ("text-refused", lambda: usecases.set_org(clerk, SetOrg("某某局\x1b[2J"))),
    ]
    for code, call in refusals:
        refused_before_writing(recording, code, call)


def test_what_the_rules_allow_is_written_once(recording: Recording, library) -> None:
    """The other side of the above: an allowed change is one write, with the asker's account on it."""
    recording.writes.clear()
    event = usecases.record(session_of(recording, library, "zhangsan"), tick(period="2024"))
    assert recording.writes == ["append"] and event["account"] == "zhangsan"

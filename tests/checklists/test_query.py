"""The one query every surface asks: scope, progress and the rows to list."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.errors import Refusal
from checklists.loader import load_library
from checklists.query import Filter, answer, check_filter
from checklists.records import StateKey
from checklists.roster import Person, Roster

DAY = date(2024, 5, 20)
ROSTER = Roster(
    people=[Person("张三", ("班子成员", "党员"), "办公室", "第一党支部"),
            Person("李四", ("党员",), "财务科", "第二党支部")],
    branches=["第一党支部", "第二党支部"],
)


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_a_person_owns_their_items_and_the_ledger_rows_they_are_responsible_for(library) -> None:
    duban = library.get("guapai-duban")
    row = {"checklist": duban.id, "item": "guapai-duban", "period": "2024", "subject": "#1", "state": "open",
           "stage": 0, "fields": {"shixiang": "招商", "zerenren": "李四", "shixian": "2024-03-31"}}
    states = {StateKey(duban.id, "guapai-duban", "2024", "#1"): row}
    chosen = [duban, library.get("yishu-sibiao")]
    mine = answer(chosen, ROSTER, states, DAY, Filter(person="李四"))
    assert [(r.checklist.id, r.subject, r.owner) for r in mine.shown] == [("guapai-duban", "#1", "李四")]
    assert mine.shown[0].days_overdue == 50
    # Progress lists only the checklists that concern 李四: he is not a 班子成员.
    assert [p.checklist.id for p in mine.progress] == ["guapai-duban"]
    zhang = answer(chosen, ROSTER, states, DAY, Filter(person="张三"))
    assert {r.checklist.id for r in zhang.shown} == {"yishu-sibiao"}


def test_progress_counts_done_and_sets_not_applicable_aside(library) -> None:
    sibiao = library.get("yishu-sibiao")
    first, second = sibiao.items[0].id, sibiao.items[1].id
    states = {StateKey(sibiao.id, first, "2024", "张三"): {"state": "done"},
              StateKey(sibiao.id, second, "2024", "张三"): {"state": "na", "reason": "不涉及"}}
    result = answer([sibiao], ROSTER, states, DAY)
    (p,) = result.progress
    assert (p.done, p.total, p.na) == (1, len(sibiao.items) - 1, 1)
    assert all(r.open for r in result.shown) and len(result.shown) == len(sibiao.items) - 2
    everything = answer([sibiao], ROSTER, states, DAY, Filter(include_closed=True))
    assert len(everything.shown) == len(sibiao.items)


def test_a_checklist_that_concerns_nobody_reads_zero_of_zero(library) -> None:
    (p,) = answer([library.get("xintiren-ganbu")], ROSTER, {}, DAY).progress
    assert (p.done, p.total, p.overdue) == (0, 0, 0)


@pytest.mark.parametrize(("flt", "code"), [
    (Filter(person="赵六"), "person-unknown"),
    (Filter(branch="第九党支部"), "branch-unknown"),
    (Filter(role="处长"), "role-unknown"),
    (Filter(dept="外事科"), "dept-unknown"),
])
def test_a_filter_that_names_nobody_is_refused(flt: Filter, code: str) -> None:
    with pytest.raises(Refusal) as caught:
        check_filter(flt, ROSTER)
    assert caught.value.code == code


def test_overdue_rows_come_first(library) -> None:
    result = answer([library.get("yishu-sibiao"), library.get("dangfei-jiaona")], ROSTER, {}, DAY)
    late = [r.days_overdue for r in result.shown]
    assert late[0] > 0 and late == sorted(late, reverse=True)

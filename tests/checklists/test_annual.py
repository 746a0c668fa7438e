"""The annual figures' rules on hand-made states: what counts, what is left blank, what is an issue."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.annual import issues, named_for, read_year
from checklists.figures import completed_on, count, done_in_year, ledger, ratio
from checklists.draft import Blank, Composer, Draft, Number, Provenance, Ref, plain
from checklists.ledger_history import row_steps
from checklists.loader import load_library
from checklists.records import StateKey
from checklists.roster import Person, Roster

PEOPLE = [Person("甲", ("班子成员", "党员"), "办公室", "一支部"), Person("乙", ("班子成员", "党员"), "财务科", "一支部")]
ROSTER = Roster(PEOPLE, ["一支部"], {})
PROVENANCE = Provenance("某局党组", 2023, "2024-01-20 09:00", "clerk", "/srv/duty/duty.json")


@pytest.fixture(scope="module")
def library():
    return load_library()


def state(checklist: str, item: str, period: str, subject: str, **fields) -> tuple[StateKey, dict]:
    key = StateKey(checklist, item, period, subject)
    return key, {"checklist": checklist, "item": item, "period": period, "subject": subject, **fields}


def year_of(library, states: dict, day: str = "2024-01-20", ids=("diyi-zerenren", "yishu-sibiao", "zhuti-jiaoyu-2023")):
    roster = Roster([Person("书记", ("党组书记", "党员"))] + PEOPLE, ["一支部"], {})
    chosen = [library.get(i) for i in ids]
    return read_year(chosen, roster, states, date.fromisoformat(day), 2023)


def test_counts_add_every_month_and_keep_a_one_off_period_to_its_year(library) -> None:
    states = dict([
        state("diyi-zerenren", "dangzuhui", "2023-01", "书记", state="done", count=2, dates=["2023-01-05", "2023-01-20"]),
        state("diyi-zerenren", "dangzuhui", "2023-11", "书记", state="done", count=1, dates=["2023-11-02"]),
        state("zhuti-jiaoyu-2023", "lingdao-diaoyan", "once", "org", state="done", count=3,
              dates=["2023-05-01", "2023-10-01", "2024-01-05"]),
    ])
    year = year_of(library, states)
    meetings = count(year, "diyi-zerenren", "dangzuhui")
    assert meetings.values == (3,)
    assert meetings.source.periods[0] == "2023-01" and len(meetings.source.periods) == 12
    assert meetings.source.detail == "2023-01：2次；2023-11：1次"
    assert count(year, "zhuti-jiaoyu-2023", "lingdao-diaoyan").values == (2,)  # the 2024 visit is next year's


def test_a_ratio_sets_not_applicable_aside_and_names_who_has_not(library) -> None:
    states = dict([state("yishu-sibiao", "chengnuoshu", "2023", "甲", state="done"),
                   state("yishu-sibiao", "chengnuoshu", "2023", "书记", state="na", reason="调离")])
    figure = ratio(year_of(library, states), "yishu-sibiao", "chengnuoshu")
    assert figure.values == (1, 2)
    assert "未完成：乙" in figure.source.detail and "不适用（不计入）：书记" in figure.source.detail


def test_the_years_own_campaign_is_read_although_it_falls_due_next_january(library) -> None:
    campaign = library.get("zhuti-jiaoyu-2023")
    assert campaign.items[0].due.date == "2024-01-31" and named_for(campaign, 2023) and not named_for(campaign, 2024)
    year = year_of(library, dict([state(campaign.id, "dongyuan", "once", "org", state="done")]))
    assert [r.state for r in year.instances(campaign.id, "dongyuan")] == ["done"]
    assert count(year, campaign.id, "lingdao-diaoyan").source.command(2023) == (
        "duty-tui status --period once --checklist zhuti-jiaoyu-2023 --all")


def test_an_item_the_library_lacks_is_a_blank_never_a_zero(library) -> None:
    year = year_of(library, {})
    draft = Draft("t", PROVENANCE)
    parts = Composer(draft).text("召开").figure(count(year, "diyi-zerenren", "no-such-item"), "党组会议{0}次",
                                                "党组会议次数").done()
    assert [type(p) for p in parts] == [type(parts[0]), Blank]
    assert "清单库中没有对应事项" in plain(parts) and not any(c.isdigit() for c in plain(parts))
    assert draft.sources == []


def test_nobody_due_reads_as_a_blank_not_zero_out_of_zero(library) -> None:
    year = year_of(library, {}, ids=("xintiren-ganbu",))  # nobody holds the role 新提任干部
    draft = Draft("t", PROVENANCE)
    parts = Composer(draft).ratio(ratio(year, "xintiren-ganbu", "peixun"), "", "名参加培训", "参加培训人数").done()
    assert isinstance(parts[0], Blank) and "0/0" not in plain(parts)
    assert isinstance(parts[-1], Ref) and len(draft.sources) == 1  # still says where it looked


def test_every_number_points_at_its_source(library) -> None:
    states = dict([state("diyi-zerenren", "dangzuhui", "2023-03", "书记", state="done", count=1, dates=["2023-03-01"])])
    year = year_of(library, states)
    draft = Draft("t", PROVENANCE)
    c = Composer(draft)
    c.figure(count(year, "diyi-zerenren", "dangzuhui"), "召开党组会议{0}次", "x")
    c.ratio(ratio(year, "yishu-sibiao", "chengnuoshu"), "签订", "人", "y")
    parts = c.done()
    assert [(p.text, p.ref) for p in parts if isinstance(p, Number)] == [("1", 1), ("0/3", 2)]
    assert plain(parts) == "召开党组会议1次〔1〕签订0/3人〔2〕"


def test_issues_are_what_was_due_by_year_end_and_is_not_done(library) -> None:
    states = dict([state("yishu-sibiao", "chengnuoshu", "2023", "甲", state="done")])
    after = year_of(library, states, "2024-01-20")
    late = [r for r in issues(after) if r.item.id == "chengnuoshu"]
    assert sorted(r.subject for r in late) == ["乙", "书记"] and all(r.days_overdue > 0 for r in late)
    # A one-off step with no deadline is no year's failing; the campaign falls due in 2024: not a 2023 issue.
    assert any(r.item.id == "lingdao-xiaozu-guize" for r in after.rows)
    assert not any(r.item.id == "lingdao-xiaozu-guize" for r in issues(after))
    assert not any(r.checklist.id == "zhuti-jiaoyu-2023" for r in issues(after))
    during = year_of(library, states, "2023-06-01")
    assert during.cutoff == date(2023, 6, 1)
    assert all(r.due is not None and r.due <= date(2023, 6, 1) for r in issues(during))
    assert [r.subject for r in issues(after, person="乙") if r.item.id == "chengnuoshu"] == ["乙"]


def test_completed_on_takes_the_typed_date_and_forgets_a_withdrawn_tick() -> None:
    def event(action: str, time: str, **more) -> dict:
        return {"action": action, "time": time, **more}

    assert completed_on([event("done", "2024-02-01T02:00:00Z", date="2023-12-30")]) == date(2023, 12, 30)
    assert completed_on([event("done", "2023-03-01T02:00:00Z"), event("undone", "2023-03-02T02:00:00Z")]) is None
    assert completed_on([event("done", "2023-03-01T02:00:00Z"), event("note", "2023-05-02T02:00:00Z", note="x")]) == (
        date(2023, 3, 1))


def test_a_ledger_rows_steps_name_the_stages_it_moved_between(library) -> None:
    item = library.get("guapai-duban").item("guapai-duban")
    base = {"checklist": "guapai-duban", "item": item.id, "period": "2023", "subject": "#1"}
    events = [dict(base, action="row-add", stage=0, seq=1, time="t1", fields={"shixiang": "x"}),
              dict(base, action="row-advance", stage=1, seq=2, time="t2"),
              dict(base, action="row-back", stage=0, seq=3, time="t3", reason="材料不全"),
              dict(base, subject="#2", action="row-add", stage=0, seq=4, time="t4"),
              dict(base, action="row-advance", stage=1, seq=5, time="t5"),
              dict(base, action="undo", seq=6, time="t6", restore={"stage": 0})]
    steps = row_steps(item, events)
    first = steps[StateKey("guapai-duban", item.id, "2023", "#1")]
    assert [(s.before, s.after) for s in first] == [("", "挂牌"), ("挂牌", "推进中"), ("推进中", "挂牌"),
                                                    ("挂牌", "推进中"), ("推进中", "挂牌")]
    assert [s.event["action"] for s in steps[StateKey("guapai-duban", item.id, "2023", "#2")]] == ["row-add"]



def test_done_in_year_dates_one_off_steps_and_takes_a_years_instances_as_they_are(library) -> None:
    roster = Roster([Person("丙", ("预备党员",)), Person("丁", ("预备党员",))], ["一支部"], {})
    states = dict([state("fazhan-dangyuan", "s17-shenpi", "once", "丙", state="done"),
                   state("fazhan-dangyuan", "s17-shenpi", "once", "丁", state="done"),
                   state("zuzhi-shenghuohui", "zhaokai", "2023", "一支部", state="done")])
    typed = {"丙": "2023-06-30", "丁": "2022-12-01"}
    asked: list[str] = []

    def history(key: StateKey) -> list[dict]:
        asked.append(key.subject)
        return [{"action": "done", "time": "2024-01-05T02:00:00Z", "date": typed[key.subject]}]

    chosen = [library.get("fazhan-dangyuan"), library.get("zuzhi-shenghuohui")]
    year = read_year(chosen, roster, states, date(2024, 1, 20), 2023)
    approved = done_in_year(year, "fazhan-dangyuan", "s17-shenpi", history)
    assert approved.values == (1,) and approved.source.detail == "丙（2023-06-30）"
    assert done_in_year(year, "zuzhi-shenghuohui", "zhaokai", history).values == (1,)
    assert sorted(asked) == ["丁", "丙"]  # only one-off entries need their history read


def test_a_figure_that_looked_at_nothing_is_a_blank_not_a_zero(library) -> None:
    year = year_of(library, {}, ids=("guapai-duban",))  # no row registered this year
    draft = Draft("t", PROVENANCE)
    parts = Composer(draft).figure(ledger(year, "guapai-duban", "guapai-duban"), "对{0}项挂牌督办、已销号{1}项",
                                   "挂牌督办事项数").done()
    assert plain(parts) == "【待填写：挂牌督办事项数（记录中本年度没有此项的记录）】〔1〕"

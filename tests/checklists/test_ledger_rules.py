"""The ledger row rules on their own: no store, no terminal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checklists.errors import Refusal
from checklists.ledger_rules import (
    cell_setter,
    check_close_reviewer,
    check_stage,
    check_transition,
    check_unchanged,
    check_undo,
    close_stages,
    edited_cells,
    is_closed,
    missing_required,
    refused_column,
    reopen_stage,
)
from checklists.loader import load_library, validate_paths
from checklists.roster import Person, Roster

ITEM = load_library().get("guapai-duban").item("guapai-duban")  # 挂牌 → 推进中 → 已完成 → 已销号
FIELDS = {"shixiang": "一号工程", "zerenren": "王五", "shixian": "2024-03-31"}


def row(stage: int, reviewer: str = "") -> dict:
    return {"stage": stage, "fields": dict(FIELDS), "reviewer": reviewer, "state": "done" if stage == 3 else "open"}


def code_of(call) -> str:
    with pytest.raises(Refusal) as caught:
        call()
    return caught.value.code


@pytest.mark.parametrize(("action", "allowed_from"), [
    ("row-edit", {0, 1, 2}),
    ("row-advance", {0, 1}),
    ("row-back", {1, 2}),
    ("row-close", {2}),
    ("row-reopen", {3}),
])
def test_which_stages_each_action_starts_from(action: str, allowed_from: set[int]) -> None:
    for stage in range(4):
        if stage in allowed_from:
            check_stage(ITEM, row(stage), action)
        else:
            with pytest.raises(Refusal):
                check_stage(ITEM, row(stage), action)


def test_refusals_are_worded_for_the_surface_that_shows_them() -> None:
    from tui.errors import explain, message_of

    refusals = []
    for stage in range(4):
        for action in ("row-edit", "row-advance", "row-back", "row-close", "row-reopen"):
            try:
                check_transition(ITEM, row(stage), action)
            except Refusal as exc:
                refusals.append(exc)
    assert len(refusals) > 10
    for refusal in refusals:
        bare, screen = message_of(refusal.code, refusal.fields), explain(refusal, "tui")
        for word in ("close", "reopen", "advance", "back", "--", "duty-tui", "按 "):
            assert word not in bare, bare
        for word in ("duty-tui", "--"):
            assert word not in screen, screen
        assert not bare.startswith("无法完成"), refusal  # every code has its words


def test_close_and_reopen_stages() -> None:
    assert (close_stages(ITEM), reopen_stage(ITEM)) == ((2,), 2)
    wider = replace(ITEM, close_from=("推进中", "已完成"))
    assert close_stages(wider) == (1, 2)
    check_stage(wider, row(1), "row-close")
    assert code_of(lambda: check_stage(wider, row(0), "row-close")) == "close-stage"
    assert is_closed(ITEM, row(3)) and not is_closed(ITEM, row(2))


def test_transitions_record_the_new_stage() -> None:
    assert check_transition(ITEM, row(1), "row-advance") == {"stage": 2}
    assert check_transition(ITEM, row(2), "row-back", reason=" 未完成 ") == {"stage": 1, "reason": "未完成"}
    assert check_transition(ITEM, row(3), "row-reopen", reason="数据有误") == {"stage": 2, "reason": "数据有误"}
    assert check_transition(ITEM, row(2), "row-close", reviewer="李四", evidence="文1") == {
        "stage": 3, "reviewer": "李四", "evidence": "文1"}
    assert check_transition(ITEM, row(0), "row-edit", fields={"jinzhan": ""}) == {"stage": 0, "fields": {"jinzhan": ""}}


def test_reviewer_and_owner_are_never_the_same_person() -> None:
    assert code_of(lambda: check_transition(ITEM, row(2), "row-close", reviewer=" 王五 ", evidence="x")) == \
        "reviewer-is-owner"
    assert code_of(lambda: check_transition(ITEM, row(1, reviewer="李四"), "row-edit",
                                            fields={"zerenren": "李四"})) == "reviewer-is-owner"
    check_transition(ITEM, row(1), "row-edit", fields={"zerenren": "李四"})  # no reviewer on the row


def test_required_cells() -> None:
    assert missing_required(ITEM, {**FIELDS, "shixiang": " ", "zerenren": ""}) == ["事项", "责任人"]
    assert missing_required(ITEM, FIELDS) == []
    assert code_of(lambda: check_transition(ITEM, row(0), "row-edit", fields={"shixian": ""})) == "required"


ROSTER = Roster([Person("王五", dept="办公室"), Person("李四", dept="规划科")])


def test_an_edit_keeps_only_the_cells_that_change_once_stored() -> None:
    shown = {**FIELDS, "keshi": "", "jinzhan": "见附件"}
    assert edited_cells(ITEM, FIELDS, shown, ROSTER) == {"jinzhan": "见附件"}
    assert edited_cells(ITEM, FIELDS, {**FIELDS, "shixian": "2024/3/31", "shixiang": " 一号工程 "}, ROSTER) == {}
    assert edited_cells(ITEM, FIELDS, {**FIELDS, "shixian": "2024/4/1"}, ROSTER) == {"shixian": "2024-04-01"}
    gone = {**FIELDS, "zerenren": "赵六"}  # since removed from the roster: editing another cell still works
    assert edited_cells(ITEM, gone, {**gone, "jinzhan": "x"}, ROSTER) == {"jinzhan": "x"}
    assert code_of(lambda: edited_cells(ITEM, FIELDS, {**FIELDS, "zerenren": "赵六"}, ROSTER)) == "cell-person-unknown"
    assert code_of(lambda: edited_cells(ITEM, FIELDS, {**FIELDS, "shixiang": " "}, ROSTER)) == "required"


@pytest.mark.parametrize(("values", "column"), [
    ({"zerenren": "赵六"}, "zerenren"),
    ({"keshi": "无此科"}, "keshi"),
    ({"shixian": "2024-02-30"}, "shixian"),
    ({"shixian": "明天"}, "shixian"),
    ({"zerenren": "王\x1b五"}, "zerenren"),
    ({"shixiang": "", "zerenren": ""}, "shixiang"),
])
def test_a_refused_cell_names_its_column(values: dict, column: str) -> None:
    with pytest.raises(Refusal) as caught:
        edited_cells(ITEM, FIELDS, {**FIELDS, **values}, ROSTER)
    assert refused_column(ITEM, caught.value) == column


def test_the_reviewer_is_checked_on_its_own_before_the_evidence() -> None:
    assert code_of(lambda: check_close_reviewer(ITEM, FIELDS, "王五", ROSTER)) == "reviewer-is-owner"
    assert code_of(lambda: check_close_reviewer(ITEM, FIELDS, "赵六", ROSTER)) == "reviewer-unknown"
    assert code_of(lambda: check_close_reviewer(ITEM, FIELDS, " ", ROSTER)) == "reviewer"
    check_close_reviewer(ITEM, FIELDS, "李四", ROSTER)
    check_close_reviewer(ITEM, FIELDS, "赵六", None)  # the roster unknown: only the owner rule applies


def test_a_sign_off_is_not_undone() -> None:
    assert code_of(lambda: check_undo({"action": "row-close"})) == "undo-close"
    check_undo({"action": "row-reopen"})
    check_undo({"action": "done"})


def test_close_from_in_a_definition(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(
        'id = "t"\ntitle = "t"\nscope = "org"\nevery = "year"\n[[items]]\nid = "z"\ntitle = "整改"\nkind = "ledger"\n'
        'stages = ["问题", "整改中", "已整改", "已销号"]\nclose_from = [" 整改中", "已整改"]\n'
        'columns = [{ id = "x", title = "问题" }]\n', "utf-8")
    (checklist,), problems = validate_paths([tmp_path])
    assert problems == []
    item = checklist.item("z")
    assert item.close_from == ("整改中", "已整改") and close_stages(item) == (1, 2)


def _event(seq: int, account: str, action: str, **extra) -> dict:
    return {"seq": seq, "time": f"2024-05-20T0{seq}:00:00Z", "account": account, "action": action, **extra}


HISTORY = [_event(1, "zhang", "row-add", fields=dict(FIELDS), stage=0),
           _event(2, "li", "row-edit", fields={"jinzhan": "已签约"}),
           _event(3, "wang", "row-advance", stage=1)]


def test_an_edit_of_a_cell_changed_since_the_form_loaded_is_refused_naming_the_other_change() -> None:
    loaded = dict(FIELDS)  # the form opened before li's edit
    now = {**row(1), "fields": {**FIELDS, "jinzhan": "已签约"}, "subject": "#2", "account": "wang",
           "updated": HISTORY[-1]["time"]}
    roster = Roster([Person("李四", ("党员",), "办公室", "")], accounts={"li": "李四"})
    read = []

    def history():
        read.append(True)
        return HISTORY

    with pytest.raises(Refusal) as caught:
        check_unchanged(ITEM, now, loaded, {"jinzhan": "方案已印发"}, history, roster)
    fields = caught.value.fields
    assert caught.value.code == "row-changed-since"
    # li set the cell at 02:00, not wang, whose advance is the row's latest change.
    assert (fields["row"], fields["column"], fields["value"], fields["account"], fields["person"], fields["time"]) == (
        "2", "进展", "已签约", "li", "李四", "2024-05-20T02:00:00Z")
    # Cells nobody else changed, or already holding what this edit sets, pass; the history is not read for them.
    read.clear()
    check_unchanged(ITEM, now, loaded, {"shixiang": "二号工程"}, history, roster)
    check_unchanged(ITEM, now, loaded, {"jinzhan": "已签约"}, history, roster)
    check_unchanged(ITEM, now, now["fields"], {"jinzhan": "方案已印发"}, history, roster)
    assert not read


def test_the_setter_of_a_cell_is_the_event_that_gave_its_value_an_undo_included() -> None:
    undo = _event(4, "li", "undo", restore={"fields": dict(FIELDS), "stage": 1})
    assert cell_setter(HISTORY, "jinzhan") == ("li", HISTORY[1]["time"])
    assert cell_setter(HISTORY, "shixiang") == ("zhang", HISTORY[0]["time"])
    assert cell_setter([*HISTORY, undo], "jinzhan") == ("li", undo["time"])
    assert cell_setter(HISTORY, "keshi") is None

"""Requests are plain values: each kind survives JSON both ways, as a writer service would receive it."""

from __future__ import annotations

import json

import pytest

from tui import usecases
from tui.usecases.requests import KINDS, Request

EXAMPLES: list[Request] = [
    usecases.RecordChange("jieri-lianjie", "chunjie", "na", "", "2024", reason="与元旦合并“发送”", date="2024-02-01"),
    usecases.RecordChange("sanhui-yike", "zhiweihui", "count", "第一党支部", back_fill=True),
    usecases.UndoLast(),
    usecases.UndoLast("3f2a9c1d00e4b7aa"),
    usecases.AddRows("guapai-duban", "guapai-duban", "2024", ({"事项": "一号工程", "责任人": "张三"}, {"事项": "二"}),
                     (2, 3), "督办.csv"),
    usecases.ChangeRow("guapai-duban", "guapai-duban", "2024", "#1", "row-close", reviewer="李四", evidence="文1"),
    usecases.ChangeRow("guapai-duban", "guapai-duban", "2024", "1", "row-edit", fields={"jinzhan": "=1+1"}),
    usecases.AddPeople((usecases.PersonValues("张三", ("班子成员", "党员"), "办公室", "第一党支部", "z@example.org"),
                        usecases.PersonValues("李四"))),
    usecases.RemovePerson("李四"),
    usecases.AddBranch("第三党支部"),
    usecases.SetBranchTerm("第一党支部", "2023-05-10", 5),
    usecases.SetBranchTerm("第二党支部", "2024-01-02"),
    usecases.LinkAccount("张三"),
    usecases.SetOrg("某某局党组", "2023-01-01"),
    usecases.SetOrg(since="2023-01-01"),
]


@pytest.mark.parametrize("request_", EXAMPLES, ids=lambda r: r.kind)
def test_a_request_round_trips_through_json(request_: Request) -> None:
    text = request_.to_json()
    assert json.loads(text)["kind"] == request_.kind  # plain JSON: no object is pickled into it
    again = Request.from_json(text)
    assert again == request_ and type(again) is type(request_)


def test_every_kind_of_request_has_an_example() -> None:
    assert {r.kind for r in EXAMPLES} == set(KINDS)


def test_a_request_with_a_field_it_does_not_know_is_not_taken() -> None:
    text = json.dumps({"kind": "undo", "expect": None, "account": "root"})  # identity never comes from the request
    with pytest.raises(ValueError, match="account"):
        Request.from_json(text)


@pytest.mark.parametrize("text", ['{"kind": "drop-table"}', '{"name": "张三"}'])
def test_a_request_of_no_known_kind_is_not_taken(text: str) -> None:
    with pytest.raises(ValueError, match="not a request"):
        Request.from_json(text)

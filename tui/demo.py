"""A populated sample database for `duty-tui --demo`, so a newcomer sees a working app.

Lives in a temporary folder and never touches the user's real database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checklists.loader import Library
from checklists.model import ORG
from checklists.outstanding import item_period
from checklists.roster import Person
from store import open_store
from store.interface import Store

PEOPLE = [
    Person("王建国", ("党组书记", "班子成员", "党员"), "局领导", "第一党支部"),
    Person("李明", ("班子成员", "党员"), "局领导", "第一党支部"),
    Person("张华", ("班子成员", "党员"), "局领导", "第二党支部"),
    Person("刘洋", ("班子成员", "党员"), "局领导", "第三党支部"),
    Person("陈静", ("中层干部", "党员"), "办公室", "第一党支部"),
    Person("赵磊", ("中层干部", "党员", "新提任干部"), "财务科", "第二党支部"),
    Person("孙丽", ("支部书记", "党员"), "人事科", "第一党支部"),
    Person("周强", ("支部书记", "党员"), "规划科", "第二党支部"),
    Person("吴芳", ("党员",), "办公室", "第三党支部"),
    Person("钱坤", ("预备党员",), "规划科", "第二党支部"),
    Person("冯雪", ("入党积极分子",), "财务科", "第三党支部"),
]

# (checklist, item, subject, action, extra): a plausible first half of the year.
HISTORY = [
    ("yishu-sibiao", "chengnuoshu", "王建国", "done", {"note": "已签字，原件存党建办"}),
    ("yishu-sibiao", "chengnuoshu", "李明", "done", {"evidence": "党建办〔档〕1号"}),
    ("yishu-sibiao", "baosong-duizhao", "李明", "done", {}),
    ("yishu-sibiao", "chengnuoshu", "张华", "done", {}),
    ("jieri-lianjie", "chunjie", "org", "done", {"note": "短信平台已发送"}),
    ("jieri-lianjie", "duanwu", "org", "done", {}),
    ("sanhui-yike", "zhiweihui", "第一党支部", "count", {}),
    ("sanhui-yike", "zhuti-dangri", "第一党支部", "count", {}),
    ("sanhui-yike", "zhiweihui", "第二党支部", "count", {}),
    ("qinglian-wenhua", "dajiangtang", "org", "count", {"note": "第一期：以案说纪"}),
    ("jiating-zhulian", "qianding", "王建国", "done", {}),
    ("jiating-zhulian", "qianding", "陈静", "done", {}),
    ("yishixingtai-zeren", "zeren-qingdan", "org", "done", {"evidence": "局党组〔2026〕5号"}),
    ("yishixingtai-zeren", "zhuanti-yanjiu", "org", "count", {}),
    ("diyi-zerenren", "dangzuhui", "王建国", "count", {}),
    ("diyi-zerenren", "niandu-yaodian", "王建国", "done", {}),
    ("dangfei-jiaona", "jiaona", "吴芳", "done", {}),
    ("dangfei-jiaona", "jiaona", "孙丽", "done", {}),
]


# (checklist, ledger item, rows): a few 挂牌督办 and 检视整改 rows, one of them late.
LEDGER_ROWS = [
    ("guapai-duban", "guapai-duban", [
        {"事项": "招商引资一号工程", "责任人": "张华", "责任科室": "规划科", "时限": "{year}-03-31", "进展": "已签约2个项目"},
        {"事项": "优化营商环境十条措施", "责任人": "刘洋", "责任科室": "办公室", "时限": "{year}-12-31"},
        {"事项": "重点项目建设", "责任人": "李明", "责任科室": "规划科", "时限": "{year}-09-30"},
    ]),
    ("zhuti-jiaoyu-2023", "jianshi-zhenggai", [
        {"问题": "调研走访基层不够深入", "问题来源": "调查研究", "整改措施": "班子成员每季度到联系点调研",
         "责任人": "李明", "责任科室": "办公室", "时限": "2024-01-31"},
    ]),
]


def build_demo(path: Path, library: Library, account: str, today: date) -> Store:
    from . import usecases

    store = open_store(path)
    usecases.add_people(usecases.Session(store, library, usecases.Identity(account)), usecases.AddPeople.of(PEOPLE))
    usecases.link_account(usecases.Session(store, library, usecases.Identity(account)), usecases.LinkAccount("李明"))
    clerk = usecases.Session(store, library, usecases.Identity("dangjianban"))
    for checklist_id, item_id, subject, action, extra in HISTORY:
        checklist = library.get(checklist_id)
        item = checklist.item(item_id) if checklist else None
        if checklist is None or item is None:  # a user library may have replaced a built-in
            continue
        period = item_period(item, today)
        usecases.record(clerk, usecases.RecordChange(
            checklist.id, item.id, action, "" if subject == ORG else subject, period.key, note=extra.get("note", ""),
            reason=extra.get("reason", ""), evidence=extra.get("evidence", ""),
            date=today.isoformat() if action == "count" else ""))
    for checklist_id, item_id, rows in LEDGER_ROWS:
        checklist = library.get(checklist_id)
        item = checklist.item(item_id) if checklist else None
        if checklist is None or item is None or item.kind != "ledger":
            continue
        filled = [{k: v.format(year=today.year) for k, v in row.items()} for row in rows]
        usecases.add_rows(clerk, usecases.AddRows(checklist.id, item.id, item_period(item, today).key, tuple(filled)))
    return store

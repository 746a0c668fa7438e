"""A populated sample database for `duty-tui --demo`, so a newcomer sees a working app.

Lives in a temporary folder and never touches the user's real database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checklists.loader import Library
from checklists.outstanding import item_period
from store.changes import Change, record
from store.db import Store
from store.roster import Person, add_people, link_account

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


def build_demo(path: Path, library: Library, account: str, today: date) -> Store:
    store = Store(path)
    add_people(store, PEOPLE)
    link_account(store, account, "李明")
    for checklist_id, item_id, subject, action, extra in HISTORY:
        checklist = library.get(checklist_id)
        item = checklist.item(item_id) if checklist else None
        if checklist is None or item is None:  # a user library may have replaced a built-in
            continue
        period = item_period(item, today)
        if action == "count":
            extra = {**extra, "date": today.isoformat()}
        record(store, Change(checklist, item, period, "" if subject == "org" else subject, action, **extra),
               account="dangjianban")
    return store

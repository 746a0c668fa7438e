"""A bureau's 2023, recorded through the Store interface, with the report's figures counted by hand.

Shared by the year-end tests and tests/render_outputs.py. ``FIGURES`` is what a
person counting the records below would write in the report; the tests check
the generated report against it, never against the code's own arithmetic.
"""

from __future__ import annotations

from pathlib import Path

from checklists.loader import load_library
from checklists.periods import parse_period
from checklists.roster import Person
from store import open_store
from store.interface import Store
from tests.support.writes import Change, add_rows, change_row, record

YEAR = 2023
TODAY = "2024-01-20"  # the report is written in January, as most are
ORG = "某某市某某局党组"
INJECTION = "=HYPERLINK(\"http://evil.example\",\"点我\")"

PEOPLE = [
    Person("李书记", ("党组书记", "党员"), "办公室", "第一党支部"),
    Person("张三", ("班子成员", "党员"), "办公室", "第一党支部"),
    Person("王五", ("班子成员", "党员"), "财务科", "第二党支部"),
    Person("赵六", ("中层干部", "党员"), "财务科", "第二党支部"),
    Person("钱七", ("党员",), "办公室", "第一党支部"),
    Person("孙八", ("预备党员",), "财务科", "第二党支部"),
    Person("周九", ("发展对象",), "办公室", "第一党支部"),
]

# Counted by hand from the records built below.
FIGURES = {
    "党组会议": "4",  # 2023-01 twice, 2023-02 and 2023-03 once
    "推进会": "3",  # 2023-01..03
    "下基层调研": "2",
    "挂牌督办": ("3", "1"),  # three rows, one signed off
    "调研课题": ("4", "1"),  # four registered, one 已结题
    "局领导调研": "2",  # a third visit is dated 2024-01-05
    "检视问题": ("2", "0"),
    "同级监督承诺书": "2/3",  # 李书记, 张三 of 李书记, 张三, 王五
    "报送事项对照表": "1/2",  # 王五 not applicable
    "家庭助廉承诺书": "3/4",  # 李书记, 张三, 赵六 of those and 王五
    "谈心谈话": "3/5",  # 李书记, 张三, 王五 of those and 赵六, 钱七
    "节日廉洁提醒": ("4", "4"),  # 中秋 merged with 国庆: not applicable
    "清廉文化大讲堂": "2",
    "支委会": "4",  # 第一党支部 three months, 第二党支部 one
    "发展党员": "1",  # 孙八 approved 2023-06-30; 周九's step is dated 2022
    "转正": "0",
    "问题整改": ("1", "1"),
}


def build_year(path: Path) -> Store:
    """The fixture database at ``path``; the caller pins DUTY_TUI_TODAY to TODAY when reading it."""
    store = open_store(path, lock_timeout=10)
    store.add_people(PEOPLE)
    store.link_account("li", "李书记")
    store.link_account("zhang", "张三")
    store.set_org(name=ORG)
    library = load_library()

    def tick(cid: str, item: str, period: str, subject: str = "", action: str = "done", account: str = "zhang",
             **values: str) -> None:
        c = library.get(cid)
        assert c is not None and c.item(item) is not None, (cid, item)
        record(store, Change(c, c.item(item), parse_period(period), subject, action, **values), account=account)

    def count(cid: str, item: str, period: str, day: str, subject: str = "") -> None:
        tick(cid, item, period, subject, "count", date=day)

    d = "diyi-zerenren"
    for period, day in [("2023-01", "2023-01-05"), ("2023-01", "2023-01-20"), ("2023-02", "2023-02-08"),
                        ("2023-03", "2023-03-06")]:
        count(d, "dangzuhui", period, day, "李书记")
    for month in ("01", "02", "03"):
        count(d, "tuijinhui", f"2023-{month}", f"2023-{month}-15", "李书记")
    count(d, "xiajiceng-diaoyan", "2023", "2023-04-10", "李书记")
    count(d, "xiajiceng-diaoyan", "2023", "2023-09-12", "李书记")
    tick(d, "qinzi-bushu", "2023", "李书记", account="li", note="年初部署会")
    tick(d, "qinzi-guowen", "2023", "李书记", account="li")
    count(d, "zhuanti-yanjiu", "2023-H1", "2023-05-20", "李书记")
    count(d, "jiangdangke", "2023", "2023-07-01", "李书记")

    _ledgers(store, library)

    z = library.get("zhuti-jiaoyu-2023")
    assert z is not None
    for item in ("lingdao-xiaozu", "zongti-fangan", "dongyuan"):
        tick(z.id, item, "once")
    for day in ("2023-05-06", "2023-10-11", "2024-01-05"):
        count(z.id, "lingdao-diaoyan", "once", day)

    y = "yishu-sibiao"
    tick(y, "chengnuoshu", "2023", "李书记", note="已签字，原件存档")
    tick(y, "chengnuoshu", "2023", "张三", note=INJECTION, evidence="@SUM(1+1)")
    tick(y, "baosong-duizhao", "2023", "张三", note="-3")
    tick(y, "baosong-duizhao", "2023", "王五", "na", reason="本年度调离")
    for who in ("李书记", "张三"):
        tick("jiating-zhulian", "qianding", "2023", who)
    tick("jiating-zhulian", "qianding", "2023", "赵六", note="#N/A")  # Excel's error value, typed as text
    for who in ("李书记", "张三", "王五"):
        tick("tanxin-tanhua", "tanhua", "2023", who)
    for item in ("yuandan", "chunjie", "duanwu", "guoqing"):
        tick("jieri-lianjie", item, "2023", note="短信平台已发送")
    tick("jieri-lianjie", "zhongqiu", "2023", "", "na", reason="与国庆合并提醒")
    count("qinglian-wenhua", "dajiangtang", "2023", "2023-05-10")
    count("qinglian-wenhua", "dajiangtang", "2023", "2023-11-08")
    for month in ("01", "02", "03"):
        count("sanhui-yike", "zhiweihui", f"2023-{month}", f"2023-{month}-10", "第一党支部")
    count("sanhui-yike", "zhiweihui", "2023-01", "2023-01-12", "第二党支部")
    tick("fazhan-dangyuan", "s17-shenpi", "once", "孙八", date="2023-06-30")
    tick("fazhan-dangyuan", "s17-shenpi", "once", "周九", date="2022-12-01")
    return store


def _ledgers(store: Store, library) -> None:
    guapai = library.get("guapai-duban")
    item = guapai.item("guapai-duban")
    year = parse_period("2023")
    add_rows(store, guapai, item, year, [
        {"shixiang": "营商环境“一网通办”", "zerenren": "张三", "keshi": "办公室", "shixian": "2023-06-30"},
        {"shixiang": "+cmd|' /C calc'!A0", "zerenren": "王五", "keshi": "财务科", "shixian": "2023-09-30"},
        {"shixiang": "老旧小区改造", "zerenren": "张三", "keshi": "办公室", "shixian": "2024-03-31"},
    ], account="zhang")
    change_row(store, guapai, item, year, "#1", "row-advance", account="zhang")
    change_row(store, guapai, item, year, "#1", "row-advance", account="zhang")
    change_row(store, guapai, item, year, "#1", "row-close", account="li", reviewer="李书记", evidence="督办〔2023〕5号")
    change_row(store, guapai, item, year, "#2", "row-advance", account="zhang")

    z = library.get("zhuti-jiaoyu-2023")
    keti = z.item("diaoyan-keti")
    once = parse_period("once")
    add_rows(store, z, keti, once, [
        {"keti": f"课题{n}", "lingxian": "李书记", "keshi": "办公室", "renyuan": "张三", "shixian": "2023-11-30"}
        for n in range(1, 5)], account="zhang")
    for action in ("row-advance", "row-advance"):
        change_row(store, z, keti, once, "#1", action, account="zhang")
    change_row(store, z, keti, once, "#1", "row-close", account="li", reviewer="王五", evidence="结题报告")
    jianshi = z.item("jianshi-zhenggai")
    add_rows(store, z, jianshi, once, [
        {"wenti": "调研不深入", "laiyuan": "检视", "cuoshi": "建立台账", "zerenren": "张三", "shixian": "2023-12-31"},
        {"wenti": "制度不健全", "laiyuan": "巡察", "cuoshi": "修订制度", "zerenren": "王五", "shixian": "2024-06-30"}],
                   account="zhang")

    w = library.get("wenti-zhenggai")
    taizhang = w.item("zhenggai-taizhang")
    add_rows(store, w, taizhang, year, [{"wenti": "公务接待超标", "laiyuan": "审计", "cuoshi": "退缴", "zerenren": "赵六",
                                        "keshi": "财务科", "shixian": "2023-08-31", "jieguo": "已退缴"}],
                   account="zhang")
    for action in ("row-advance", "row-advance"):
        change_row(store, w, taizhang, year, "#1", action, account="zhang")
    change_row(store, w, taizhang, year, "#1", "row-close", account="li", reviewer="李书记", evidence="退缴凭证")

"""The built-in library: every file loads and carries what inspectors need."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from checklists.loader import builtin_checklists, parse_text

BUILTINS = builtin_checklists()
DATA = Path(__file__).parent.parent / "data"


def test_every_builtin_file_loads() -> None:
    files = [e for e in resources.files("checklists.builtin").iterdir() if e.name.endswith(".toml")]
    assert len(files) == len(BUILTINS) >= 20


def test_checklist_ids_are_unique_and_match_file_names() -> None:
    counts = Counter(c.id for c in BUILTINS)
    assert [cid for cid, n in counts.items() if n > 1] == []
    for entry in resources.files("checklists.builtin").iterdir():
        if entry.name.endswith(".toml"):
            checklist, problems = parse_text(entry.read_text("utf-8"), entry.name)
            assert problems == []
            assert checklist is not None and f"{checklist.id}.toml" == entry.name


@pytest.mark.parametrize("checklist", BUILTINS, ids=lambda c: c.id)
def test_builtin_has_basis_summary_and_evidence(checklist) -> None:
    assert checklist.basis, "every built-in names its source documents"
    assert checklist.summary
    missing = [item.id for item in checklist.items if not item.evidence]
    assert missing == [], "every item tells the inspector what evidence to expect"


@pytest.mark.parametrize("checklist", [c for c in BUILTINS if c.local], ids=lambda c: c.id)
def test_local_practice_is_explained(checklist) -> None:
    assert checklist.note, "a checklist marked as local practice says what to adapt"


def test_report_checklists_are_present() -> None:
    titles = " ".join(c.title + " " + " ".join(i.title for i in c.items) for c in BUILTINS)
    for phrase in [
        "同级监督承诺书", "领导干部报送事项对照表", "七纳入", "意识形态工作责任清单", "家庭助廉承诺书",
        "家风建设倡议书", "廉洁承诺书", "三会一课", "主题党日", "组织生活会", "民主评议党员",
        "民主生活会", "总体方案", "读书班", "专题党课", "调查研究", "问题清单", "任务清单",
        "整改效果清单", "亲自部署", "党组会议", "月度重点工作推进会", "挂牌督办", "三重一大",
        "干部选拔任用", "新提任干部培训", "会商", "八项规定", "四风", "清廉文化大讲堂", "警示教育",
        "谈心谈话", "元旦", "春节", "端午", "中秋", "国庆", "换届", "发展党员", "党费",
        "领导小组会议", "检视整改工作方案", "下基层调研", "党组议事规程", "党建工作领导小组工作规则",
        "机关小讲堂", "青年理论学习小组", "巡察工作", "转变工作作风", "理论学习中心组", "第一议题",
        "个人有关事项", "一报告两评议", "问题整改台账",
    ]:
        assert phrase in titles, phrase


def test_one_book_four_tables_has_three_marked_placeholders() -> None:
    c = next(c for c in BUILTINS if c.id == "yishu-sibiao")
    placeholders = [i for i in c.items if "待本单位确定" in i.title]
    assert len(c.items) == 5 and len(placeholders) == 3
    assert all(i.local for i in placeholders)
    # One letter and four tables: the 对照表 is the first table, so the unnamed ones are tables 2 to 4.
    assert [i.title[:4] for i in placeholders] == ["第2张表", "第3张表", "第4张表"]


def test_shipped_ids_are_never_dropped() -> None:
    """Stored records are keyed by checklist, item and column ids; losing one orphans them."""
    shipped = [line for line in (DATA / "builtin-ids.txt").read_text("utf-8").splitlines()
               if line and not line.startswith("#")]
    present = set()
    for c in BUILTINS:
        for item in c.items:
            present.add(f"{c.id}/{item.id}")
            present.update(f"{c.id}/{item.id}:{col.id}" for col in item.columns)
    assert len(shipped) > 150
    assert [key for key in shipped if key not in present] == []


def test_ledgers_are_named_and_keep_their_stage_count() -> None:
    ledgers = {(c.id, i.id): i for c in BUILTINS for i in c.items if i.kind == "ledger"}
    # Each ledger is named for what it registers (课题台账, 整改台账 …), never a bare 台账.
    assert [i.title for i in ledgers.values() if i.title.find("台账") < 2] == []
    # Rows store their stage by position: an existing ledger may rename a stage, never add or drop one.
    for key in [("guapai-duban", "guapai-duban"), ("zhuti-jiaoyu-2023", "diaoyan-keti"),
                ("zhuti-jiaoyu-2023", "jianshi-zhenggai")]:
        assert len(ledgers[key].stages) == 4
    assert ledgers[("zhuti-jiaoyu-2023", "diaoyan-keti")].stages[-1] == "已结题"
    general = ledgers[("wenti-zhenggai", "zhenggai-taizhang")]
    assert [col.title for col in general.columns] == [
        "问题", "问题来源", "整改措施（任务）", "责任人", "责任科室", "时限", "整改结果"]
    assert (general.owner, general.deadline) == ("zerenren", "shixian")


def test_local_items_say_what_to_adapt() -> None:
    unexplained = [f"{c.id}/{i.id}" for c in BUILTINS for i in c.items if i.local and not (i.note or c.note)]
    assert unexplained == []


def test_leadership_checklists_include_the_secretary() -> None:
    by_id = {c.id: c for c in BUILTINS}
    for cid in ("yishu-sibiao", "tanxin-tanhua", "jiating-zhulian", "geren-shixiang"):
        assert {"党组书记", "班子成员"} <= set(by_id[cid].roles), cid


def test_branch_election_elects_the_secretary_and_cites_the_term_rules() -> None:
    c = next(c for c in BUILTINS if c.id == "zhibu-huanjie")
    steps = [i.id for i in c.items]
    assert steps.index("xuanju") < steps.index("shuji-xuanju") < steps.index("baopi")
    assert any("关于党的基层组织任期的意见" in b and "2018" in b for b in c.basis)


def test_yearly_reports_fall_due_in_the_following_january() -> None:
    from datetime import date

    from checklists.due import due_date
    from checklists.periods import parse_period

    by_id = {c.id: c for c in BUILTINS}
    report = by_id["diyi-zerenren"].item("niandu-baogao")
    assert "本年度" in report.title and "次年1月31日前" in report.title
    for cid in ("diyi-zerenren", "geren-shixiang"):
        assert due_date(by_id[cid].item("niandu-baogao").due, parse_period("2023")) == date(2024, 1, 31)


def test_count_targets_from_the_sources() -> None:
    by_id = {c.id: c for c in BUILTINS}
    sanhui = by_id["sanhui-yike"]
    assert (sanhui.item("zhiweihui").every, sanhui.item("zhiweihui").target) == ("month", 1)
    assert sanhui.item("dangyuan-dahui").every == "quarter"
    lecture = by_id["qinglian-wenhua"].item("dajiangtang")
    assert (lecture.kind, lecture.target, lecture.every) == ("count", 2, "year")
    assert len(by_id["fazhan-dangyuan"].items) == 25


def test_library_cache_is_used_and_invalidated(tmp_path) -> None:
    import os
    import pickle

    from checklists.loader import load_library

    cache_dir = tmp_path / "cache"
    user = tmp_path / "user"
    user.mkdir()
    body = 'id = "mine"\ntitle = "{}"\nscope = "org"\nevery = "year"\n[[items]]\nid = "a"\ntitle = "a"\n'
    (user / "mine.toml").write_text(body.format("第一版"), "utf-8")
    assert load_library(user, cache_dir=cache_dir).get("mine").title == "第一版"
    fingerprint, cached, *dates = pickle.loads((cache_dir / "library.pickle").read_bytes())
    assert any(c.id == "mine" for c in cached)
    # A cached result is returned without reading files: prove it by planting a marker.
    marked = [c if c.id != "mine" else c.__class__(**{**c.__dict__, "title": "来自缓存"}) for c in cached]
    (cache_dir / "library.pickle").write_bytes(pickle.dumps((fingerprint, marked, *dates)))
    assert load_library(user, cache_dir=cache_dir).get("mine").title == "来自缓存"
    # Editing a user file changes its size/mtime and so invalidates the cache.
    (user / "mine.toml").write_text(body.format("第二版，改过"), "utf-8")
    os.utime(user / "mine.toml", ns=(1, 1))
    assert load_library(user, cache_dir=cache_dir).get("mine").title == "第二版，改过"
    # A damaged cache is ignored and rebuilt.
    (cache_dir / "library.pickle").write_bytes(b"not a pickle")
    assert load_library(user, cache_dir=cache_dir).get("mine").title == "第二版，改过"


def test_invalid_files_are_never_cached(tmp_path) -> None:
    import pytest

    from checklists.errors import DefinitionError
    from checklists.loader import load_library

    user = tmp_path / "user"
    user.mkdir()
    (user / "bad.toml").write_text('id = "bad"\n', "utf-8")
    for _ in range(2):
        with pytest.raises(DefinitionError):
            load_library(user, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache" / "library.pickle").exists()

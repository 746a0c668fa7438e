"""The built-in library: every file loads and carries what inspectors need."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from checklists.loader import builtin_checklists, parse_text

BUILTINS = builtin_checklists()


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
    ]:
        assert phrase in titles, phrase


def test_one_book_four_tables_has_three_marked_placeholders() -> None:
    c = next(c for c in BUILTINS if c.id == "yishu-sibiao")
    placeholders = [i for i in c.items if "待本单位确定" in i.title]
    assert len(c.items) == 5 and len(placeholders) == 3
    assert all(i.local for i in placeholders)


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
    fingerprint, cached, holidays = pickle.loads((cache_dir / "library.pickle").read_bytes())
    assert any(c.id == "mine" for c in cached)
    # A cached result is returned without reading files: prove it by planting a marker.
    marked = [c if c.id != "mine" else c.__class__(**{**c.__dict__, "title": "来自缓存"}) for c in cached]
    (cache_dir / "library.pickle").write_bytes(pickle.dumps((fingerprint, marked, holidays)))
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

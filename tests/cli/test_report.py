"""`duty-tui report`: the annual report's figures against a hand count, their sources, the DOCX as Word reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from tests.conftest import run_cli
from tests.support.fixture_year import FIGURES, TODAY, build_year

HEADINGS = ["一、做实主题教育，强化理论武装", "二、提高政治站位，加强政治建设", "三、夯实基层战斗堡垒，加强干部队伍和组织建设",
            "四、坚持严管厚爱，加强党风廉政建设", "五、存在问题（候选）", "六、下一步打算", "附录：数据来源"]


def sentences() -> list[str]:
    """What a person counting the records would write, each followed by its 〔n〕."""
    f = FIGURES
    return [
        f"全年召开党组会议{f['党组会议']}次〔", f"召开月度重点工作推进会{f['推进会']}次〔",
        f"带领班子成员下基层调研{f['下基层调研']}次〔", "对{}项重点工作挂牌督办、已销号{}项〔".format(*f["挂牌督办"]),
        "确定调研课题{}个、已结题{}个〔".format(*f["调研课题"]), f"局领导深入基层开展调研{f['局领导调研']}次〔",
        "梳理检视问题{}项、已整改销号{}项〔".format(*f["检视问题"]),
        f"领导班子成员签订《同级监督承诺书》{f['同级监督承诺书']}人〔", f"填报《领导干部报送事项对照表》{f['报送事项对照表']}人〔",
        f"组织家属签订《家庭助廉承诺书》{f['家庭助廉承诺书']}人〔", f"谈心谈话覆盖{f['谈心谈话']}人〔",
        "在元旦、春节、端午、国庆前发送节日廉洁提醒{}次（应发{}次）〔".format(*f["节日廉洁提醒"]),
        f"举办清廉文化大讲堂{f['清廉文化大讲堂']}期〔", f"支部委员会会议{f['支委会']}次〔",
        f"本年度新发展党员{f['发展党员']}名〔", f"{f['转正']}名预备党员转正〔",
        "问题整改台账登记问题{}项、已销号{}项〔".format(*f["问题整改"]),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("year") / "duty.json"
    build_year(path)
    return path


def report(db: Path, out: Path, *args: str) -> str:
    result = run_cli(db, "report", "--year", "2023", "--out", str(out), *args, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def markdown(db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("md") / "报告.md"
    said = report(db, out)
    assert said.startswith(f"已起草 2023 年度主体责任报告：{out}（")
    return out.read_text("utf-8")


def appendix(text: str) -> dict[int, str]:
    entries = {}
    for line in text.split("## 附录：数据来源", 1)[1].splitlines():
        found = re.match(r"〔(\d+)〕", line)
        if found:
            entries[int(found[1])] = line
    return entries


def test_every_figure_matches_the_hand_count(markdown: str) -> None:
    text = markdown.replace("**", "")
    for sentence in sentences():
        assert sentence in text, sentence


def test_every_figure_cites_an_appendix_entry_naming_checklist_item_periods_and_subjects(markdown: str) -> None:
    entries = appendix(markdown)
    cited = {int(n) for n in re.findall(r"〔(\d+)〕", markdown.split("## 附录")[0])}
    assert cited == set(entries) == set(range(1, len(entries) + 1))
    n = int(re.search(r"全年召开党组会议\*\*4\*\*次〔(\d+)〕", markdown)[1])
    assert entries[n].startswith(f"〔{n}〕清单“党组书记第一责任人职责”（diyi-zerenren），事项“主持召开党组会议”（dangzuhui）")
    assert "周期：2023-01 至 2023-12（12 期）" in entries[n] and "对象：李书记" in entries[n]
    assert "2023-01：2次；2023-02：1次；2023-03：1次" in entries[n]
    assert "复核：duty-tui status --period 2023 --checklist diyi-zerenren --all" in entries[n]


def _status(db: Path, command: str) -> list[dict]:
    args = command.replace("\\_", "_").split()[2:]  # the words after "duty-tui status", Markdown escapes undone
    result = run_cli(db, "status", *args, "--format", "json", DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["items"]


@pytest.mark.parametrize("pattern, item, value", [
    (r"全年召开党组会议\*\*(\d+)\*\*次〔(\d+)〕", "dangzuhui", lambda rows: sum(r["count"] for r in rows)),
    (r"签订《同级监督承诺书》\*\*(\d+/\d+)\*\*人〔(\d+)〕", "chengnuoshu",
     lambda rows: f"{sum(r['state'] == 'done' for r in rows)}/{sum(r['state'] != 'na' for r in rows)}"),
    (r"对\*\*(\d+)\*\*项重点工作挂牌督办、已销号\*\*\d+\*\*项〔(\d+)〕", "guapai-duban",
     lambda rows: sum(1 for r in rows if r["subject"].startswith("#"))),
])
def test_status_reproduces_a_figure_from_its_source(db: Path, markdown: str, pattern: str, item: str, value) -> None:
    figure, n = re.search(pattern, markdown).groups()
    command = appendix(markdown)[int(n)].split("复核：")[1]
    rows = [r for r in _status(db, command) if r["item"] == item]
    assert str(value(rows)) == figure


def test_text_the_records_cannot_give_is_left_blank_and_never_counted(markdown: str) -> None:
    assert "研究议题【待填写：议题数】项" in markdown
    assert "全年新录用公务员【待填写：人数】名" in markdown
    # Recorded as not done: the report asks to check it instead of claiming it.
    assert "【待核实：记录中“重点环节亲自协调”尚未完成】" in markdown
    assert "重要工作亲自部署〔" in markdown  # done: stated
    blanks = re.findall(r"【待(?:填写|核实)：[^】]*】", markdown)
    assert blanks and not any(re.search(r"\d+次", b) for b in blanks)


def test_the_last_sections_list_candidate_issues_and_leave_plans_blank(markdown: str) -> None:
    issues = markdown.split("## 五、存在问题（候选）")[1].split("## 六")[0]
    assert "截至2023-12-31，记录中有" in issues
    assert "- 同级监督“1书4表”：签订《同级监督承诺书》（2023年；未完成：王五），时限2023-01-31，已逾期334天" in issues
    assert "挂牌督办台账 #2 +cmd\\|' /C calc'\\!A0（责任人王五，阶段：推进中），时限2023-09-30，已逾期92天" in issues
    assert "谈心谈话全覆盖：年内至少谈心谈话一次（2023年；未完成：钱七、赵六）" in issues
    assert "【待填写：下一步工作打算】" in markdown.split("## 六、下一步打算")[1]


def test_the_docx_has_real_headings_figures_sources_and_chinese_fonts(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    report(db, out)
    document = Document(str(out))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text.startswith("某某市某某局党组2023年")
    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == HEADINGS
    body = "\n".join(p.text for p in paragraphs)
    for sentence in sentences():
        assert sentence in body, sentence
    refs = [r.text for p in paragraphs for r in p.runs if r.font.superscript]
    assert refs and all(re.fullmatch(r"〔\d+〕", r) for r in refs)
    sources = [p.text for p in paragraphs[[p.text for p in paragraphs].index("附录：数据来源") + 1:]]
    assert len(sources) == max(int(r[1:-1]) for r in refs)
    assert all(s.startswith(f"〔{n}〕清单“") and "复核：duty-tui status" in s for n, s in enumerate(sources, 1))
    blanks = [r for p in paragraphs for r in p.runs if r.text.startswith("【待")]
    assert blanks and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in blanks)

    def east_asian(style: str) -> str:
        return document.styles[style].element.rPr.rFonts.get(qn("w:eastAsia"))

    assert (east_asian("Normal"), east_asian("Heading 1"), east_asian("Title")) == ("仿宋_GB2312", "黑体", "方正小标宋简体")
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    fonts = document.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts.blob.decode("utf-8")
    (footer,) = section.footer.part.element.xpath("./w:p")  # the page number: — n —, as a field Word fills in
    assert [child.tag.rsplit("}", 1)[1] for child in footer] == ["pPr", "r", "fldSimple", "r"]
    assert footer[2].get(qn("w:instr")) == "PAGE" and section.footer.paragraphs[0].text == "—  —"


def test_a_person_gets_their_own_draft_for_shuze_shulian(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "张三.md"
    said = report(db, out, "--person", "张三")
    assert "述责述廉报告" in said
    text = out.read_text("utf-8").replace("**", "")
    assert text.startswith("# 张三2023年述责述廉报告")
    assert "签订《同级监督承诺书》（同级监督“1书4表”）：已完成〔" in text
    assert "作为责任人，挂牌督办台账中由本人负责2项、已销号1项〔" in text
    assert "- 挂牌督办台账 #3 老旧小区改造（阶段：挂牌，时限2024-03-31）" in text
    assert "本人年内谈心谈话：已完成（1/1）〔" in text
    li = tmp_path / "李书记.md"
    report(db, li, "--person", "李书记")
    li_text = li.read_text("utf-8").replace("**", "")
    assert "讲党课（党组书记第一责任人职责）：1次〔" in li_text
    assert "作为复核人，挂牌督办台账中经本人复核销号1项〔" in li_text


@pytest.mark.parametrize("args, words", [
    (["--person", "无此人"], '名册中没有 "无此人"'),
    (["--format", "markdown", "--out", "{tmp}/报告.docx"], "扩展名 .docx 与格式 markdown 不符；markdown 文件应以 .md 结尾"),
    (["--out", "{tmp}/no/such/报告.docx"], "不存在"),
    (["--year", "2099"], "年度 2099 超出范围：应在 2000 年到 2025 年之间"),
])
def test_report_mistakes_get_one_line_and_exit_2(db: Path, tmp_path: Path, args, words) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = [] if "--out" in args else ["--out", str(tmp_path / "r.docx")]
    result = run_cli(db, "report", "--year", "2023", *out, *args, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr and not list(tmp_path.iterdir())

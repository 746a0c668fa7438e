"""The annual 履行全面从严治党主体责任情况报告, factual part: the sections a 党组 report is written in.

It follows the usual structure of such reports (主题教育; 政治建设 and 第一责任人;
组织建设 and 干部工作; 党风廉政建设), with a sentence for each duty the records
cover. Narrative and results no checklist records are left as 【待填写：…】;
a duty stated as done is one the records show done, otherwise it reads
【待核实：…】. The last sections list candidate issues and leave the plans blank.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .annual import Year, issues
from .draft import Composer, Draft, Provenance, Section
from .figures import count, done_in_year, fact, items_done, ledger, ratio
from .model import subject_label
from .outstanding import Row
from .records import Event, StateKey

History = Callable[[StateKey], list[Event]]
NUMERALS = "一二三四五六七八九十"


def annual_draft(year: Year, provenance: Provenance, history: History) -> Draft:
    """The org's report draft for ``year``; ``history`` gives one entry's events (one-off steps' dates)."""
    draft = Draft(f"{provenance.org}{year.year}年履行全面从严治党主体责任工作情况报告", provenance)
    c = Composer(draft)
    draft.intro.append(c.text(f"{year.year}年，").blank("指导思想、总体情况（叙述）")
                       .text("。现将一年履行全面从严治党主体责任工作情况报告如下：").done())
    draft.sections += [
        _education(year, c),
        _politics(year, c),
        _organisation(year, c, history),
        _integrity(year, c),
        issues_section(year, c, f"{NUMERALS[4]}、存在问题（候选）"),
        Section(f"{NUMERALS[5]}、下一步打算").para(c.blank("下一步工作打算").done()),
    ]
    return draft


def _education(year: Year, c: Composer) -> Section:
    section = Section("一、做实主题教育，强化理论武装")
    campaign = year.checklist_starting(f"zhuti-jiaoyu-{year.year}")
    if campaign is None:
        section.para(
            c.blank(f"{year.year}年主题教育或专题学习教育情况（清单库中没有{year.year}年的主题教育清单）").done())
        section.para(
            c.text("加强理论学习，").figure(count(year, "zhongxinzu-xuexi", "jiti-xuexi"),
                                        "党组理论学习中心组集体学习研讨{0}次", "中心组集体学习次数").text("。").done())
        return section
    z = campaign.id
    section.para(
        c.text("一是及时安排部署。").fact(fact(year, z, "lingdao-xiaozu"), "成立主题教育工作领导小组及工作机构")
        .text("，").fact(fact(year, z, "zongti-fangan"), "制定主题教育工作总体方案")
        .text("，").fact(fact(year, z, "dongyuan"), "召开动员部署会")
        .text("，").fact(fact(year, z, "xiaozu-huiyi"), "根据工作进展召开领导小组会议和工作小组会议")
        .text("。").done())
    section.para(
        c.text("二是精心组织推动。加强理论学习，")
        .figure(count(year, "zhongxinzu-xuexi", "jiti-xuexi"), "党组理论学习中心组集体学习研讨{0}次", "中心组集体学习次数")
        .text("，").fact(fact(year, z, "dushuban"), "举办党组读书班")
        .text("，").fact(fact(year, z, "zhuanti-dangke"), "党组书记为全体党员干部讲授专题党课")
        .text("。加强调查研究，").fact(fact(year, z, "diaoyan-fangan"), "制定《关于加强调查研究的工作方案》")
        .text("，").figure(ledger(year, z, "diaoyan-keti"), "确定调研课题{0}个、已结题{1}个", "调研课题数")
        .text("，").figure(count(year, z, "lingdao-diaoyan"), "局领导深入基层开展调研{0}次", "局领导调研次数")
        .text("，").fact(fact(year, z, "diaoyan-jiaoliu"), "召开调研成果交流会，推动成果转化")
        .text("。加强检视整改，").fact(fact(year, z, "zhenggai-fangan"), "制定检视整改工作方案")
        .text("，").figure(ledger(year, z, "jianshi-zhenggai"), "梳理检视问题{0}项、已整改销号{1}项", "检视问题数")
        .text("。").done())
    section.para(c.text("三是狠抓工作落实。").blank("以学促干、推动中心工作的做法和成效").done())
    return section


def _politics(year: Year, c: Composer) -> Section:
    d = "diyi-zerenren"
    section = Section("二、提高政治站位，加强政治建设")
    section.para(
        c.text("一是切实履行第一责任人责任。").fact(fact(year, d, "qinzi-bushu"), "重要工作亲自部署")
        .text("、").fact(fact(year, d, "qinzi-guowen"), "重大问题亲自过问")
        .text("、").fact(fact(year, d, "qinzi-xietiao"), "重点环节亲自协调")
        .text("、").fact(fact(year, d, "qinzi-duban"), "重要案件亲自督办")
        .text("。").figure(count(year, d, "xiajiceng-diaoyan"), "带领班子成员下基层调研{0}次", "下基层调研次数")
        .text("，").blank("解决群众“急难愁盼”问题的情况").text("。").done())
    section.para(
        c.text("二是强化党组主体责任落实。").fact(fact(year, "sanzhong-yida", "yishi-guicheng"), "完善党组议事规程")
        .text("，").fact(fact(year, "sanzhong-yida", "guanli-banfa"), "制定“三重一大”管理办法")
        .text("。").figure(count(year, d, "dangzuhui"), "全年召开党组会议{0}次", "党组会议次数")
        .text("，研究议题").blank("议题数").text("项，")
        .figure(count(year, d, "tuijinhui"), "召开月度重点工作推进会{0}次", "月度重点工作推进会次数")
        .text("，").figure(ledger(year, "guapai-duban", "guapai-duban"), "对{0}项重点工作挂牌督办、已销号{1}项",
                          "挂牌督办事项数")
        .text("，").figure(count(year, d, "zhuanti-yanjiu"), "党组专题研究全面从严治党工作{0}次", "专题研究次数")
        .text("。").done())
    qinairu = items_done(year, "yishixingtai-qinairu")
    z = "yishixingtai-zeren"
    section.para(
        c.text("三是持续抓好意识形态工作。")
        .ratio(qinairu[0] if qinairu else None, "落实意识形态工作“七纳入”要求", "项", "“七纳入”落实项数")
        .text("，").fact(fact(year, z, "zeren-qingdan"), "制定党组意识形态工作责任清单")
        .text("，").figure(count(year, z, "zhuanti-yanjiu"), "党组专题研究意识形态工作{0}次", "专题研究意识形态工作次数")
        .text("，").figure(count(year, z, "yanpan"), "分析研判意识形态领域形势{0}次", "分析研判次数")
        .text("，").figure(count(year, z, "zhuanti-dangke"), "班子成员讲授意识形态专题党课{0}次", "意识形态专题党课次数")
        .text("。").blank("阵地管理、员工思想动态分析的做法").done())
    return section


def _organisation(year: Year, c: Composer, history: History) -> Section:
    s = "sanhui-yike"
    section = Section("三、夯实基层战斗堡垒，加强干部队伍和组织建设")
    section.para(
        c.text("一是抓好组织建设。").fact(fact(year, "diyi-zerenren", "lingdao-xiaozu-guize"), "明确党建工作领导小组工作规则")
        .text("，").fact(fact(year, "diyi-zerenren", "niandu-yaodian"), "研究印发年度全面从严治党任务安排和责任分工")
        .text("。").ratio(ratio(year, "dangfei-guanli", "zhidu"), "", "个党支部制定（修订）党费收缴使用管理办法",
                         "制定党费管理办法的支部数")
        .text("，").figure(done_in_year(year, "zhibu-huanjie", "xuanju", history), "{0}个党支部完成换届选举",
                          "换届选举的支部数")
        .text("。各党支部召开支部党员大会").figure(count(year, s, "dangyuan-dahui"), "{0}次", "支部党员大会次数")
        .text("、支部委员会会议").figure(count(year, s, "zhiweihui"), "{0}次", "支委会次数")
        .text("、党小组会").figure(count(year, s, "xiaozuhui"), "{0}次", "党小组会次数")
        .text("、党课").figure(count(year, s, "dangke"), "{0}次", "党课次数")
        .text("、主题党日").figure(count(year, s, "zhuti-dangri"), "{0}次", "主题党日次数")
        .text("，").ratio(ratio(year, "zuzhi-shenghuohui", "zhaokai"), "", "个党支部召开组织生活会", "召开组织生活会的支部数")
        .text("。").figure(done_in_year(year, "fazhan-dangyuan", "s17-shenpi", history), "本年度新发展党员{0}名",
                          "新发展党员数")
        .text("，").figure(done_in_year(year, "fazhan-dangyuan", "s24-zhuanzheng-shenpi", history), "{0}名预备党员转正",
                          "预备党员转正数")
        .text("。").done())
    g = "ganbu-xuanren"
    section.para(
        c.text("二是做好干部选任工作。").fact(fact(year, g, "chengxu"), "各批次干部选拔任用均履行动议、民主推荐、考察、讨论决定、任职程序")
        .text("，").fact(fact(year, g, "fanti-sibi"), "落实“凡提四必”")
        .text("，").fact(fact(year, g, "nengshang-nengxia"), "执行领导干部能上能下规定")
        .text("，").fact(fact(year, "yibaogao-liangpingyi", "zhuanti-baogao"), "专题报告干部选拔任用工作")
        .text("、").fact(fact(year, "yibaogao-liangpingyi", "pingyi-gongzuo"), "民主评议选人用人工作")
        .text("。全年新录用公务员").blank("人数").text("名，开展干部选拔").blank("人数").text("人，职级晋升")
        .blank("人数").text("人，岗位调整").blank("人数").text("人。").done())
    p = "ganbu-peiyang"
    section.para(
        c.text("三是加强干部教育培养。").fact(fact(year, g, "peixun-jihua"), "制定年度干部教育培训计划")
        .text("，").figure(count(year, p, "xiaojiangtang"), "举办机关小讲堂{0}期", "机关小讲堂期数")
        .text("，").fact(fact(year, p, "qingnian-xiaozu"), "组建青年理论学习小组和青年调研小组")
        .text("，").figure(count(year, p, "chengguo-jiaoliu"), "召开调研成果交流会议{0}次", "调研成果交流会议次数")
        .text("，").ratio(ratio(year, "xintiren-ganbu", "peixun"), "", "名新提任干部参加新提任干部培训班",
                         "参加培训的新提任干部数")
        .text("，").fact(fact(year, p, "jiceng-duanlian"), "选派干部到吃劲岗位和基层一线锻炼")
        .text("。").done())
    return section


def _integrity(year: Year, c: Composer) -> Section:
    section = Section("四、坚持严管厚爱，加强党风廉政建设")
    section.para(
        c.text("一是加强政治监督。").ratio(ratio(year, "yishu-sibiao", "chengnuoshu"), "领导班子成员签订《同级监督承诺书》",
                                          "人", "签订《同级监督承诺书》人数")
        .text("、").ratio(ratio(year, "yishu-sibiao", "baosong-duizhao"), "填报《领导干部报送事项对照表》", "人",
                         "填报对照表人数")
        .text("；").fact(fact(year, "huishang", "shishi-banfa"), "制定《党组和派驻纪检监察组会商实施办法》")
        .text("，").figure(ratio(year, "huishang", "quanmian-huishang"), "与派驻纪检监察组召开全面会商{0}次（应开{1}次）",
                          "全面会商次数")
        .text("；").ratio(ratio(year, "geren-shixiang", "niandu-baogao"), "", "名领导干部按规定报告个人有关事项",
                         "报告个人有关事项人数")
        .text("。").done())
    z = "zuofeng-jianshe"
    checks = ("gongwu-jiedai", "gongwu-yongche", "bangong-yongfang", "jingfei", "jintie", "lipin-lijin", "chihe-lvyou")
    selfcheck = items_done(year, z, checks)
    section.para(
        c.text("二是强化作风建设。").fact(fact(year, z, "huodong-fangan"), "制定作风建设年度活动方案")
        .text("，").fact(fact(year, z, "jingshi-huiyi"), "召开违反中央八项规定精神问题专题警示教育会议")
        .text("，").fact(fact(year, z, "diaoyan-tongzhi"), "印发转变工作作风加强基层调查研究的通知")
        .text("，").ratio(selfcheck[0] if selfcheck else None, "对照中央八项规定精神完成自查", "项", "自查项数")
        .text("，").fact(fact(year, z, "sifeng-paicha"), "开展“四风”突出问题排查纠治")
        .text("。").figure(ledger(year, "wenti-zhenggai", "zhenggai-taizhang"), "问题整改台账登记问题{0}项、已销号{1}项",
                          "整改问题数")
        .text("。").done())
    q = "qinglian-wenhua"
    holidays = items_done(year, "jieri-lianjie")
    c.text("三是加强清廉文化建设。").fact(fact(year, q, "qinglian-dahui"), "召开清廉建设大会")
    c.text("，").figure(count(year, q, "dajiangtang"), "举办清廉文化大讲堂{0}期", "清廉文化大讲堂期数")
    c.text("，").figure(count(year, q, "jingshi-jiaoyu"), "开展警示教育{0}次", "警示教育次数")
    c.text("，").figure(count(year, q, "lianzheng-dangke"), "讲授廉政党课{0}次", "廉政党课次数")
    c.text("，").fact(fact(year, q, "yian-cugai"), "开展重大腐败案件警示教育，以案促改")
    c.text("。").fact(fact(year, "jiafeng-changyi", "changyishu"), "向全体干部发出《家风建设倡议书》")
    c.text("，").figure(count(year, "jiafeng-changyi", "huodong"), "开展家风建设主题活动{0}次", "家风建设活动次数")
    c.text("，").ratio(ratio(year, "jiating-zhulian", "qianding"), "组织家属签订《家庭助廉承诺书》", "人", "签订人数")
    c.text("。").ratio(ratio(year, "tanxin-tanhua", "tanhua"), "谈心谈话覆盖", "人", "谈心谈话覆盖人数")
    if holidays is None:
        c.text("，").blank("节日廉洁提醒次数（清单库中没有对应事项）")
    else:
        figure, done = holidays
        names = "、".join(i.due.holiday or i.title for i in done)
        c.text(f"，在{names}前" if names else "，").figure(figure, "发送节日廉洁提醒{0}次（应发{1}次）", "节日廉洁提醒次数")
    section.para(c.text("。").done())
    return section


def issues_section(year: Year, c: Composer, heading: str, person: str | None = None) -> Section:
    """What was due by year end and is not done, grouped by item and period: candidates for 存在问题."""
    section = Section(heading)
    found = issues(year, person)
    cutoff = year.cutoff.isoformat()
    if not found:
        section.para(c.text(f"记录中没有截至{cutoff}应完成而未完成的事项。").blank("存在的问题和不足").done())
        return section
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for row in found:
        # One line per item (its open periods and subjects together), one per ledger row.
        groups.setdefault((row.checklist.id, row.item.id, row.subject if row.item.kind == "ledger" else ""),
                          []).append(row)
    section.para(c.text(f"截至{cutoff}，记录中有{len(groups)}个事项（{len(found)}项次）应完成而尚未完成，"
                        "列出如下，可作为“存在问题”的候选，请核实后取舍：").done())
    for rows in groups.values():
        section.line(c.text(_issue_line(rows, year.cutoff)).done())
    section.para(c.blank("对上述问题的原因分析").done())
    return section


def _issue_line(rows: list[Row], cutoff: date) -> str:
    """One candidate issue; days overdue count to ``cutoff``, the date the section says it speaks of."""
    first = rows[0]
    late = max(((cutoff - r.due).days for r in rows if r.due is not None and r.due < cutoff), default=0)
    lateness = f"，最长已逾期{late}天" if late and len(rows) > 1 else (f"，已逾期{late}天" if late else "")
    if first.item.kind == "ledger":
        what = f"{first.checklist.title}：{first.title}"
        due = f"时限{first.due.isoformat()}" if first.due else "无时限"
        if not first.subject:  # a ledger with too few rows registered
            return f"{what}（{first.period.label()}），{due}{lateness}"
        owner = f"责任人{first.owner}，" if first.owner else ""
        return f"{what}（{owner}阶段：{first.stage}），{due}{lateness}"
    periods = list(dict.fromkeys(r.period for r in rows))
    when = periods[0].label() if len(periods) == 1 else f"{len(periods)}期：{periods[0].label()}至{periods[-1].label()}"
    subjects = list(dict.fromkeys(subject_label(r.subject) for r in rows))
    who = "、".join(subjects[:10]) + (f"等{len(subjects)}个对象" if len(subjects) > 10 else "")
    dues = sorted(r.due for r in rows if r.due)
    due = (f"时限{dues[0].isoformat()}" if len(set(dues)) == 1 else f"最早时限{dues[0].isoformat()}") if dues else "无时限"
    return f"{first.checklist.title}：{first.item.title}（{when}；未完成：{who}），{due}{lateness}"

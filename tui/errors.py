"""Refusals and failures as people read them, on the surface they are using.

The domain and the store say what went wrong by a code and fields; this
module is the one place that words them, in Chinese, in terms of the command
line (commands and flags) or of the TUI (keys), and the one place that maps
them to exit codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from checklists.errors import Refusal
from checklists.model import EVERY_LABELS, subject_label

Surface = Literal["cli", "tui"]
Fields = Mapping[str, Any]

# Exit codes, documented in README. 1 is a finding, not an error.
EXIT_OK = 0
EXIT_FOUND = 1  # verify found damage, or status --fail-on-overdue found something overdue
EXIT_USAGE = 2  # a refusal or a bad path: what was typed must change
EXIT_BUSY = 3  # busy, unwritable, unreadable, or the operating system refused
EXIT_CORRUPT = 4  # a damaged or foreign database file, never overwritten

FIELD_LABELS = {"note": "备注", "reason": "理由", "evidence": "佐证材料", "date": "日期", "subject": "对象",
                "name": "姓名", "roles": "角色", "dept": "科室", "branch": "支部", "reviewer": "复核人",
                "org_name": "单位名称", "header": "表头", "email": "邮箱",
                "since": "起始日期", "elected": "选举日期"}
CHAR_KINDS = {"newline": "换行符", "tab": "制表符", "bidi": "文字方向控制字符", "control": "控制字符",
              "surrogate": "非 UTF-8 字符", "format": "不可见的格式字符", "separator": "分隔符"}
OS_REASONS = {"permission": "没有权限", "read-only-fs": "只读文件系统", "disk-full": "磁盘已满",
              "quota": "超出磁盘配额", "is-dir": "是目录而不是文件", "not-dir": "路径中有一级不是目录",
              "missing": "不存在", "loop": "符号链接循环", "too-long": "路径太长",
              "io": "输入输出错误（磁盘或网络文件系统故障）", "too-large": "文件超出大小限制（ulimit -f 或文件系统的上限）"}
# The parser's reasons (orjson's words), as a person reading a damaged file would put them.
JSON_DETAILS = {"unexpected end of data": "文件到此就结束了，内容不完整", "unexpected character": "此处有不该出现的字符",
                "unexpected content after document": "此处起有多余的内容", "input length is 0": "内容为空"}
ROW_ACTIONS = {"row-edit": "修改", "row-advance": "推进", "row-back": "退回", "row-close": "再次销号",
               "row-reopen": "重新打开"}
NOUNS = {"rows": "行", "people": "人员"}


def names(values: Any) -> str:
    return "、".join(str(v) for v in values) if values else "（无）"


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def os_words(reason: str) -> str:
    return OS_REASONS.get(reason, reason)


def _text(f: Fields) -> str:
    where = f"“{f['column']}”列" if f.get("column") else field_label(f["field"])
    return f"{where}含有{CHAR_KINDS.get(f['kind'], f['kind'])} {f['codepoint']}（第 {f['position']} 个字符）"


def _where(f: Fields) -> str:
    return f"“{f['column']}”列" if f.get("column") else field_label(f["field"])


def period_label(key: str) -> str:
    from checklists.periods import parse_period

    try:
        return parse_period(key).label()
    except Refusal:
        return key


def _entry(f: Fields) -> str:
    return f"“{f['item']}”（{subject_label(f['subject'])}，{period_label(f['period'])}）" if f.get("item") else ""


def _changed_since(f: Fields) -> str:
    """Whose change stands in the way of an edit, when, and what they set: the edit was not saved."""
    from checklists.clock import local_text

    who = f"{f['person']}（{f['account']}）" if f.get("person") and f["person"] != f["account"] else f["account"]
    value = str(f["value"])
    value = f"“{value[:30]}…”" if len(value) > 30 else (f"“{value}”" if value else "空")
    others = f"（另有{'、'.join(f['columns'][1:])}也被改过）" if len(f.get("columns", ())) > 1 else ""
    return (f"第 {f['row']} 行的“{f['column']}”在你打开修改后已被 {who} 于 {local_text(f['time'])} 改为{value}"
            f"{others}，你的修改未保存，以免覆盖")


def _backup(f: Fields) -> str:
    if "backup" not in f:
        return "文件未被改动"
    if not f["backup"]:
        return "文件未被改动；没有可用的备份"
    return f"文件未被改动；最新备份：{f['backup']}（可先把损坏的文件另存一份，再用备份替换，见 README“数据库”一节）"


def _json_detail(detail: str) -> str:
    return next((words for start, words in JSON_DETAILS.items() if detail.startswith(start)), "格式不对")


def _cause(f: Fields) -> str:
    """Why a file was not written, in the words of the code its write failed with."""
    return {"disk-full": "磁盘已满", "folder-unwritable": "没有写权限", "file-read-only": "文件只读"}.get(
        f["cause"], os_words(f.get("reason") or f["cause"]))


def _about(text: str) -> str:
    return f"（{text}）" if text else ""


def _see(f: Fields, what: str = "用法") -> str:
    return f"用 {f['command']} --help 查看{what}"


def _guess(f: Fields) -> str:
    return f"（是否想用 {'或'.join(f['close'])}？）" if f.get("close") else ""


def _wanted(f: Fields) -> str:
    """What a value must look like, from the parameter's type; else where to read about it."""
    if f.get("choices"):
        return f"可用：{names(f['choices'])}"
    low, high = f.get("min"), f.get("max")
    if low is not None and high is not None:
        return f"应为 {low} 到 {high} 之间的整数"
    if low is not None or high is not None:
        return f"应为{'不小于 ' + str(low) if low is not None else '不大于 ' + str(high)} 的整数"
    return {"integer": "应为整数", "float": "应为数字", "boolean": "应为 true 或 false"}.get(f.get("type", ""), _see(f))


def _quoted(values: Any) -> str:
    return "、".join(f'"{v}"' for v in values)


def _bad_value(f: Fields) -> str:
    value = "" if f["value"] is None else f' "{f["value"]}"'
    return f"{'选项' if f['option'] else '参数'} {f['name']} 的值{value} 无效；{_wanted(f)}"


def _needs_value(f: Fields) -> str:
    if f.get("choices"):
        return f"选项 {f['name']} 后面缺少值；{_wanted(f)}"
    about = f"：{f['help']}" if f.get("help") else ""
    return f"选项 {f['name']} 后面缺少值{about}；{_see(f)}"


# Why a file named .xlsx could not be read (store.sheet), each with what to do about it.
WORKBOOK_DAMAGE = {
    "encrypted": "工作簿设有打开密码，无法读取；请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入",
    "old-format": "是旧版 Excel（.xls）或其他 Office 格式，不是 .xlsx；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",
    "truncated": "文件不完整（可能没有下载或复制完），无法读取；请重新获取原文件",
    "not-zip": "不是 Excel 工作簿（.xlsx）；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",
    "not-xlsx": "不是 Excel 工作簿（缺少工作簿的组成部分）；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",
    "no-sheet": "工作簿中没有工作表；请把数据放在第一张工作表中",
    "zip": "Excel 工作簿已损坏（压缩数据有误），无法读取；请用 Excel 或 WPS 打开修复后另存，或另存为 CSV",
    "xml": "Excel 工作簿已损坏（内部的 XML 无效），无法读取；请用 Excel 或 WPS 打开修复后另存，或另存为 CSV",
    "content": "Excel 工作簿已损坏（内容不合 .xlsx 格式），无法读取；请用 Excel 或 WPS 打开修复后另存，或另存为 CSV",
}


def _others(f: Fields) -> str:
    """How many more cells share the problem of the one named."""
    return f"（另有 {f['count'] - 1} 处同样的单元格）" if f.get("count", 1) > 1 else ""


def _repeated(f: Fields) -> str:
    """A field given by two columns: the same header twice, or two names of one field (科室 and 部门)."""
    headers, columns = f["headers"], f["columns"]
    where = "、".join(f"第 {c} 列" for c in columns)
    if len(set(headers)) == 1:
        said = f"表头“{headers[0]}”出现了 {len(columns)} 次（{where}）"
    else:
        said = f"表头{'、'.join(f'“{h}”（第 {c} 列）' for h, c in zip(headers, columns, strict=True))}是同一列"
    return f"{f['source']}：{said}；只能保留一列，请删去或改名其余的"


Message = str | Callable[[Fields], str]

# code -> (message, hint on the command line, hint on a screen). A message is
# a format string over the fields, or a function of them; hints may be empty.
MESSAGES: dict[str, tuple[Message, str, str]] = {
    # -- what was named on the command line or in a dialog
    "checklist-unknown": ('没有清单 "{name}"', "用 duty-tui checklists 查看可用的 ID 和标题", ""),
    "item-unknown": (lambda f: f'清单 "{f["checklist"]}" 中没有事项 "{f["name"]}"；可用的事项 ID：{names(f["known"])}', "", ""),
    "ledger-unknown": (lambda f: f'清单 "{f["checklist"]}" 中没有台账 "{f["name"]}"；可用的台账：{names(f["known"])}',
                       "", ""),
    "set-format": ('--set 应写成 列=值；得到 "{value}"', "", ""),
    "limit-negative": ("--limit 应为 0 或正整数；得到 {value}", "", ""),
    "year-format": ('年度应为四位数字的年份，如 2023；得到 "{value}"', "请用 --year 2023 这样的写法", ""),
    "output-not-file": ("--out {path} 已存在，但不是普通文件（是符号链接、设备、管道之类）", "请换一个文件名或目录", ""),
    "output-folder-missing": ("输出目录 {folder} 不存在", "请先创建，或用 --out 写到已有的目录中", ""),
    "output-suffix": ("{what}的文件名应以 {suffix} 结尾；得到 {name}", "", ""),
    "output-format-mismatch": ("输出文件的扩展名 {suffix} 与格式 {format} 不符；{format} 文件应以 {wanted} 结尾", "", ""),
    "org-nothing-to-set": ("请至少给出 --name 或 --since", "", ""),
    "account-unlinked": ("账户 {account} 尚未关联人员", "用 duty-tui whoami --link 姓名 关联", "在首页按提示关联"),
    # -- who and what a change is about
    "person-unknown": ('名册中没有 "{name}"', "用 duty-tui people list 查看，或 people add 添加", "请在名册中核对姓名"),
    "branch-unknown": (lambda f: f'没有支部 "{f["name"]}"；已有支部：{names(f.get("known", ()))}', "", ""),
    "role-unknown": (lambda f: f'角色 "{f["name"]}" 无效；可用的角色：{names(f.get("known", ()))}', "", ""),
    "dept-unknown": (lambda f: f'没有科室 "{f["name"]}"；名册中的科室：{names(f.get("known", ()))}', "", ""),
    "subject-org": ('"{checklist}" 是党组清单，不按人或支部记录', "请去掉 --subject", ""),
    "subject-required": (lambda f: f'"{f["checklist"]}" 按{"支部" if f["scope"] == "branch" else "人员"}记录',
                         "请用 --subject 指定", "请把光标移到某人或某支部的格子上"),
    "person-out-of-scope": (lambda f: f'"{f["name"]}" 的角色（{names(f["roles"])}）不在 "{f["checklist"]}" 的范围内'
                                      f'（{names(f["wanted"])}）', "", ""),
    "name-empty": ("姓名不能为空", "", ""),
    "remind-options": ("{first} 与 {second} 不能同用", "用 duty-tui remind --help 查看各选项", ""),
    "email-invalid": ('邮箱 "{email}" 不是一个邮件地址；应如 zhangsan@example.gov.cn，只写一个地址', "", ""),
    "name-repeated": ('姓名 "{name}" 重复', "", ""),
    "roles-empty": (lambda f: f'{f["name"]} 没有角色；可用：{names(f.get("known", ()))}', "", ""),
    "person-exists": ('名册中已有 "{name}"；重名时请在姓名后加科室区分，如 "王伟（办公室）"', "", ""),
    "term-branch-unknown": (lambda f: f'没有支部 "{f["name"]}"；已有支部：{names(f.get("known", ()))}',
                            "支部随人员建立：先用 duty-tui people add 姓名 --role 党员 --branch 支部名称 登记该支部的人员", ""),
    "branch-exists": ('已有支部 "{name}"', "", ""),
    # -- what was typed
    "text-refused": (_text, "请删去后重试", "请删去后重试"),
    "date-format": ('{field}：日期应写成 2024-01-31（也可写 2024/1/31、2024.1.31）；得到 "{value}"', "", ""),
    "date-month": ('{field}：月份应为 1 到 12，得到 {month}（"{value}"）', "", ""),
    "date-impossible": ('{field}：{year} 年 {month} 月没有 {day} 日（"{value}"）', "", ""),
    "date-future": ("日期 {value} 还没到（今天是 {today}）；请填写实际的日期", "", ""),
    "date-empty": ("{field}：日期不能为空", "请写成 2024-01-31 这样的日期，或去掉该选项", "请填写日期，如 2024-01-31"),
    "date-too-early": (lambda f: f"{field_label(f['field'])}：日期 {f['value']} 早于 {f['earliest']}；请核对年份", "", ""),
    "date-too-late": (lambda f: f"{field_label(f['field'])}：日期 {f['value']} 超过一年以后（最晚 {f['latest']}）；请核对年份",
                      "", ""),
    "year-out-of-range": ("年度 {value} 超出范围：应在 {earliest} 年到 {latest} 年之间", "请核对 --year", ""),
    "period-out-of-range": ("周期 \"{key}\" 超出范围：应在 {earliest} 年到 {latest} 之间；请核对年份", "", ""),
    "since-future": ("起始日期 {value} 还没到（今天是 {today}）；起始日期应为已经开始履责的日子", "", ""),
    "deadline-far": ("{column}：{value} 与周期 {period} 相差超过 {years} 年；请核对年份", "", ""),
    "text-too-long": (lambda f: f"{_where(f)}太长：{f['length']} 个字符，最多 {f['limit']} 个", "请删减后重试", "请删减后重试"),
    "date-before-start": ("日期 {value} 早于本单位的起始日期 {since}", "补录更早的记录请先用 duty-tui org set --since 提前起始日期",
                          "起始日期之前的事项不算本单位的待办"),
    "period-not-started": (lambda f: f"{period_label(f['period'])}还没开始（今天是 {f['today']}），没有可记的次数",
                           "请核对 --period", "请切换到本期或以前的周期"),
    "date-outside-period": ("日期 {value} 不在周期 {period} 内", "请核对 --date 和 --period", ""),
    "period-format": ('周期 "{key}" 写法不对；应写成 2024、2024-H1、2024-Q3、2024-07 或 once', "", ""),
    "period-kind": (lambda f: f'周期 "{f["key"]}" 不适用：该事项{EVERY_LABELS.get(f["every"], f["every"])}一次，'
                              f'周期应写成 {f["example"]} 这样', "", ""),
    "period-year": ('周期 "{key}"：年份 {year} 超出范围', "", ""),
    "period-mismatch": (lambda f: f'周期 "{f["period"]}" 与事项 "{f["item"]}" 的周期（'
                                  f'{EVERY_LABELS.get(f["every"], f["every"])}）不符', "", ""),
    # -- ticks, counts and undo
    "count-item": ('"{item}" 是计次事项（目标 {target}{unit}），请每次记一次', "", "按 + 记一次并填日期"),
    "not-count-item": ('"{item}" 不是计次事项，请直接勾选', "用 duty-tui tick", "按空格勾选"),
    "na-reason": ("标记不适用须说明理由", "请用 --reason 写明", ""),
    "note-empty": ("备注不能为空", "", ""),
    "evidence-empty": ("佐证材料不能为空（文件路径或文号）", "", ""),
    "no-count": (lambda f: f"{_entry(f)}本期还没有记过次数，无可减去", "", ""),
    "not-done": (lambda f: f"{_entry(f)}尚未完成，无可取消", "", ""),
    "nothing-to-undo": ("账户 {account} 没有可撤销的修改", "", ""),
    "undo-moved": ("你最近一次修改已经变了（可能在另一个窗口中）；请重新操作", "", "再按 u 看是哪一次"),
    "already-undone": ("这条修改已被撤销", "", ""),
    "undo-changed-since": (lambda f: f"{f.get('title') or f['checklist'] + ' / ' + f['item']}（{subject_label(f['subject'])}，"
                                     f"{period_label(f['period'])}）"
                                     "在你之后已被修改，不能撤销；请直接改正", "", ""),
    # -- ledger rows
    "not-ledger": ('"{item}" 不是台账事项', "", ""),
    "row-unknown": (lambda f: f'"{f["item"]}"（{period_label(f["period"])}）没有第 {f["row"]} 行',
                    "用 duty-tui ledger list 查看", ""),
    "column-unknown": (lambda f: f'"{f["item"]}" 没有列 "{f["name"]}"；可用的列：{names(f["known"])}', "", ""),
    "cell-person-unknown": ('{column}：名册中没有 "{name}"', "用 duty-tui people list 查看", "请核对姓名"),
    "cell-dept-unknown": (lambda f: f'{f["column"]}：没有科室 "{f["name"]}"；名册中的科室：{names(f.get("known", ()))}',
                          "", ""),
    "required": (lambda f: f"必填列不能为空：{names(f['columns'])}", "", ""),
    "reviewer-is-owner": ("复核人不能是责任人本人（{owner}）；请另请一人复核", "", ""),
    "reviewer-unknown": ('复核人：名册中没有 "{name}"', "", ""),
    "reviewer": ("销号须指定复核人", "请用 --reviewer 指定", ""),
    "evidence": ("销号须提供佐证材料（文件路径或文号）", "请用 --evidence 写明", ""),
    "reason": (lambda f: f"{ROW_ACTIONS.get(f['action'], '该操作')}须说明理由", "请用 --reason 写明", ""),
    "not-closed": ("该行尚未销号，无需重新打开", "", ""),
    "closed": (lambda f: f"该行已销号，不能{ROW_ACTIONS.get(f['action'], '修改')}；如需重办，须先重新打开并说明理由",
               "用 duty-tui ledger reopen … --reason 理由", "按 r 重新打开"),
    "to-final": ("下一阶段“{final}”须经销号：写明复核人和佐证材料", "用 duty-tui ledger close --reviewer 复核人 --evidence 佐证",
                 "按 c 销号"),
    "first-stage": ("该行已在第一阶段“{stage}”，不能再退回", "", ""),
    "close-stage": (lambda f: f"“{f['stage']}”阶段不能销号；只能从{'或'.join(f'“{s}”' for s in f['allowed'])}销号",
                    "先用 duty-tui ledger advance 推进", "按 > 推进"),
    "undo-close": ("销号不能撤销；如需重办，须重新打开并说明理由", "用 duty-tui ledger reopen … --reason 理由",
                   "按 r 重新打开"),
    "unknown-action": ("未知的台账操作 {action}", "", ""),
    "row-changed-since": (_changed_since, "请查看后重新修改", "请查看后按 e 重新修改"),
    # -- imports
    "import-encoding": ("{source}：无法识别编码；请另存为 UTF-8 或 GBK 的 CSV", "", ""),
    "import-unreadable": (lambda f: f"{f['source']}：无法读取（{os_words(f['reason'])}）", "", ""),
    "import-no-rows": ("{source}：没有数据行", "", ""),
    "import-header-text": (lambda f: f"{f['source']}：第 1 行第 {f['number']} 列（表头）含有"
                                     f"{CHAR_KINDS.get(f['kind'], f['kind'])} {f['codepoint']}（第 {f['position']} 个字符）",
                           "请删去后重试", "请删去后重试"),
    "import-format": ("{source}：只支持 .csv 和 .xlsx 文件", "", ""),
    "import-not-workbook": (lambda f: f"{f['source']}：{WORKBOOK_DAMAGE.get(f['why'], WORKBOOK_DAMAGE['content'])}",
                            "", ""),
    "import-csv-malformed": ("{source}：第 {line} 行不是有效的 CSV（引号不成对或单元格过长）；请用 Excel 或 WPS 打开后重新另存为 CSV",
                             "", ""),
    "import-header-repeated": (_repeated, "", ""),
    "import-header-unknown": (lambda f: f"{f['source']}：表头{'、'.join(f['headers'])}不对应任何列；"
                                        f"可用的表头：{names(f['known'])}；请改名或删去这些列后重试", "", ""),
    "import-extra-cells": (lambda f: f"{f['source']}：第 {f['row']} 行第 {f['column']} 列（{f['cell']}）有内容，"
                                     f"但这一列没有表头{_others(f)}；请给该列加上表头，或删去多余的内容", "", ""),
    "import-formula-uncached": (lambda f: f"{f['source']}：单元格 {f['cell']} 是公式，但文件中没有保存它的计算结果{_others(f)}；"
                                          "请用 Excel 或 WPS 打开并保存后再导入，或把公式改为数值", "", ""),
    "import-merged-cells": (lambda f: f"{f['source']}：{f['cells']} 是合并单元格{_others(f)}；合并后只有左上角的单元格有内容，"
                                      "请取消合并，并在每个单元格填上内容后再导入", "", ""),
    "import-formula-error": (lambda f: f"{f['source']}：单元格 {f['cell']} 的公式结果是错误值 {f['value']}{_others(f)}；"
                                       "请改正公式后再导入", "", ""),
    "import-error-value": (lambda f: f"{f['source']}：单元格 {f['cell']} 是错误值 {f['value']}{_others(f)}；"
                                     "请改为实际内容或留空后再导入", "", ""),
    "roster-empty": ("{source}：文件为空；第 1 行应为表头：姓名,角色,科室,支部", "", ""),
    "roster-header-missing": ("{source}：第 1 行缺少“姓名”或“角色”列；表头应为：姓名,角色,科室,支部", "", ""),
    "ledger-header-missing": (lambda f: f"{f['source']}：第 1 行应为表头：{names(f['columns'])}", "", ""),
    "ledger-header-required": (lambda f: f"{f['source']}：表头缺少必填列：{names(f['columns'])}", "", ""),
    # -- the command line itself, as Click parsed it (tui.usage)
    "usage-missing-option": (lambda f: f"缺少选项 {f['name']}{_about(f['help'])}；{_see(f)}", "", ""),
    "usage-missing-argument": (lambda f: f"缺少参数 {f['name']}{_about(f['help'])}；{_see(f)}", "", ""),
    "usage-bad-value": (_bad_value, "", ""),
    "usage-no-option": (lambda f: f"没有选项 {f['name']}{_guess(f)}；{_see(f, '可用的选项')}", "", ""),
    "usage-no-command": (lambda f: f'没有命令 "{f["name"]}"{_guess(f)}；{_see(f, "可用的命令")}', "", ""),
    "usage-flag-value": ("选项 {name} 不带值；只写 {name} 即可", "", ""),
    "usage-needs-value": (_needs_value, "", ""),
    "usage-extra": (lambda f: f"多余的参数：{_quoted(f['extra'])}；含空格的文字请整个加上引号；{_see(f)}", "", ""),
    "usage-other": (lambda f: f"命令行有误：{f['message']}；{_see(f)}", "", ""),
    # -- the store's files (failures, not refusals)
    "busy": ("数据库正被其他用户占用（等待 {wait:g} 秒仍未释放）：{path}；请稍后重试", "", ""),
    "conflict": ("保存时数据库已被其他用户修改；请重试", "", ""),
    "conflict-persists": ("数据库正被其他用户频繁修改（连续 {attempts} 次保存前都已被改动）；请稍后重试", "", ""),
    "cancelled": ("已放弃：其他用户仍在写入，这次修改没有保存", "", ""),
    "read-only-mode": ("只读模式：不能修改数据库", "去掉 --read-only 后重试", ""),
    "lock-permission": ("没有写权限，无法加锁：{path}；请检查目录权限", "或使用 --read-only 只读查看", ""),
    "lock-failed": (lambda f: f"无法加锁 {f['path']}：{os_words(f['reason'])}", "", ""),
    "mkdir-failed": (lambda f: f"无法创建目录 {f['path']}：{os_words(f['reason'])}", "", ""),
    "disk-full": ("磁盘已满，未能写入 {path}；原文件未改动，请清理磁盘后重试", "", ""),
    "folder-unwritable": ("没有写权限：{path}（只读文件或目录）；原文件未改动", "", ""),
    "write-failed": (lambda f: f"写入 {f['path']} 失败：{os_words(f['reason'])}；原文件未改动", "", ""),
    "file-read-only": ("没有写权限：{path}（文件只读）；文件未改动", "", ""),
    "dir-sync-failed": (lambda f: f"已写入 {f['path']}，但未能同步目录 {f['folder']}：{os_words(f['reason'])}", "", ""),
    "shard-deferred": (lambda f: f"已记录这次修改，但暂未写入分片 {f['path']}：{_cause(f)}；"
                                 "下次任何修改会先把它补写进分片，请勿重做这次修改", "", ""),
    "backup-failed": (lambda f: f"无法做每日备份 {f['path']}：{os_words(f['reason'])}；数据库未改动", "", ""),
    "no-read-permission": ("没有读取权限：{path}；请确认本账户在数据库目录所属的用户组中", "", ""),
    "read-failed": (lambda f: f"无法读取 {f['path']}：{os_words(f['reason'])}", "", ""),
    "corrupt-nul": (lambda f: f"数据库文件已损坏：{f['path']}：含有 NUL 字节。{_backup(f)}", "", ""),
    "corrupt-json": (lambda f: f"数据库文件已损坏：{f['path']}：不是完整的 JSON（第 {f['position']} 字节起："
                               f"{_json_detail(str(f['detail']))}）。{_backup(f)}", "", ""),
    "foreign-tables": (lambda f: f"不是 duty-tui 数据库：{f['path']}：内容不是 TinyDB 表。{_backup(f)}", "", ""),
    "foreign-file": (lambda f: f"不是 duty-tui 数据库：{f['path']}：缺少 duty-tui 标记。{_backup(f)}", "", ""),
    "bad-schema": (lambda f: f"数据库文件已损坏：{f['path']}：数据格式版本无效。{_backup(f)}", "", ""),
    "corrupt-empty": (lambda f: f"数据库文件已损坏：{f['path']}：内容为空（被截断或清空）。{_backup(f)}", "", ""),
    "bad-entry": (lambda f: f"数据库文件已损坏：{f['path']}：表 {f['table']} 的第 {f['entry']} 项不是有效的记录。"
                            f"{_backup(f)}", "", ""),
    "head-missing": (lambda f: f"数据库头文件不存在：{f['path']}，分片目录 {f['shards']} 却还在：头文件被删除或改名；"
                               f"请把它放回原处。{_backup(f)}", "", ""),
    "shard-unlisted": ("分片 {path} 不在头文件 {head} 的分片目录中：它不属于这个数据库的记录（多半是恢复备份后留下的）；"
                       "请把它移出分片目录后重试，文件未被改动", "", ""),
    "newer-schema": ("{path} 由更新版本的 duty-tui 写入（数据格式 {found}，本程序支持 {supported}）；请升级 duty-tui，文件未被改动",
                     "", ""),
    "db-is-dir": ("数据库路径是一个目录：{path}；请指定数据库文件，如 {example}", "用 --db、DUTY_TUI_DB 或配置文件中的 db", ""),
    "db-below-file": ("数据库路径无效：{path}：{folder} 是文件而不是目录", "请用 --db、DUTY_TUI_DB 或配置文件中的 db 重新指定", ""),
}


def explain(error: Exception, surface: Surface = "cli") -> str:
    """``error`` in Chinese, with the hint that fits ``surface``; an import's refusal takes one line per row."""
    from store.errors import StoreError

    if not isinstance(error, (Refusal, StoreError)):
        return str(error)
    if error.code == "import-rejected":
        return _rejected(error.fields)
    text = message_of(error.code, error.fields)
    entry = MESSAGES.get(error.code)
    hint = (entry[1] if surface == "cli" else entry[2]) if entry else ""
    return f"{text}；{hint}" if hint else text


def titled(error: Refusal, library: Any) -> Refusal:
    """``error`` with its checklist and item named by their titles, for refusals raised where only ids are known."""
    from .render.log import titles

    fields = error.fields
    if library is None or "checklist" not in fields or "item" not in fields:
        return error
    return Refusal(error.code, **{**fields, "title": titles(library, fields)})


def message_of(code: str, fields: Fields) -> str:
    """What went wrong, without a hint on what to do about it."""
    entry = MESSAGES.get(code)
    if entry is None:
        return f"无法完成：{code}"
    message = entry[0]
    return message(fields) if callable(message) else message.format(**fields)


def _rejected(fields: Fields) -> str:
    """An import refused as a whole: one line per bad row, naming the row (and the column), then the count."""
    source, problems = fields["source"], fields["problems"]
    lines = []
    for problem in problems:
        rest = {k: v for k, v in problem.fields.items() if k != "line"}
        line = problem.fields.get("line")
        where = f"{source}：第 {line} 行" if line else source
        joint = "" if problem.code == "text-refused" and rest.get("column") else "："
        lines.append(f"{where}{joint}{message_of(problem.code, rest)}")
    lines.append(f"{source}：有 {len(problems)} 行错误，未导入任何{NOUNS.get(fields.get('noun', ''), '行')}")
    return "\n".join(lines)


def exit_code(error: Exception) -> int:
    """The exit code for a refusal or a store failure (the one table of them)."""
    from store.errors import StoreBusy, StoreCorrupt, StoreError, StorePathError, StoreUnreadable, StoreUnwritable

    if isinstance(error, (Refusal, StorePathError)):
        return EXIT_USAGE
    if isinstance(error, (StoreBusy, StoreUnwritable, StoreUnreadable)):
        return EXIT_BUSY
    if isinstance(error, StoreCorrupt):
        return EXIT_CORRUPT
    if isinstance(error, (StoreError, OSError)):
        return EXIT_BUSY
    return EXIT_USAGE


def os_failure(exc: OSError) -> str:
    """One line naming the file(s) an OSError is about and why, for any OS failure nobody foresaw."""
    from store.errors import os_reason

    files = "、".join(str(n) for n in (exc.filename, exc.filename2) if n is not None)
    reason = os_words(os_reason(exc))
    return f"无法访问 {files}：{reason}" if files else f"操作系统错误：{reason}"


def text_error(field: str, value: str, *, multiline: bool = False) -> str | None:
    """What an input box says about text it cannot store (None when it can), before the dialog closes."""
    from checklists.bounds import length_refusal
    from checklists.text import text_problem

    problem = text_problem(value, multiline=multiline)
    refusal = problem.refusal(field) if problem is not None else length_refusal(field, value)
    return None if refusal is None else explain(refusal, "tui")

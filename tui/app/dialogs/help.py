"""Every key, on one screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from checklists.text import visible

from ...keynames import key_name
from ..glyphs import LEGEND, READ_ONLY
from ..widgets.keybar import KeyBar
from ..widgets.wrap import wrapped

if TYPE_CHECKING:
    from ..app import DutyApp

KEY_COLUMN = 16  # where each key's description starts, and its further lines
KEYS = [
    ("总览", ""),
    (key_name("enter"), "打开清单（在我的待办上：打开该事项所在的清单）"),
    (key_name("tab"), "在我的待办和清单进度之间切换"),
    ("w", "逐项办理我的待办：一次一项，逾期在前"),
    ("W", "逐项办理名册中某人的待办"),
    (key_name("slash"), "按文字搜索清单或事项"),
    ("r", "立即刷新（他人的修改约 1 秒内自动出现）"),
    ("e", "导出某年度的台账（Excel）和报告草稿（Word）"),
    ("o / i / l", "新数据库：设置单位名称和起始日期 / 导入名册 / 关联我的账户"),
    ("清单页", ""),
    ("方向键", "移动光标；矩阵中左右切换事项、上下切换人员或支部"),
    ("Home / End", "第一行 / 最后一行"),
    (key_name("enter"), "台账：打开；含多期的格：逐期办理；其他：查看修改记录"),
    (f"{key_name('space')} 或 x", "勾选 / 取消勾选；计次事项记一次（日期为今天）"),
    ("+", "计次事项记一次，并输入日期（记入该日期所在的一期）"),
    ("a", "标记不适用（须写理由）"),
    ("n", "备注"),
    ("e", "佐证材料：文件路径或文号"),
    ("h", "查看该项的修改记录"),
    ("u", "撤销我最近一次修改（不在当前格时先确认）"),
    ("w", "逐项办理本清单（按搜索和筛选）中未完成的事项"),
    ("[ 和 ]", "上一周期 / 下一周期"),
    ("p", "跳到周期：2024 看全年各期，2024-Q3、2024-07；留空回到本期"),
    ("o", "只看未完成 / 全部"),
    (key_name("slash"), "按文字搜索事项或人员"),
    (f"{key_name('escape')} 或 b", "返回总览"),
    ("i", "终端不足 20 行时：展开 / 收起下方的详情"),
    ("逐项办理", ""),
    (key_name("space"), "完成；计次事项记一次（今天）"),
    ("+ / a / n / e", "记一次并填日期 / 不适用 / 备注 / 佐证"),
    (f"{key_name('right')} 和 {key_name('left')}", "跳过，到下一项 / 回到上一项"),
    (key_name("enter"), "台账中的行：打开台账办理"),
    (key_name("escape"), "结束，列出这次办理了什么"),
    ("台账页", ""),
    ("a / e", "新增一行 / 修改当前行（表单逐项校验）"),
    ("> 和 <", "推进到下一阶段 / 退回上一阶段（须写理由）"),
    ("c", "销号（从销号前一阶段）：复核人（不能是责任人）和佐证材料"),
    ("r", "重新打开已销号的行（须写理由），回到销号前一阶段"),
    ("s / d / o", "按阶段筛选 / 只看逾期 / 只看未销号"),
    ("[ 和 ]", "上一页 / 下一页（每页 20 行；方向键到页尾也会翻页）"),
    ("i", "终端不足 20 行时：展开 / 收起下方的详情"),
    ("表单和对话框", ""),
    (f"{key_name('tab')} / {key_name('enter')}", f"到下一项；最后一项按 {key_name('enter')} 保存"),
    (key_name("escape"), "取消"),
    ("全局", ""),
    (key_name("question_mark"), "本帮助"),
    (key_name("ctrl+p"), "命令面板：所有操作都可在此搜索执行"),
    ("q", "退出（每次修改都已即时保存）"),
]


class HelpDialog(ModalScreen[None]):
    """Its own key bar: the one beneath would list the screen's keys, which do nothing while this is open."""

    BINDINGS = [
        Binding("escape", "close", "关闭", key_display="Esc"),
        Binding("q,question_mark", "close", show=False),
    ]

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("按键说明\n\n", style="bold")
        board = cast("DutyApp", self.app).board
        mode = f"  {READ_ONLY}" if board.read_only else ""
        text.append(f"数据库：{visible(str(board.store.location), multiline=False)}{mode}\n\n")
        for key, words in KEYS:
            if words:
                text.append(f"  {key}{' ' * max(1, KEY_COLUMN - 2 - cell_len(key))}{words}\n")
            else:
                text.append(f"{key}\n", style="bold")
        text.append(f"\n状态：{LEGEND}\n\n{key_name('escape')} 关闭")
        with VerticalScroll(id="help-box"):
            yield Static(wrapped(text, hang=KEY_COLUMN), id="help-text")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)

"""Every key, on one screen."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from checklists.text import visible

from ..glyphs import LEGEND

KEYS = [
    ("总览", ""),
    ("回车", "打开清单"),
    ("/", "按文字搜索清单或事项"),
    ("r", "立即刷新（他人的修改约 2 秒内自动出现）"),
    ("清单页", ""),
    ("方向键", "移动光标；矩阵中左右切换事项、上下切换人员或支部"),
    ("空格 或 x", "勾选 / 取消勾选；计次事项记一次（日期为今天）"),
    ("+", "计次事项记一次，并输入日期"),
    ("a", "标记不适用（须写理由）"),
    ("n", "备注"),
    ("e", "佐证材料：文件路径或文号"),
    ("h", "查看该项的修改记录"),
    ("u", "撤销我最近一次修改"),
    ("[ 和 ]", "上一周期 / 下一周期"),
    ("p", "跳到指定周期，如 2024、2024-Q3、2024-07"),
    ("o", "只看未完成 / 全部"),
    ("/", "按文字搜索事项或人员"),
    ("Esc 或 b", "返回总览"),
    ("台账页", ""),
    ("a / e", "新增一行 / 修改当前行（表单逐项校验）"),
    ("> 和 <", "推进到下一阶段 / 退回上一阶段（须写理由）"),
    ("c", "销号（从销号前一阶段）：复核人（不能是责任人）和佐证材料"),
    ("r", "重新打开已销号的行（须写理由），回到销号前一阶段"),
    ("s / d / o", "按阶段筛选 / 只看逾期 / 只看未销号"),
    ("[ 和 ]", "上一页 / 下一页（每页 20 行；方向键到页尾也会翻页）"),
    ("全局", ""),
    ("?", "本帮助"),
    ("Ctrl+P", "命令面板：所有操作都可在此搜索执行"),
    ("q", "退出（每次修改都已即时保存）"),
]


class HelpDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "关闭")]

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("按键说明\n\n", style="bold")
        database = self.app.board.store.location  # type: ignore[attr-defined]
        text.append(f"数据库：{visible(str(database), multiline=False)}\n\n")
        for key, words in KEYS:
            if words:
                text.append(f"  {key}{' ' * max(1, 12 - cell_len(key))}{words}\n")
            else:
                text.append(f"{key}\n", style="bold")
        text.append(f"\n状态：{LEGEND}\n\nEsc 关闭")
        with VerticalScroll(id="help-box"):
            yield Static(text, id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)

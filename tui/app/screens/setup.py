"""A new database: what to do first, done in place or with the exact command.

Three steps: the org's name and start date, the roster (a CSV file), and
linking this account to its person. The dashboard lists them while the
roster is empty; afterwards only an unlinked account is reminded, in one line.
Read-only, it gives the commands instead of the keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding

from checklists.clock import parse_date
from checklists.errors import DateError
from checklists.text import visible

from ...errors import explain, text_error
from .base import DataScreen

if TYPE_CHECKING:
    from ...board import Board, ScreenData

ORG_COMMAND = "duty-tui org set --name 单位名称 --since {since}"
IMPORT_COMMAND = "duty-tui people import 名册.csv"
LINK_COMMAND = "duty-tui whoami --link 姓名"
NAME_LIMIT = 40  # characters, as the config file's org_name


def setup_text(board: Board, data: ScreenData) -> Text | None:
    """The steps still to do, with keys (or, read-only, commands); None when there is nothing to say."""
    from ...read_only import chosen, why_read_only

    linked = data.me is not None
    editable = not board.read_only
    # Without write access the commands would fail too: say who can do it instead of telling me to run them.
    barred = not editable and not chosen(board.store)
    if not data.empty:
        if linked or not data.roster.people:
            return None
        if barred:
            words = f"账户 {board.account} 还没有关联名册中的人（关联要修改数据库）。{why_read_only(board.store, board.account)}"
        else:
            how = "按 l 关联后这里列出我的待办" if editable else "关联后这里列出我的待办"
            words = f"账户 {board.account} 还没有关联名册中的人：{how}（或 {LINK_COMMAND}）"
        return Text(visible(words, multiline=False), style="bold")
    org = data.org
    since = (org.since or data.day).isoformat()
    how = ("按顺序做下面三步，也可在命令行中做：" if editable else
           f"{why_read_only(board.store, board.account)}。有写权限的账户按下面三步在命令行中做：" if barred else
           "只读打开；请在命令行中做下面三步：")
    text = Text("第一次使用：这个数据库还是空的。" + how, style="bold")
    steps = [
        (bool(org.name), f"单位名称和起始日期{f'（{org.name}，自 {since}）' if org.name else ''}", "o",
         ORG_COMMAND.format(since=since)),
        (False, "导入名册（CSV 文件，表头 姓名,角色,科室,支部）", "i", IMPORT_COMMAND),
        (linked, f"把账户 {board.account} 关联到名册中的自己", "l", LINK_COMMAND),
    ]
    for number, (done, words, key, command) in enumerate(steps, 1):
        mark = "[x]" if done else "[ ]"
        text.append("\n" + visible(f" {mark} {number}. {words}", multiline=False))
        if editable:
            text.append(f"：按 {key}" if key != "l" or data.roster.people else f"：导入名册后按 {key}", style="bold")
        text.append("\n" + visible(f"        {command}", multiline=False), style="dim")
    return text


def _check_since(value: str) -> str | None:
    from checklists.bounds import check_since
    from checklists.clock import today

    try:
        check_since(parse_date(value, "起始日期"), today())
    except DateError as exc:
        return explain(exc, "tui")
    return None


def _check_name(value: str) -> str | None:
    if len(value) > NAME_LIMIT:
        return f"单位名称不超过 {NAME_LIMIT} 个字"
    return text_error("单位名称", value)


class SetupActions(DataScreen):
    """The keys that set up a database, for the dashboard."""

    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset({"set_org", "import_people", "link_account"})
    SETUP_BINDINGS = [
        Binding("o", "set_org", "单位"),
        Binding("i", "import_people", "导入名册"),
        Binding("l", "link_account", "关联账户"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The setup keys show while there is something to set up (and the database may be written)."""
        if action not in SetupActions.EDIT_ACTIONS:  # a subclass adds edit keys of its own
            return super().check_action(action, parameters)
        data = self.data
        if self.board.read_only or data is None:
            return False
        if action == "link_account":
            return data.me is None and bool(data.roster.people)
        return data.empty

    def action_set_org(self) -> None:
        from ..dialogs.form import Field, FormDialog

        data = self.data
        if data is None:
            return
        org = data.org
        fields = [Field("name", "单位名称", org.name or self.board.org_name or "", "如 某某局党组", required=True),
                  Field("since", "起始日期", (org.since or data.day).isoformat(), "YYYY-MM-DD", required=True)]

        def check(values: dict[str, str]) -> str | None:
            return _check_name(values["name"]) or _check_since(values["since"])

        def save(values: dict[str, str] | None) -> None:
            if values:
                since = parse_date(values["since"], "起始日期")
                self.write(lambda: self.board.set_org(values["name"], since),
                           f"已设置：{values['name']}，起始日期 {since.isoformat()}")

        self.app.push_screen(FormDialog("单位名称和起始日期（起始日期之前到期的事项不算本单位的待办）", fields, check),
                             save)

    def action_import_people(self) -> None:
        from ..dialogs.prompt import PromptDialog

        def check(value: str) -> str | None:
            """A file that is missing or unreadable as a roster keeps the dialog open, saying why, to fix the path."""
            from store.roster_import import read_people

            from .base import screen_message

            path = Path(value).expanduser()
            if not path.is_file():
                return f"找不到文件 {value}；请写完整路径，如 /home/共享/名册.csv"
            try:
                read_people(path)  # a roster is small: read here, and again when it is saved
            except Exception as exc:
                return "；".join(screen_message(exc).splitlines())
            return None

        def load(value: str | None) -> None:
            if value:
                path = Path(value).expanduser()
                self.write(lambda: self.board.import_people(path), lambda n: f"已导入 {n} 人：{path}")

        self.app.push_screen(PromptDialog("名册文件的路径（CSV 或 XLSX，表头 姓名,角色,科室,支部；CSV 用 UTF-8 或 GBK）",
                                          placeholder="/home/共享/名册.csv", check=check), load)

    def action_link_account(self) -> None:
        from .entry_prompts import ask_person

        data = self.data
        if data is not None:
            account = self.board.account
            ask_person(self, data.roster, f"账户 {account} 是名册中的哪一位？（姓名）", lambda name: self.write(
                lambda: self.board.link(name), f"已关联：{account} → {name}"))

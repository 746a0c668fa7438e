"""Refusals and failures as people read them, on the surface they are using.

The domain and the store say what went wrong by code and fields; this module
is the one place that words them, in Chinese, in terms of the command line
(commands and flags) or of the TUI (keys), and the one place that maps them
to exit codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from checklists.errors import Refusal

Surface = Literal["cli", "tui"]

EXIT_OK = 0
EXIT_FOUND = 1  # verify found damage, or status --fail-on-overdue found something overdue
EXIT_USAGE = 2
EXIT_BUSY = 3  # busy, unwritable, or the operating system refused
EXIT_CORRUPT = 4


def _names(values: object) -> str:
    return "、".join(str(v) for v in values) if values else "（无）"  # type: ignore[attr-defined]


# code -> (message, hint on the command line, hint on a screen). Messages are
# format strings over the refusal's fields; hints may be empty.
MESSAGES: Mapping[str, tuple[str | Callable[[dict], str], str, str]] = {
    "person-unknown": ('名册中没有 "{name}"', "用 duty-tui people list 查看", "按 Esc 返回后在名册中核对姓名"),
    "branch-unknown": (lambda f: f'没有支部 "{f["name"]}"；已有支部：{_names(f.get("known", ()))}', "", ""),
    "role-unknown": (lambda f: f'角色 "{f["name"]}" 无效；可用的角色：{_names(f.get("known", ()))}', "", ""),
    "dept-unknown": (lambda f: f'没有科室 "{f["name"]}"；名册中的科室：{_names(f.get("known", ()))}', "", ""),
}


def explain(refusal: Refusal, surface: Surface = "cli") -> str:
    """One line in Chinese for ``refusal``, with the hint that fits ``surface``."""
    entry = MESSAGES.get(refusal.code)
    if entry is None:
        return f"无法完成：{refusal.code}"
    message, cli_hint, tui_hint = entry
    text = message(refusal.fields) if callable(message) else message.format(**refusal.fields)
    hint = cli_hint if surface == "cli" else tui_hint
    return f"{text}；{hint}" if hint else text


def exit_code(refusal: Refusal) -> int:
    return EXIT_USAGE

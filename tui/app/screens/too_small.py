"""Shown instead of a cramped layout; removed again when the terminal grows."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from ..app import DutyApp

MIN_WIDTH, MIN_HEIGHT = 50, 14


class TooSmallScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.update_text()

    def on_resize(self) -> None:
        self.update_text()
        cast("DutyApp", self.app).check_size()

    def update_text(self) -> None:
        w, h = self.app.size
        self.query_one("#too-small", Static).update(
            f"终端太小（{w}x{h}）\n至少需要 {MIN_WIDTH}x{MIN_HEIGHT}\n请放大窗口，或按 q 退出")

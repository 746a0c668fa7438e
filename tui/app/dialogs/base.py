"""What every dialog shares: Enter answers and Esc cancels, in the order the keys were typed.

Both are priority bindings of the dialog, so they act the moment their key
is routed, after every key typed before them has reached its field (see
keys.py); keys typed after them wait until the answer has been acted on
(the next dialog has opened, or the screen beneath has focus again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen

if TYPE_CHECKING:
    from ..app import DutyApp

T = TypeVar("T")


class Dialog(ModalScreen[T], Generic[T]):
    # Below 20 rows a dialog gives up its blank padding rows (duty.tcss), so wrapped text fits a 50x14 terminal.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("enter", "submit", "确认", key_display="Enter", priority=True),
        Binding("escape", "cancel", "取消", key_display="Esc", priority=True),
    ]

    @property
    def duty(self) -> DutyApp:
        return cast("DutyApp", self.app)

    def answer(self, value: T | None) -> None:
        """Close with ``value``; keys wait until the caller has acted on it (DutyApp.push_screen)."""
        self.duty.keys.hold(("close", self))
        self.dismiss(value)

    def action_submit(self) -> None:
        self.answer(None)

    def action_cancel(self) -> None:
        self.answer(None)

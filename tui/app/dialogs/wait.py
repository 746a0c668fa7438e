"""A write waiting for another user's: the seconds counting, and Esc to give it up.

Writes run in worker threads. Nothing shows for the first 300 ms (most
waits end sooner); then this dialog counts the seconds until the lock comes
free and closes by itself, or Esc gives the write up, which then never
happens (store.waiting). Being modal, it also keeps keys meant for the
screen from acting while its change is still unsaved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from ..widgets.keybar import KeyBar
from ..widgets.wrap import wrapped
from .base import Dialog

if TYPE_CHECKING:
    from textual.app import App

SHOW_AFTER = 0.3  # seconds a write may wait for the lock before the wait is shown
T = TypeVar("T")


class WaitDialog(Dialog[None]):
    """Counts the seconds a write has waited; Esc gives it up, Enter does nothing."""

    BINDINGS = [
        Binding("escape", "cancel", "放弃这次修改", key_display="Esc", priority=True),
        Binding("enter", "submit", show=False, priority=True),
    ]

    def __init__(self, gave_up: threading.Event):
        super().__init__()
        self.gave_up = gave_up
        self.seconds = 0.0

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(wrapped("等待其他用户完成写入…"), id="prompt-title")
            yield Static(self._words(), id="wait-seconds")
            yield Label(wrapped("Esc 放弃：这次修改不会保存"), id="prompt-error")
        yield KeyBar()

    def _words(self) -> str:
        return f"已等待 {self.seconds:.1f} 秒"

    def count(self, seconds: float) -> None:
        self.seconds = seconds
        if self.is_mounted:
            self.query_one("#wait-seconds", Static).update(self._words())

    def action_submit(self) -> None:
        """Enter must not give the write up by accident, nor answer for it."""

    def action_cancel(self) -> None:
        self.gave_up.set()
        self.answer(None)


class LockWait:
    """One write as a person waits for it: run ``job`` in the worker thread through :meth:`run`.

    ``shown`` is called (on the event loop) when the dialog opens: a screen
    that holds keys while it saves lets them go, so that Esc reaches the dialog.
    """

    def __init__(self, app: App, shown: Callable[[], None] | None = None):
        self.app = app
        self.shown = shown
        self.gave_up = threading.Event()
        self.dialog: WaitDialog | None = None

    def run(self, job: Callable[[], T]) -> T:
        """In the worker thread: the job, its lock wait shown; StoreBusy("cancelled") once given up."""
        from store.waiting import waiting

        try:
            with waiting(self._waited, self.gave_up.is_set):
                return job()
        finally:
            self.app.call_from_thread(self._close)

    def _waited(self, seconds: float) -> None:
        if seconds >= SHOW_AFTER and not self.gave_up.is_set():
            self.app.call_from_thread(self._count, seconds)

    def _count(self, seconds: float) -> None:
        if self.gave_up.is_set():
            return
        if self.dialog is None:
            self.dialog = WaitDialog(self.gave_up)
            self.app.push_screen(self.dialog)
            if self.shown is not None:
                self.shown()
        self.dialog.count(seconds)

    def _close(self) -> None:
        dialog = self.dialog
        if dialog is not None and not self.gave_up.is_set() and dialog.is_current:
            dialog.answer(None)

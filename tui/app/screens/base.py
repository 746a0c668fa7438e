"""What every data screen shares: loading off the event loop and reporting errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from checklists.text import visible

if TYPE_CHECKING:
    from ...board import Board, Snapshot


class DataScreen(Screen[None]):
    """A screen that shows a Snapshot and reloads it when the database changes."""

    period_key: str | None = None
    search = ""
    search_title = "搜索（留空显示全部）"
    snapshot: "Snapshot | None" = None

    @property
    def board(self) -> "Board":
        return self.app.board  # type: ignore[attr-defined]

    def reload(self) -> None:
        self._load(self.period_key)

    @work(thread=True, exit_on_error=False, group="load")
    def _load(self, period_key: str | None) -> None:
        try:
            snapshot = self.board.load(period_key)
        except Exception as exc:  # store errors must not kill the app
            self.app.call_from_thread(self.report, exc)
            return
        self.app.call_from_thread(self._show, snapshot)

    def _show(self, snapshot: "Snapshot") -> None:
        self.app.last_signature = snapshot.signature  # type: ignore[attr-defined]
        self.show(snapshot)

    def show(self, snapshot: "Snapshot") -> None:
        raise NotImplementedError

    def action_search(self) -> None:
        from ..dialogs.prompt import PromptDialog

        def apply(text: str | None) -> None:
            if text is not None:
                self.search = text
                self.redraw()

        self.app.push_screen(PromptDialog(self.search_title, value=self.search, required=False), apply)

    def redraw(self) -> None:
        """Show the current data again after a filter changed."""
        if self.snapshot:
            self.show(self.snapshot)

    def report(self, exc: BaseException) -> None:
        from checklists.errors import Refusal
        from store.errors import StoreError

        from ...errors import explain

        known = isinstance(exc, (Refusal, StoreError))
        message = explain(exc, "tui").splitlines()[-1] if known else f"出错：{exc}"
        # Messages quote what people typed, and stored text: no markup, no controls.
        self.notify(visible(message, multiline=False), severity="error", timeout=8, markup=False)

    def write(self, job: Callable[[], Any], done: str) -> None:
        """Run a store change in a thread; every change is saved at once, then the screen reloads."""
        if self.board.read_only:
            self.notify("只读模式：不能修改", severity="warning")
            return
        self._write(job, done)

    @work(thread=True, exit_on_error=False, group="write")
    def _write(self, job: Callable[[], Any], done: str) -> None:
        try:
            job()
        except Exception as exc:
            self.app.call_from_thread(self.report, exc)
            return
        self.app.call_from_thread(self.notify, visible(done, multiline=False), timeout=3, markup=False)
        self.app.call_from_thread(self.reload)

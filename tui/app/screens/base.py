"""What every data screen shares: loading off the event loop, staying current, reporting errors, undo."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

from textual import events, work
from textual.binding import Binding
from textual.screen import Screen

from checklists.records import Event, StateKey
from checklists.text import visible

if TYPE_CHECKING:
    from ...board import Board, ScreenData
    from ..app import DutyApp


SHORT_BELOW = 20  # rows: 80x24 keeps the full layout, 50x14 (the least accepted) the short one


def screen_message(exc: BaseException) -> str:
    """A failure in words for a screen: refusals name keys, not commands (tui.errors, surface "tui").

    An import refused as a whole has a line per bad row: the first few show, then the count.
    """
    from checklists.errors import Refusal
    from store.errors import StoreError

    from ...errors import explain

    if not isinstance(exc, (Refusal, StoreError)):
        return f"出错：{exc}"
    lines = explain(exc, "tui").splitlines()
    return "\n".join(lines if len(lines) <= 4 else [*lines[:3], "……", lines[-1]])


class DutyScreen(Screen[None]):
    """Any screen of this app: typed access to the app, and a toast that cannot inject markup.

    Below 20 rows the screen has the class ``-short`` (duty.tcss): headers keep
    one line and the detail panel folds to one, so the tables keep their rows.
    """

    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]

    # The widgets at the top that toasts must not cover (the account, the period, the not-linked reminder).
    HEADER: ClassVar[tuple[str, ...]] = ()

    @property
    def duty(self) -> DutyApp:
        return cast("DutyApp", self.app)

    @property
    def board(self) -> Board:
        return self.duty.board

    def say(self, message: str, *, error: bool = False, warning: bool = False) -> None:
        # Messages quote what people typed, and stored text: no markup, no controls.
        severity: Literal["information", "warning", "error"] = (
            "error" if error else ("warning" if warning else "information"))
        self.place_toasts()
        self.notify(visible(message), severity=severity, timeout=8 if error else 4, markup=False)

    def place_toasts(self) -> None:
        """Toasts start on the first row below this screen's header, whatever its height now."""
        below = max((w.region.bottom for selector in self.HEADER for w in self.query(selector) if w.display),
                    default=0)
        for rack in self.query("#textual-toastrack"):  # Textual's own toast container, one per screen
            rack.styles.margin = (below, 0, 0, 0)

    def report(self, exc: BaseException) -> None:
        self.say(screen_message(exc), error=True)


class DataScreen(DutyScreen):
    """A screen that shows a ScreenData and reloads it whenever the database has changed since it read.

    ``seen`` is the store signature of the data this screen shows. The app
    compares it for the visible screen every second; a screen shown again
    (after Esc from the one above) compares it at once, so a tick made on a
    sub-screen, or by another process meanwhile, is there with no key pressed.
    """

    # Actions that change the database: hidden from the key bar and refused in read-only mode.
    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    period_key: str | None = None
    search = ""
    search_title = "搜索（留空显示全部）"
    data: ScreenData | None = None
    seen: Hashable = None

    # Bound by the screens with a detail panel: below 20 rows the panel folds to one line, and this opens it.
    DETAIL = Binding("i", "detail", "详情")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "detail":
            return self.has_class("-short")  # on a taller screen the panel is always open
        return not (action in self.EDIT_ACTIONS and self.board.read_only)

    def on_resize(self) -> None:
        # The breakpoint classes are set once this event has reached Screen; the key bar follows after.
        self.call_after_refresh(self.refresh_bindings)

    def action_detail(self) -> None:
        self.toggle_class("-detail-open")

    def on_key(self, event: events.Key) -> None:
        """An edit key pressed read-only says why and what to do, rather than nothing (its binding is off)."""
        if self.board.read_only and self._edits(event.key):
            event.stop()
            event.prevent_default()
            self.refuse_read_only()

    def _edits(self, key: str) -> bool:
        from ..widgets.keybar import declared

        return any(b.action.partition("(")[0] in self.EDIT_ACTIONS for b in declared(type(self)).get(key, []))

    def refuse_read_only(self) -> None:
        from ...read_only import why_read_only

        self.say(why_read_only(self.board.store, self.board.account), warning=True)

    shown_before = False

    def on_screen_resume(self) -> None:
        """Shown again (the screen above closed): check what changed meanwhile, after the frame it is shown with.

        Not when first shown: its data was read just now, and the live check covers the rest.
        """
        if self.shown_before:
            self.call_after_refresh(self.reload_if_changed)
        self.shown_before = True
        self.call_after_refresh(self.place_toasts)  # a toast still showing moves to this screen's rack

    def reload_if_changed(self) -> None:
        if self.is_current and self.board.signature() != self.seen:
            self.reload()

    def reload(self) -> None:
        if self.data is None:
            self.duty.keys.hold(("load", self))  # keys typed ahead wait for the rows they are meant for
        self._load(self.period_key)

    @work(thread=True, exit_on_error=False, group="load")
    def _load(self, period_key: str | None) -> None:
        try:
            data = self.board.load(period_key)
        except Exception as exc:  # store errors must not kill the app
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, data)

    def _failed(self, exc: BaseException) -> None:
        self.duty.keys.release(("load", self))
        self.report(exc)

    def _show(self, data: ScreenData) -> None:
        self.seen = data.signature
        self.show(data)
        self.duty.keys.release(("load", self))

    def show(self, data: ScreenData) -> None:
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
        if self.data:
            self.show(self.data)

    def write(self, job: Callable[[], Any], done: str | Callable[[Any], str]) -> None:
        """Run a store change in a thread; every change is saved at once, then the screen reloads."""
        if self.board.read_only:  # the keys are off; this guards a palette entry or a test
            self.refuse_read_only()
            return
        self._write(job, done)

    @work(thread=True, exit_on_error=False, group="write")
    def _write(self, job: Callable[[], Any], done: str | Callable[[Any], str]) -> None:
        from ..dialogs.wait import LockWait

        try:
            result = LockWait(self.app).run(job)
        except Exception as exc:
            self.app.call_from_thread(self.report, exc)
            return
        self.app.call_from_thread(self.say, done(result) if callable(done) else done)
        deferred = self.board.store.deferred  # saved, but a shard is still to be written (store/tinydb/sealing.py)
        while deferred:
            self.app.call_from_thread(self.say, screen_message(deferred.pop(0)), warning=True)
        self.app.call_from_thread(self.reload)

    # -- undo ------------------------------------------------------------------------

    def cell_key(self) -> StateKey | None:
        """The entry under the cursor, for undo to tell whether my last change is on it."""
        return None

    def action_undo(self) -> None:
        self._find_last_change(self.cell_key())

    @work(thread=True, exit_on_error=False, group="undo")
    def _find_last_change(self, here: StateKey | None) -> None:
        try:
            last = self.board.last_change()
        except Exception as exc:
            self.app.call_from_thread(self.report, exc)
            return
        self.app.call_from_thread(self._offer_undo, last, here)

    def _offer_undo(self, last: Event | None, here: StateKey | None) -> None:
        """Undo at once when my last change is on this cell; otherwise say which change it is and ask."""
        from checklists.records import key_of

        from ..dialogs.confirm import ConfirmDialog

        if last is None:
            self.say("没有可撤销的修改（只能撤销本账户自己的修改）", warning=True)
            return
        what = self.board.describe(last)
        if key_of(last) == here:
            self._undo(last, what)
            return
        from checklists.clock import local_text

        question = f"我最近一次修改不在当前这一格：\n{what}\n（{local_text(last['time'])}）\n撤销这一次修改吗？"
        self.app.push_screen(ConfirmDialog("撤销", question, yes="撤销"),
                             lambda yes: self._undo(last, what) if yes else None)

    def _undo(self, last: Event, what: str) -> None:
        self.write(lambda: self.board.undo(expect=last["id"]), f"已撤销：{what}")

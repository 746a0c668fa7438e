"""The application shell: global keys, the command palette, live refresh, size checks.

Each screen owns its bindings and data; the app only quits, shows help,
routes keys one at a time (keys.py), tells the visible screen to look for
other people's changes and guards the minimum size.
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable, Iterable
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from ..board import Board, ScreenData
from ..keynames import key_name
from .keys import KeyQueue
from .screens.base import DataScreen
from .screens.dashboard import DashboardScreen
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

LIVE_INTERVAL = 1.0  # seconds between checks for changes made elsewhere


class DutyApp(App[None]):
    TITLE = "duty-tui"
    CSS_PATH = "duty.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit", "退出"),
        Binding("question_mark", "help", "帮助", key_display="?"),
    ]

    def __init__(self, board: Board, *, first: ScreenData | None = None, live_interval: float = LIVE_INTERVAL):
        """``first``: the dashboard's data, read before the app starts.

        Read up front it takes ~15 ms; read in a worker while Textual starts
        up, the thread is starved by the event loop and takes ~250 ms.
        """
        super().__init__()
        self.board = board
        self._first = first
        self.live_interval = live_interval
        self.keys = KeyQueue(self, super().on_event)

    def get_key_display(self, binding: Binding) -> str:
        """Every key as keynames spells it, so the key bar, the help and the messages agree."""
        return key_name(binding.key)

    def take_first(self) -> ScreenData | None:
        """The data read before start-up, once: the first screen shows it instead of reading again."""
        first, self._first = self._first, None
        return first

    @property
    def first_known(self) -> ScreenData | None:
        return self._first

    def get_default_screen(self) -> Screen:
        """The dashboard is the bottom of the stack, not pushed over Textual's empty default screen.

        That screen would be composed, styled, laid out and painted before the
        dashboard's first frame, for nothing: ~10 ms of the first paint.
        """
        return DashboardScreen()

    def on_mount(self) -> None:
        # Everything built so far lives as long as the app; freezing it keeps the
        # cyclic GC from re-scanning it whenever a ledger or matrix allocates,
        # and rarer collections stop a 2,000-row load from triggering several
        # full passes (measured: opening such a ledger cost ~250 ms more CPU).
        # Our data is acyclic and freed by reference counting either way.
        self.call_after_refresh(self._settle_gc)
        gc.set_threshold(10_000, 50, 100)
        self.set_interval(self.live_interval, self.check_for_changes)
        self.check_size()

    @staticmethod
    def _settle_gc() -> None:
        gc.freeze()
        gc.enable()  # tui.entry turns it off while starting up

    # -- keys --------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.keys.arrive(event)  # from the terminal: wait for the key before it (keys.py)
            return
        await super().on_event(event)

    def push_screen(self, screen: Any, callback: Callable[[Any], Any] | None = None,
                    wait_for_dismiss: bool = False, *, mode: str | None = None) -> Any:
        """Keys wait while a screen opens, and while a dialog's answer is acted on (see Dialog.answer)."""
        if wait_for_dismiss or not isinstance(screen, Screen):
            return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)  # type: ignore[call-overload]  # a bool, not Literal
        self.keys.hold(("mount", screen))
        mounted = super().push_screen(screen, self._answered(screen, callback), mode=mode)
        self.run_worker(self._when_mounted(screen, mounted), group="keys", exit_on_error=False)
        return mounted

    def _answered(self, screen: Screen, callback: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
        async def answered(result: Any) -> None:
            try:
                if callback is not None:
                    outcome = callback(result)
                    if inspect.isawaitable(outcome):
                        await outcome
            finally:
                self.keys.release(("close", screen))
        return answered

    async def _when_mounted(self, screen: Screen, mounted: Any) -> None:
        try:
            await mounted
        finally:
            self.call_after_refresh(self.keys.release, ("mount", screen))

    # -- screens -------------------------------------------------------------------

    def on_resize(self) -> None:
        # Textual applies a new size on a short timer; check once it has.
        self.set_timer(0.05, self.check_size)

    def check_size(self) -> None:
        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    def check_for_changes(self) -> None:
        """Have the visible screen reload if anyone (another SSH session, the CLI) wrote since it last read.

        Each screen keeps the signature of what it shows; a screen beneath
        checks its own when it is shown again (DataScreen.on_screen_resume).
        """
        self.keys.unstick()
        if not self.screen_stack:  # the timer can fire once more while the app shuts down
            return
        screen = self.screen
        if isinstance(screen, DataScreen):
            screen.reload_if_changed()

    def action_help(self) -> None:
        from .dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog())

    # -- the command palette -----------------------------------------------------------

    def action_command_palette(self) -> None:
        from .dialogs.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App is invariant in its result
            self.push_screen(Palette(placeholder="输入要找的操作，如 勾选、备注、撤销……",
                                            id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key the current screen offers is also a palette entry, in Chinese (Textual's own are English)."""
        yield SystemCommand("帮助：按键说明", "列出全部按键", self.action_help)
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            name, _, _ = binding.action.partition("(")
            if screen.check_action(name, ()) is False:
                continue
            keys = binding.key_display or binding.key.split(",")[0]
            keys = keys.replace("left_square_bracket", "[").replace("right_square_bracket", "]")
            yield SystemCommand(f"{binding.description}（{keys}）", f"按键 {keys}",
                                lambda action=binding.action: screen.run_action(action))
        yield SystemCommand("退出", "退出 duty-tui（每次修改都已保存）", self.action_quit)

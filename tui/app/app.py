"""The application shell: global keys, the command palette, live refresh, size checks.

Each screen owns its bindings and data; the app only quits, shows help,
watches the database for other people's changes and guards the minimum size.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..board import Board, Snapshot
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
        Binding("question_mark", "help", "帮助"),
    ]

    def __init__(self, board: Board, *, first: Snapshot | None = None, live_interval: float = LIVE_INTERVAL):
        """``first``: the dashboard's data, read before the app starts.

        Read up front it takes ~15 ms; read in a worker while Textual starts
        up, the thread is starved by the event loop and takes ~250 ms.
        """
        super().__init__()
        self.board = board
        self.first = first
        self.live_interval = live_interval
        self.last_signature: tuple = first.signature if first else ()

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen())
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
        """Reload the visible screen when anyone (another SSH session, the CLI) wrote."""
        if not self.screen_stack:  # the timer can fire once more while the app shuts down
            return
        screen = self.screen
        if not isinstance(screen, DataScreen):
            return
        signature = self.board.signature()
        if signature != self.last_signature:
            self.last_signature = signature
            screen.reload()

    def action_help(self) -> None:
        from .dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command-palette entry."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("帮助：按键说明", "列出全部按键", self.action_help)
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                keys = binding.key.replace("left_square_bracket", "[").replace("right_square_bracket", "]")
                yield SystemCommand(f"{binding.description}（{keys}）", f"按键 {keys}",
                                    lambda action=binding.action: screen.run_action(action))

"""One key at a time: the app lets a key go only when the one before it has been handled.

Over SSH keys arrive in bursts: a slow link delivers "abc<Tab>def<Enter>" or
"x<Esc><Down>" in one read, and Textual takes them off its queue at once.
Textual routes each key to the widget focused at that moment, but focus only
moves once an earlier key has travelled down to its widget and back up to the
app, where bindings run (Tab, Backspace and Enter in a field are bindings too).
In a burst the later keys are already on their way to the old widget: the next
field's text lands in the first one, Enter Enter moves one field, Backspace
deletes after the letter typed behind it, a key after Esc goes to a screen
that is gone.

So keys wait in this queue, and the next one is routed only when the previous
one has been handled all the way: consumed by the widget it went to, or back
at the app with its binding run. A screen that is opening (until it is mounted
and has shown its first data) and a dialog that is closing hold the queue as
well; the keys then go on, in order, to whatever has focus. Nothing is dropped
or reordered, and keys wait a few milliseconds at most.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

# A key not back after this long (a handler that never returns) no longer
# holds the others; nor does a screen that never finishes opening.
STUCK_KEY = 1.0
STUCK_HOLD = 3.0


class KeyQueue:
    """Keys from the terminal, routed one at a time; ``route`` is Textual's own routing of a key."""

    def __init__(self, app: App, route: Callable[[events.Event], Awaitable[None]]):
        self.app = app
        self.route = route
        self.waiting: deque[events.Key] = deque()
        self.in_flight: events.Key | None = None
        self.sent_at = 0.0
        self.holds: dict[Hashable, float] = {}

    def hold(self, token: Hashable) -> None:
        """Keep keys waiting until ``release(token)``: something that takes keys is not ready yet."""
        self.holds.setdefault(token, time.monotonic())

    def release(self, token: Hashable) -> None:
        if self.holds.pop(token, None) is not None and not self.holds:
            self.app.call_later(self.pump)

    @property
    def idle(self) -> bool:
        return self.in_flight is None and not self.holds and not self.waiting

    async def arrive(self, key: events.Key) -> None:
        self.waiting.append(key)
        await self.pump()

    async def pump(self) -> None:
        while self.waiting and self.in_flight is None and not self.holds:
            await self._send(self.waiting.popleft())

    async def _send(self, key: events.Key) -> None:
        app = self.app
        target = app.focused or app.screen
        self.in_flight, self.sent_at = key, time.monotonic()
        await self.route(key)  # priority bindings run here; otherwise the key is posted to ``target``
        if key.is_forwarded:
            self._follow(key, [node for node in target.ancestors_with_self if node is not app], 0)
        elif not app.call_later(self._done, key):  # after what its binding left for the app to do (a focus move)
            self.in_flight = None

    def _follow(self, key: events.Key, chain: list[MessagePump], level: int) -> None:
        """Wait until ``chain[level]`` has handled the key, then the level above, and last the app.

        Each queue is first in, first out, and a widget passes a key it does
        not consume to its parent while handling it: a callback posted behind
        the key runs after both. A node that has closed (a screen just popped)
        cannot be holding the key, so it is skipped.
        """
        while level < len(chain):
            if chain[level].call_later(self._follow, key, chain, level + 1):
                return
            level += 1
        if not self.app.call_later(self._done, key):
            self.in_flight = None

    async def _done(self, key: events.Key) -> None:
        if self.in_flight is key:
            self.in_flight = None
            await self.pump()

    def unstick(self) -> None:
        """Called now and then: a key or a hold that never finishes must not stop every later key."""
        now = time.monotonic()
        stuck = self.in_flight is not None and now - self.sent_at > STUCK_KEY
        if stuck:
            self.in_flight = None
        for token, since in list(self.holds.items()):
            if now - since > STUCK_HOLD:
                del self.holds[token]
        if stuck or (self.waiting and not self.holds):
            self.app.call_later(self.pump)

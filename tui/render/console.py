"""Console construction that behaves in SSH sessions, pipes and cron."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from typing import Any

from rich.console import Console


def make_console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and keeps 80 columns when not a terminal.

    Rich already reads NO_COLOR and TERM; in a pipe it falls back to 80
    columns, which is also what inspectors' printers and most SSH windows show.
    """
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else int(os.environ.get("COLUMNS", "80") or 80)
    return Console(file=stream, width=width, highlight=False, soft_wrap=False)


class _Buffer(io.StringIO):
    """Collects what a console writes, answering as the stream it stands in for would: whether it is a
    terminal, and its encoding (Rich draws boxes in ASCII for one that is not UTF-8)."""

    def __init__(self, encoding: str, tty: bool):
        super().__init__()
        self._encoding, self._tty = encoding, tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return self._tty


def console_size() -> list[int]:
    """[width, height] the console make_console() gives this process settles on."""
    size = make_console().size
    return [size.width, size.height]


def render_for(context: Mapping[str, Any], size: list[int], *renderables: Any) -> str:
    """What make_console() prints for ``renderables`` on the terminal ``context`` describes (tui.fast.terminal),
    at ``size`` (console_size, found where that terminal was).

    Rich decides everything else (terminal or not, colours, dumb terminals)
    from the same inputs it reads for itself, so a writer that has no such
    terminal still renders the same bytes.
    """
    buffer = _Buffer(str(context["encoding"]), bool(context["tty"]))
    console = Console(file=buffer, width=size[0], height=size[1], _environ=dict(context["env"]),
                      legacy_windows=False, highlight=False, soft_wrap=False)
    for renderable in renderables:
        console.print(renderable, markup=False)
    return buffer.getvalue()

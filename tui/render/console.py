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
    """Collects what a console writes, declaring the encoding of the stream it stands in for (Rich draws
    boxes in ASCII for one that is not UTF-8)."""

    def __init__(self, encoding: str):
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def render_for(context: Mapping[str, Any], *renderables: Any) -> str:
    """What a console would print for ``renderables`` on the terminal ``context`` describes (tui.terminal).

    The same context gives the same text, whichever process renders it.
    """
    buffer = _Buffer(str(context["encoding"]))
    console = Console(file=buffer, width=int(context["width"]), force_terminal=bool(context["terminal"]),
                      _environ=dict(context["env"]), legacy_windows=False, highlight=False, soft_wrap=False)
    for renderable in renderables:
        console.print(renderable, markup=False)
    return buffer.getvalue()

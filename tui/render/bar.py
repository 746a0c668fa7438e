"""The progress bar every surface draws, so the status table and the TUI agree on what a bar means."""

from __future__ import annotations


def bar(done: int, total: int, width: int) -> str:
    """``done`` of ``total`` as ``width`` ASCII cells: "#" done, "-" still to do.

    ASCII keeps its width in every terminal and font (CJK ones included). A
    checklist that concerns nobody in scope draws blank cells: neither
    complete nor behind.
    """
    if not total:
        return " " * width
    filled = round(width * done / total)
    return "#" * filled + "-" * (width - filled)

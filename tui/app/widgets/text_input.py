"""An input box that loses nothing that is pasted into it.

Textual's Input keeps only the first line of a paste, so a note of three
lines copied from a document arrived as its first line, and nobody was told.
A box for a multi-line field (a note, a reason, evidence, a ledger text
column) keeps every line: each line break shows as ⏎, as stored multi-line
text is shown for editing (checklists.text.editable), and is given back as a
line break. A box for a one-line field (a name, a date, a path) cannot hold
several lines, so such a paste is refused, and the dialog says why.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

from checklists.text import NEWLINE_MARK


class TextInput(Input):
    """An Input whose ``text`` is what was typed and pasted, line breaks included where the field takes them."""

    class PasteRefused(Message):
        """Several lines were pasted into a one-line box, and nothing was pasted."""

        def __init__(self, lines: int) -> None:
            super().__init__()
            self.lines = lines

    def __init__(self, *args, multiline: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.multiline = multiline

    @property
    def text(self) -> str:
        """The value, each ⏎ read back as the line break it stands for in a multi-line box."""
        return self.value.replace(NEWLINE_MARK, "\n") if self.multiline else self.value

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again
        # Terminals and clipboards end lines with \r\n or \r as well; a trailing break is not a line.
        text = event.text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if not text:
            return
        if "\n" in text:
            if not self.multiline:
                self.post_message(self.PasteRefused(text.count("\n") + 1))
                return
            text = text.replace("\n", NEWLINE_MARK)
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


def paste_refused(lines: int) -> str:
    """What a dialog says when several lines were pasted into a one-line box."""
    return f"这一项只能填一行，粘贴的内容有 {lines} 行，未粘贴；请只复制其中一行"

"""User text in the plain formats written to files and pipes: JSON, CSV and Markdown.

They are read by other programs, but they go to stdout too, so a terminal
shows them first; and each format has its own way of turning text into action
(a formula in a spreadsheet, a link in Markdown). No Rich here: the machine
formats stay quick to start.
"""

from __future__ import annotations

import json
import re

from checklists.text import refused, spreadsheet_text, text_problem, visible

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the
# ones that start emphasis, links, images, HTML, entities, code or a table cell.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&!])")


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def to_json(data: object) -> str:
    """JSON that keeps Chinese readable yet carries no terminal controls.

    ``json.dumps`` escapes C0 controls but writes C1 controls, bidi overrides
    and lone surrogates (which then cannot even be encoded) as they are. They
    can only stand inside JSON strings, so writing them as \\uXXXX there gives
    the same data.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if text_problem(text, multiline=True) is None:  # the indentation's newlines are fine
        return text
    return "".join(_json_escape(c) if c != "\n" and refused(c) else c for c in text)


def csv_cell(value: object) -> object:
    """A CSV cell: numbers as they are; text shown visibly and never run as a formula."""
    return spreadsheet_text(value) if isinstance(value, str) else value


def md_cell(value: str) -> str:
    """A Markdown table cell that reads as the text it holds: one line, no markup, no controls."""
    return _MARKDOWN.sub(r"\\\1", visible(value, multiline=False))

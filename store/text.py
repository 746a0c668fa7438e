"""Refusing text that would act on other people's terminals and files, before it is stored.

The rule itself is :func:`checklists.text.text_problem`; this turns its answer
into the usage error every write path reports (exit 2, one line).
"""

from __future__ import annotations

from checklists.text import TextProblem, text_error

from .errors import StoreUsageError


def require_text(field: str, value: str, *, multiline: bool = False) -> None:
    """Raise a usage error naming ``field`` and the character when ``value`` may not be stored."""
    message = text_error(field, value, multiline=multiline)
    if message:
        raise StoreUsageError(message, TextProblem.code)

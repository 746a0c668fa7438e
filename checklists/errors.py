"""Problems found in user input, shaped so each prints as one actionable line."""

from __future__ import annotations

import json
from dataclasses import dataclass


def show(value: object) -> str:
    """Render a value the way it looked in the TOML file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


@dataclass(frozen=True)
class Problem:
    """One defect in one checklist file: where it is and what was expected."""

    file: str
    message: str
    checklist: str = ""
    item: str = ""
    field: str = ""

    def __str__(self) -> str:
        parts = [self.file]
        if self.item:
            parts.append(f'item "{self.item}"')
        elif self.checklist:
            parts.append(f'checklist "{self.checklist}"')
        if self.field:
            parts.append(f'field "{self.field}"')
        parts.append(self.message)
        return ": ".join(parts)


class DefinitionError(Exception):
    """Raised when checklist files are invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class Coded(Exception):
    """An error that says what happened by a code and fields, never in prose: each surface words it."""

    def __init__(self, code: str, **fields: object):
        super().__init__(code)
        self.code = code
        self.fields = fields

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v!r}" for k, v in self.fields.items())
        return f"{self.code}({details})"


class Refusal(Coded, ValueError):
    """A request the domain turns down: ``code`` names the rule, ``fields`` the values involved.

    No prose here: the same refusal reads differently on the command line
    (which names commands and flags) and on a screen (which names keys), so
    each surface words it from the code and the fields (see tui.errors).
    """


class DateError(Refusal):
    """A date or period key that cannot be understood or is not allowed where it was given."""

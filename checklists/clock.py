"""The one place the program learns today's date.

``DUTY_TUI_TODAY=YYYY-MM-DD`` pins it, for tests and for back-filling a past year.
"""

from __future__ import annotations

import os
from datetime import date

from .errors import DateError

ENV_TODAY = "DUTY_TUI_TODAY"


def parse_date(text: str, what: str = "date") -> date:
    """Parse an ISO date typed by a user, with a message that says what to type."""
    try:
        if len(text.strip()) != 10:
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DateError(f'{what}: expected a date YYYY-MM-DD such as 2024-01-31; got "{text}"') from None


def today() -> date:
    pinned = os.environ.get(ENV_TODAY)
    if pinned:
        return parse_date(pinned, ENV_TODAY)
    return date.today()

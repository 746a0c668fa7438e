"""The one place the program learns today's date and turns stored times into local ones.

Events are stored in UTC; people, day boundaries ("today", overdue days,
``--since``, ``--as-of``) are in the configured time zone, typically
Asia/Shanghai, where UTC midnight is 08:00. The zone is set once at start-up
from the settings (``set_zone``); None means the system's local time.
``DUTY_TUI_TODAY=YYYY-MM-DD`` pins today, for tests and for back-filling a past year.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timezone, tzinfo

from .errors import DateError

ENV_TODAY = "DUTY_TUI_TODAY"

_zone: tzinfo | None = None


def set_zone(zone: tzinfo | None) -> None:
    """Use ``zone`` for every local time and day boundary from now on (None: the system's local time)."""
    global _zone
    _zone = zone


def zone() -> tzinfo | None:
    return _zone


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
    return datetime.now(_zone).date() if _zone is not None else date.today()


def local(iso_utc: str) -> datetime:
    """A stored UTC time (``2024-05-20T02:00:00.000001Z``) in the configured zone."""
    moment = datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(_zone)


def local_text(iso_utc: str) -> str:
    """How a stored time reads to a person: local, to the minute, with the year (records outlive years)."""
    return local(iso_utc).strftime("%Y-%m-%d %H:%M") if iso_utc else ""


def local_day(iso_utc: str) -> date:
    """The local calendar day a stored time falls on."""
    return local(iso_utc).date()


def day_start_utc(day: date) -> str:
    """The UTC time at which local ``day`` begins, in the stored format, for comparing with event times."""
    start = datetime.combine(day, time(0), tzinfo=_zone) if _zone is not None else datetime.combine(day, time(0)).astimezone()
    return start.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")

"""The one place the program learns today's date and turns stored times into local ones.

Events are stored in UTC; people, day boundaries ("today", overdue days,
``--since``, ``--as-of``) are in the configured time zone, typically
Asia/Shanghai, where UTC midnight is 08:00. The zone is set once at start-up
from the settings (``set_zone``); None means the system's local time.
``DUTY_TUI_TODAY=YYYY-MM-DD`` pins today, for tests and for back-filling a past year.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, tzinfo

from .errors import DateError

ENV_TODAY = "DUTY_TUI_TODAY"

_zone: tzinfo | None = None


def set_zone(zone: tzinfo | None) -> None:
    """Use ``zone`` for every local time and day boundary from now on (None: the system's local time)."""
    global _zone
    _zone = zone


def zone() -> tzinfo | None:
    return _zone


# 2025-05-01, 2025/05/01, 2025.5.1, 2025年5月1日: what people type.
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str, what: str = "date") -> date:
    """Parse a date as people type it; a day that does not exist is named as such, not as a bad format.

    ``what`` names where it was typed (a flag, a field), for the message.
    """
    match = _DATE.match(text.strip())
    if not match:
        raise DateError("date-format", field=what, value=text)
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise DateError("date-format", field=what, value=text)
    if not 1 <= month <= 12:
        raise DateError("date-month", field=what, value=text, month=month)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("date-impossible", field=what, value=text, year=year, month=month, day=day) from None


def today() -> date:
    pinned = os.environ.get(ENV_TODAY)
    if pinned:
        return parse_date(pinned, ENV_TODAY)
    return datetime.now(_zone).date() if _zone is not None else date.today()


def local(iso_utc: str) -> datetime:
    """A stored UTC time (``2024-05-20T02:00:00.000001Z``) in the configured zone."""
    moment = datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
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
    return start.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")

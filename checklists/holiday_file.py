"""An org's own days off for a year: ``holidays.toml`` in the user's checklist folder.

Used when the State Council's notice for a year is out before the installed
``holidays`` package carries it, or when a local arrangement differs::

    [2027]
    "春节" = { start = "2027-02-05", end = "2027-02-13", workdays = ["2027-02-14"] }

TOML 1.0 (Python's tomllib) takes only ASCII bare keys, so the festival names
are quoted; a file that forgets the quotes gets a hint saying so. Each festival names the first and last day off and the weekend days that are
worked instead (调休上班). Every defect is one problem naming the key, like
the checklist files' validation in :mod:`checklists.schema`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .daysoff import MAX_BLOCK_DAYS, Override
from .errors import Problem, show
from .festivals import holiday_date
from .model import HOLIDAYS
from .toml_errors import syntax_error

FILE_NAME = "holidays.toml"
KEYS = {"start", "end", "workdays"}
YEAR = re.compile(r"^(19|20)\d\d$")

Overrides = dict[tuple[str, int], Override]


def read_overrides(path: Path) -> tuple[Overrides, list[Problem]]:
    """Parse and validate one file; unreadable files are problems, not crashes."""
    import tomllib

    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return {}, [Problem(str(path), f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")]
    except OSError as exc:
        return {}, [Problem(str(path), f"cannot read: {exc.strerror or exc}")]
    except tomllib.TOMLDecodeError as exc:
        return {}, [Problem(str(path), f"{syntax_error(exc)}{_quote_hint(path, str(exc))}")]
    return parse_overrides(data, str(path))


def _quote_hint(path: Path, message: str) -> str:
    """Unquoted Chinese keys are the likely mistake here; say how to write them."""
    match = re.search(r"at line (\d+)", message)
    try:
        line = path.read_text("utf-8-sig").splitlines()[int(match[1]) - 1] if match else ""
    except (OSError, UnicodeDecodeError, IndexError):
        return ""
    key = re.match(r"\s*([^\s\"'=\[]+)\s*=", line)
    if key and not key[1].isascii():
        return f'; quote the festival name: "{key[1]}" = {{ start = ..., end = ... }}'
    return ""


def parse_overrides(data: dict[str, Any], file: str) -> tuple[Overrides, list[Problem]]:
    overrides: Overrides = {}
    problems: list[Problem] = []
    for year_key, festivals in data.items():
        if not YEAR.match(year_key):
            problems.append(Problem(file, f'expected a year such as [2027]; got {show(year_key)}', field=year_key))
            continue
        if not isinstance(festivals, dict):
            problems.append(Problem(file, f"expected a table [{year_key}] of festivals; got {show(festivals)}",
                                    field=year_key))
            continue
        for name, raw in festivals.items():
            where = f"{year_key}.{name}"
            if name not in HOLIDAYS:
                problems.append(Problem(file, f"unknown festival; expected one of {', '.join(HOLIDAYS)}",
                                        field=where))
                continue
            found = _parse_festival(raw, name, int(year_key), file, where)
            if isinstance(found, Override):
                overrides[(name, int(year_key))] = found
            else:
                problems += found
    return overrides, problems


def _parse_festival(raw: Any, name: str, year: int, file: str, where: str) -> Override | list[Problem]:
    if not isinstance(raw, dict):
        return [Problem(file, f'expected a table such as {{ start = "{year}-10-01", end = "{year}-10-07" }}; '
                              f"got {show(raw)}", field=where)]
    problems = [Problem(file, f"unknown key; allowed: {', '.join(sorted(KEYS))}", field=f"{where}.{key}")
                for key in sorted(set(raw) - KEYS)]
    start, end = (_date(raw, key, file, where, problems) for key in ("start", "end"))
    workdays: list[date] = []
    raw_workdays = raw.get("workdays", [])
    if not isinstance(raw_workdays, list):
        problems.append(Problem(file, f'expected a list of dates such as ["{year}-02-14"]; got {show(raw_workdays)}',
                                field=f"{where}.workdays"))
        raw_workdays = []
    for value in raw_workdays:
        day = _as_date(value)
        if day is None:
            problems.append(Problem(file, f"expected a date YYYY-MM-DD; got {show(_plain(value))}",
                                    field=f"{where}.workdays"))
        elif day.weekday() < 5:
            problems.append(Problem(file, f"expected a Saturday or Sunday (a make-up working day replaces a "
                                          f"weekend day); got {day.isoformat()}", field=f"{where}.workdays"))
        elif start and end and start <= day <= end:
            problems.append(Problem(file, f"a make-up working day cannot fall within the days off "
                                          f"{start.isoformat()} to {end.isoformat()}; got {day.isoformat()}",
                                    field=f"{where}.workdays"))
        else:
            workdays.append(day)
    if start and end:
        problems += _check_span(start, end, name, year, file, where)
    if problems or not (start and end):
        return problems
    return Override(start, end, tuple(sorted(workdays)))


def _check_span(start: date, end: date, name: str, year: int, file: str, where: str) -> list[Problem]:
    """The days off must run forwards, stay short, and hold the festival day itself."""
    if end < start:
        return [Problem(file, f"expected a date on or after start {start.isoformat()}; got {end.isoformat()}",
                        field=f"{where}.end")]
    if end - start >= timedelta(days=MAX_BLOCK_DAYS):
        return [Problem(file, f"expected at most {MAX_BLOCK_DAYS} days off from start {start.isoformat()}; "
                              f"got {end.isoformat()}", field=f"{where}.end")]
    festival = holiday_date(name, year)
    if not start <= festival <= end:
        return [Problem(file, f"the days off {start.isoformat()} to {end.isoformat()} must include "
                              f"{name} {year} ({festival.isoformat()})", field=where)]
    return []


def _date(raw: dict, key: str, file: str, where: str, problems: list[Problem]) -> date | None:
    if key not in raw:
        problems.append(Problem(file, "is required (a date YYYY-MM-DD)", field=f"{where}.{key}"))
        return None
    day = _as_date(raw[key])
    if day is None:
        problems.append(Problem(file, f"expected a date YYYY-MM-DD; got {show(_plain(raw[key]))}",
                                field=f"{where}.{key}"))
    return day


def _as_date(value: Any) -> date | None:
    """A quoted "2027-02-05" or a bare TOML date 2027-02-05; not a date-time."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _plain(value: Any) -> Any:
    """TOML date-times have no form in ``show``; name them as written."""
    return value.isoformat() if hasattr(value, "isoformat") else value

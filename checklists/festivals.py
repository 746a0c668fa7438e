"""Dates of the public holidays that integrity reminders are tied to.

Lunar holidays (春节, 端午, 中秋) and the solar term 清明 move every year, so
they come from lunar-python's calendar computations rather than a table that
would silently run out. It is imported lazily: only a holiday rule needs it.
"""

from __future__ import annotations

from datetime import date

FIXED = {"元旦": (1, 1), "五一": (5, 1), "国庆": (10, 1)}
LUNAR = {"春节": (1, 1), "端午": (5, 5), "中秋": (8, 15)}
MOVING = (*LUNAR, "清明")

# Dates already computed in this process, or handed over from the library
# cache (see checklists.loader): importing and running lunar-python costs
# ~40 ms, which every `status` run and the TUI's first paint would pay.
_known: dict[tuple[str, int], date] = {}


def remember(table: dict[tuple[str, int], date]) -> None:
    _known.update(table)


def table_for(years: range) -> dict[tuple[str, int], date]:
    return {(name, year): holiday_date(name, year) for year in years for name in MOVING}


def holiday_date(name: str, year: int) -> date:
    """The festival day of ``name`` in Gregorian ``year``.

    Not the first day off: deadlines count from the statutory days off around
    it, which :mod:`checklists.daysoff` finds.
    """
    if name in FIXED:
        return date(year, *FIXED[name])
    if (name, year) not in _known:
        _known[(name, year)] = _compute(name, year)
    return _known[(name, year)]


def _compute(name: str, year: int) -> date:
    from lunar_python import Lunar

    if name in LUNAR:
        solar = Lunar.fromYmd(year, *LUNAR[name]).getSolar()
    elif name == "清明":
        # The jieqi table of lunar year Y holds the 清明 of Gregorian year Y.
        solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    else:
        raise KeyError(name)
    return date(solar.getYear(), solar.getMonth(), solar.getDay())

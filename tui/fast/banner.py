"""Reminders as plain text: the login banner, a line per person, and `--format json`.

No Rich: this runs at every login (tui.fast), where importing Rich would
cost more than everything else together. Chinese characters take two
terminal columns, so lines are measured in columns (East Asian width) and
cut with "..." to fit the terminal; output to a pipe or a file is never cut.
Every text printed here was made visible (checklists.text.visible) when the
reminders were computed (tui.reminders), so nothing stored can reach the
terminal as a control sequence.
"""

from __future__ import annotations

import unicodedata

MORE = "详见：duty-tui"
MAX_ITEMS = 3  # a banner is read in passing: the worst three, and where to see the rest


def columns(text: str) -> int:
    """Terminal columns ``text`` takes: two for wide and full-width characters, none for combining marks."""
    if text.isascii():
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


def fit(text: str, width: int | None) -> str:
    """``text`` cut to ``width`` columns, ending in "..." when cut; None means no limit."""
    if width is None or columns(text) <= width:
        return text
    room = max(width - 3, 0)
    kept, used = [], 0
    for char in text:
        size = columns(char)
        if used + size > room:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "..."


def window(soon_days: int) -> str:
    return "今天到期" if soon_days == 0 else f"{soon_days} 天内到期"


def counts(entry: dict, soon_days: int) -> str:
    """"2 项逾期、1 项 14 天内到期", leaving out a count that is zero."""
    parts = []
    if entry["overdue"]:
        parts.append(f"{entry['overdue']} 项逾期")
    if entry["soon"]:
        parts.append(f"{entry['soon']} 项{' ' if soon_days else ''}{window(soon_days)}")
    return "、".join(parts)


def when(item: dict) -> str:
    if item["days_overdue"]:
        return f"逾期 {item['days_overdue']} 天"
    left = item["days_left"]
    return "今天到期" if left == 0 else f"还有 {left} 天"


def item_text(item: dict) -> str:
    return f"{item['label']}（{when(item)}）"


def banner(entry: dict, soon_days: int, width: int | None) -> list[str]:
    """The login banner: the counts with the most urgent item, two more at most, then where to see the rest."""
    items = entry["items"]
    lines = [f"你有 {counts(entry, soon_days)}：{item_text(items[0])}"]
    lines += [f"  {item_text(i)}" for i in items[1:MAX_ITEMS]]
    rest = len(items) - MAX_ITEMS
    lines.append(f"{MORE}（另有 {rest} 项）" if rest > 0 else MORE)
    return [fit(line, width) for line in lines]


def person_line(entry: dict, soon_days: int, width: int | None) -> str:
    """For whoever chases others: who owes what, on one line."""
    owed = "；".join(item_text(i) for i in entry["items"])
    return fit(f"{entry['shown_name']}：{counts(entry, soon_days)}——{owed}", width)


def chosen(data: dict, *, person: str | None, everyone: bool, me: str | None) -> list[dict]:
    """The entries a reminder is about: everyone's, one named person's, or the linked account's own."""
    if everyone:
        return list(data["people"])
    name = person if person is not None else me
    return [e for e in data["people"] if e["name"] == name] if name is not None else []


def text(data: dict, entries: list[dict], *, own: bool, width: int | None) -> list[str]:
    """The account's own banner, or a line per person; nothing at all when nothing is due."""
    if own:
        return banner(entries[0], data["soon_days"], width) if entries else []
    return [person_line(e, data["soon_days"], width) for e in entries]


def as_json(data: dict, entries: list[dict]) -> dict:
    return {"schema": data["schema"], "as_of": data["as_of"], "soon_days": data["soon_days"],
            "people": [{"name": e["name"], "email": e["email"], "overdue": e["overdue"], "soon": e["soon"],
                        "items": [{k: v for k, v in i.items() if k != "label"} for i in e["items"]]}
                       for e in entries]}

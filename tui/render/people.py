"""The roster as a table."""

from __future__ import annotations

from rich.table import Table

from checklists.roster import Person

from .literal import literal


def people_table(people: list[Person], branches: list[str], term_ends: dict[str, str] | None = None) -> Table:
    """The roster; the caption names the branches, each with its 届满 date where it is known.

    The table takes the full width, so the caption has room to name them on one line.
    """
    ends = term_ends or {}
    named = [f"{b}（届满 {ends[b]}）" if b in ends else b for b in branches]
    table = Table(show_edge=False, pad_edge=False, expand=True, caption_justify="left",
                  caption=literal(f"共 {len(people)} 人；支部：{'、'.join(named) or '（无）'}", "table.caption"))
    table.add_column("姓名", no_wrap=True)
    table.add_column("角色", overflow="fold", ratio=1)
    table.add_column("科室", overflow="fold")
    table.add_column("支部", overflow="fold")
    for p in people:
        name = p.name + ("（已移除）" if p.removed else "")
        table.add_row(literal(name), literal("、".join(p.roles)), literal(p.dept), literal(p.branch))
    return table

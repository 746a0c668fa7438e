"""The roster as a table."""

from __future__ import annotations

from rich.table import Table

from checklists.roster import Person

from .literal import literal


def people_table(people: list[Person], branches: list[str]) -> Table:
    table = Table(show_edge=False, pad_edge=False, caption_justify="left",
                  caption=literal(f"共 {len(people)} 人；支部：{'、'.join(branches) or '（无）'}", "table.caption"))
    table.add_column("姓名", no_wrap=True)
    table.add_column("角色", overflow="fold", ratio=1)
    table.add_column("科室", overflow="fold")
    table.add_column("支部", overflow="fold")
    for p in people:
        name = p.name + ("（已移除）" if p.removed else "")
        table.add_row(literal(name), literal("、".join(p.roles)), literal(p.dept), literal(p.branch))
    return table

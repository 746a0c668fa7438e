"""`duty-tui ledger ...`: rows of 调研课题, 检视整改 and 挂牌督办 from scripts and the shell."""

from __future__ import annotations

from pathlib import Path

import typer

from ..context import checklist_named, echo, fail, open_store, refuse, store_errors
from ..usage import DutyTyper
from .formats import Format

ledger_app = DutyTyper(help="台账：调研课题、检视整改、挂牌督办等逐行登记、推进、销号、重新打开。 Ledgers.",
                         no_args_is_help=True)

PERIOD_HELP = "周期（默认：当前周期；一次性清单为 once）"
SET_HELP = "列=值，可重复，如 --set 课题=优化营商环境 --set 完成时限=2024-06-30"


def _target(ctx: typer.Context, checklist_name: str, item_name: str, period: str | None):
    from checklists.clock import today
    from checklists.outstanding import item_period
    from checklists.periods import parse_period

    checklist = checklist_named(ctx, checklist_name)
    ledgers = [i for i in checklist.items if i.kind == "ledger"]
    item = next((i for i in ledgers if item_name in (i.id, i.title)), None)
    if item is None:
        refuse("ledger-unknown", checklist=checklist.id, name=item_name, known=tuple(i.id for i in ledgers))
    with store_errors():
        chosen = parse_period(period, item.every) if period else item_period(item, today())
    return checklist, item, chosen


def _pairs(values: list[str]) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep:
            refuse("set-format", value=value)
        pairs[name.strip()] = text
    return pairs


def _said(event, item) -> None:
    from ..render.words import action_label

    stage = item.stages[event.get("stage", 0)] if item.stages else ""
    echo(f"已保存：{item.title} {event['subject']}：{action_label(event['action'])}（{stage}）")


@ledger_app.command("add")
def add(ctx: typer.Context, checklist: str = typer.Argument(..., help="清单 ID 或标题"),
        item: str = typer.Argument(..., help="台账 ID 或标题"),
        values: list[str] = typer.Option([], "--set", help=SET_HELP),
        period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP)) -> None:
    """新增一行。 Add a row."""
    from .. import usecases
    from .session import session

    c, i, p = _target(ctx, checklist, item, period)
    with store_errors():
        (event,) = usecases.add_rows(session(ctx), usecases.AddRows(c.id, i.id, p.key, (_pairs(values),)))
    _said(event, i)


@ledger_app.command("edit")
def edit(ctx: typer.Context, checklist: str = typer.Argument(...), item: str = typer.Argument(...),
         row: str = typer.Argument(..., help="行号，如 3 或 #3"),
         values: list[str] = typer.Option([], "--set", help=SET_HELP),
         period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP)) -> None:
    """修改一行的内容。 Edit a row."""
    _change(ctx, checklist, item, row, period, "row-edit", fields=_pairs(values))


@ledger_app.command("advance")
def advance(ctx: typer.Context, checklist: str = typer.Argument(...), item: str = typer.Argument(...),
            row: str = typer.Argument(..., help="行号"),
            period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP)) -> None:
    """推进到下一阶段（销号用 close）。 Move a row to its next stage."""
    _change(ctx, checklist, item, row, period, "row-advance")


@ledger_app.command("back")
def back(ctx: typer.Context, checklist: str = typer.Argument(...), item: str = typer.Argument(...),
         row: str = typer.Argument(..., help="行号"),
         reason: str = typer.Option(..., "--reason", help="退回理由"),
         period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP)) -> None:
    """退回上一阶段（须写理由）。 Move a row back a stage."""
    _change(ctx, checklist, item, row, period, "row-back", reason=reason)


@ledger_app.command("close")
def close(ctx: typer.Context, checklist: str = typer.Argument(...), item: str = typer.Argument(...),
          row: str = typer.Argument(..., help="行号"),
          reviewer: str = typer.Option(..., "--reviewer", help="复核人（不能是责任人本人）"),
          evidence: str = typer.Option(..., "--evidence", "-e", help="佐证材料：文件路径或文号"),
          period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP)) -> None:
    """销号：须有复核人和佐证。 Close (sign off) a row."""
    _change(ctx, checklist, item, row, period, "row-close", reviewer=reviewer, evidence=evidence)


@ledger_app.command("reopen")
def reopen(ctx: typer.Context, checklist: str = typer.Argument(...), item: str = typer.Argument(...),
           row: str = typer.Argument(..., help="行号"),
           reason: str = typer.Option(..., "--reason", help="重新打开的理由"),
           period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP)) -> None:
    """重新打开已销号的行（须写理由），回到销号前一阶段。 Reopen a closed row."""
    _change(ctx, checklist, item, row, period, "row-reopen", reason=reason)


# The exact command to type next, by the code of the ledger rule that refused (checklists.ledger_rules).
NEXT = {
    "closed": "duty-tui ledger reopen {where} --reason 理由",
    "undo-close": "duty-tui ledger reopen {where} --reason 理由",
    "to-final": "duty-tui ledger close {where} --reviewer 复核人 --evidence 佐证材料",
    "close-stage": "先用 duty-tui ledger advance {where} 推进",
}


def _change(ctx, checklist, item, row, period, action, **values) -> None:
    from checklists.errors import Refusal

    from .. import usecases
    from ..errors import message_of
    from .session import session

    c, i, p = _target(ctx, checklist, item, period)
    with store_errors():
        try:
            event = usecases.change_row(session(ctx), usecases.ChangeRow(c.id, i.id, p.key, row.strip(), action,
                                                                         **values))
        except Refusal as exc:
            if exc.code not in NEXT:
                raise
            where = f"{c.id} {i.id} {row.strip().lstrip('#')}"
            fail(f"{message_of(exc.code, exc.fields)}（{NEXT[exc.code].format(where=where)}）")
    _said(event, i)


@ledger_app.command("list")
def list_rows(ctx: typer.Context, checklist: str = typer.Argument(...), item: str = typer.Argument(...),
              period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP),
              fmt: Format = typer.Option(Format.table, "--format", "-f", help="table 或 json")) -> None:
    """列出台账的全部行。 List rows."""
    c, i, p = _target(ctx, checklist, item, period)
    with store_errors():
        rows = open_store(ctx).ledger_rows(c, i, p)
    if fmt is Format.json:
        data = [{"row": r["subject"], "stage": i.stages[r.get("stage", 0)], "state": r["state"],
                 "fields": r["fields"], "reviewer": r.get("reviewer", ""), "evidence": r.get("evidence", []),
                 "last_account": r.get("account"), "last_time": r.get("updated")} for r in rows]
        from ..render.plain import to_json

        typer.echo(to_json(data))
        return
    from ..render.console import make_console
    from ..render.ledger import ledger_table

    make_console().print(ledger_table(i, p, rows))


@ledger_app.command("import")
def import_rows(ctx: typer.Context, checklist: str = typer.Argument(...), item: str = typer.Argument(...),
                path: Path = typer.Argument(..., help="CSV（UTF-8 或 GBK）或 XLSX（第一张工作表）"),
                period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP)) -> None:
    """从 CSV/XLSX 导入行；有错误行时一行也不导入。 Import rows."""
    from store.ledger_import import read_rows

    from .. import usecases
    from .session import session

    c, i, p = _target(ctx, checklist, item, period)
    with store_errors():
        rows = read_rows(path, i)
        usecases.add_rows(session(ctx), usecases.AddRows(c.id, i.id, p.key, tuple(values for _, values in rows),
                                                         tuple(n for n, _ in rows), str(path)))
    echo(f"已导入 {len(rows)} 行：{path}")

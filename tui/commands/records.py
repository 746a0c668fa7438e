"""Commands that record and audit changes: tick, untick, na, undo, log, verify."""

from __future__ import annotations

import typer

from checklists.errors import Refusal
from checklists.model import subject_label

from ..context import echo, load_library_or_fail, open_store, settings, store_errors
from ..errors import period_label, titled
from ..fast.argv import RECORD_OPTIONS as SPELLED
from .formats import Format

SUBJECT_HELP = "人员姓名或支部名称（党组清单不用填）"
PERIOD_HELP = "周期，如 2024、2024-H1、2024-Q3、2024-07、once（默认：当前周期，或 --date 所在的周期）"
DATE_HELP = "这件事发生的日期，如 2024-03-05 或 2024/3/5；它决定记入哪个周期（计次事项默认今天）"


def _record(ctx: typer.Context, checklist: str, item: str, action: str, subject: str, period: str | None,
            note: str = "", reason: str = "", evidence: str = "", when: str | None = None) -> None:
    """The same code tui.entry runs without Typer for the usual shapes of these lines (tui.recording)."""
    from ..recording import record

    echo(record(settings(ctx), checklist, item, action, subject, period, note=note, reason=reason,
                evidence=evidence, when=when))


def tick(
    ctx: typer.Context,
    checklist: str = typer.Argument(..., help="清单 ID 或标题"),
    item: str = typer.Argument(..., help="事项 ID 或标题"),
    subject: str = typer.Option("", *SPELLED["subject"], help=SUBJECT_HELP),
    period: str | None = typer.Option(None, *SPELLED["period"], help=PERIOD_HELP),
    note: str = typer.Option("", *SPELLED["note"], help="备注"),
    evidence: str = typer.Option("", *SPELLED["evidence"], help="佐证材料：文件路径或文号"),
    when: str | None = typer.Option(None, *SPELLED["when"], help=DATE_HELP),
) -> None:
    """勾选完成一项；计次事项记一次。 Mark an item done (or +1 for a count item)."""
    _record(ctx, checklist, item, "done", subject, period, note=note, evidence=evidence, when=when)


def untick(
    ctx: typer.Context,
    checklist: str = typer.Argument(..., help="清单 ID 或标题"),
    item: str = typer.Argument(..., help="事项 ID 或标题"),
    subject: str = typer.Option("", *SPELLED["subject"], help=SUBJECT_HELP),
    period: str | None = typer.Option(None, *SPELLED["period"], help=PERIOD_HELP),
    note: str = typer.Option("", *SPELLED["note"], help="备注（说明原因）"),
) -> None:
    """取消完成；计次事项减去最近一次。 Mark an item not done."""
    _record(ctx, checklist, item, "undone", subject, period, note=note)


def na(
    ctx: typer.Context,
    checklist: str = typer.Argument(..., help="清单 ID 或标题"),
    item: str = typer.Argument(..., help="事项 ID 或标题"),
    reason: str = typer.Option(..., *SPELLED["reason"], help="不适用的理由"),
    subject: str = typer.Option("", *SPELLED["subject"], help=SUBJECT_HELP),
    period: str | None = typer.Option(None, *SPELLED["period"], help=PERIOD_HELP),
    when: str | None = typer.Option(None, *SPELLED["when"], help="认定不适用的日期；它决定记入哪个周期"),
) -> None:
    """标记本期不适用（须写理由）。 Mark an item not applicable."""
    _record(ctx, checklist, item, "na", subject, period, reason=reason, when=when)


def undo(ctx: typer.Context) -> None:
    """撤销本账户最近一次修改（追加一条撤销记录）。 Undo your last change."""
    from .. import usecases
    from ..render.log import detail, item_kind, titles
    from ..render.words import action_label
    from .session import session

    run = session(ctx, must_exist=True)
    library, store = run.library, run.store
    with store_errors():
        try:
            event = usecases.undo(run, usecases.UndoLast())
        except Refusal as refused:
            raise titled(refused, library) from None
        undone = next((e for e in store.entry_events(_key(event)) if e["id"] == event.get("undoes")), None)
    what = action_label(undone["action"], item_kind(library, undone)) if undone else "修改"
    said = f"：{detail(undone)}" if undone and detail(undone) else ""
    who = subject_label(event["subject"])
    echo(f"已撤销：{titles(library, event)}（{who}，{period_label(event['period'])}）的“{what}{said}”")


def _key(event):
    from checklists.records import key_of

    return key_of(event)


def verify(ctx: typer.Context) -> None:
    """检查审计记录：哈希链、分片与头文件的封印、状态与事件回放；完好时退出码 0，否则 1。 Verify the records."""
    store = open_store(ctx, must_exist=True)
    targets = load_library_or_fail(ctx).targets()
    with store_errors():
        report = store.verify(targets)
    for line in report.problems + report.notes:
        echo(line)
    if report.problems:
        typer.echo(f"发现 {len(report.problems)} 处问题（共检查 {report.events} 条事件）：{store.location}", err=True)
        raise typer.Exit(1)
    sealed = f"，{report.shards} 个分片与头文件的封印相符" if report.sealed else ""
    typer.echo(f"审计记录完好：{report.events} 条事件，哈希链无断裂；{report.states} 条状态与事件回放一致{sealed}"
               f"（{store.location}）")
    if report.seal:  # what an exported workbook's cover names: the two match while nothing has changed
        typer.echo(f"封印哈希：{report.seal}")


def log(
    ctx: typer.Context,
    checklist: str | None = typer.Option(None, "--checklist", "-c", help="只看这个清单"),
    subject: str | None = typer.Option(None, "--subject", "-s", help="只看这个人员或支部"),
    account: str | None = typer.Option(None, "--account", "-a", help="只看这个账户的修改"),
    since: str | None = typer.Option(None, "--since", help="从这一天（本地时间）起，如 2024-03-01"),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table 或 json"),
) -> None:
    """查看修改记录（谁、何时、做了什么）。 Show the audit log."""
    from checklists.bounds import typed_day
    from checklists.clock import day_start_utc, today

    from ..render.plain import to_json

    library = load_library_or_fail(ctx)
    wanted = None
    if checklist:
        found = library.resolve(checklist)
        wanted = found.id if found else checklist
    with store_errors():
        start = day_start_utc(typed_day(since, "--since", today())) if since is not None else ""  # local midnight, as UTC
        events = [
            e for e in open_store(ctx).events()
            if (not wanted or e["checklist"] == wanted)
            and (not subject or subject in (e["subject"], subject_label(e["subject"])))
            and (not account or e["account"] == account)
            and e["time"] >= start
        ]
    if fmt is Format.json:
        public = [{k: v for k, v in e.items() if k != "restore"} for e in events]
        typer.echo(to_json(public))
        return
    from ..render.console import make_console
    from ..render.log import log_table

    make_console().print(log_table(events, library))

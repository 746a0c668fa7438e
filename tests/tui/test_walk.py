"""逐项办理: walking my items, a named person's and a whole checklist's, one step at a time."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from checklists.collation import sorted_people
from store.tinydb.changes import all_events, all_states
from tui.app.app import DutyApp
from tui.app.dialogs.prompt import PromptDialog
from tui.app.screens.checklist import ChecklistScreen
from tui.app.screens.dashboard import DashboardScreen
from tui.app.screens.walk import WalkScreen

from .conftest import open_checklist, run, screen_lines, settle


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def states(board) -> dict[tuple[str, str, str, str], dict]:
    return {(s["checklist"], s["item"], s["period"], s["subject"]): s for s in all_states(board.store)}


async def walk_person(pilot, name: str) -> WalkScreen:
    await pilot.press("W")
    await settle(pilot)
    await pilot.press(*name, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WalkScreen), pilot.app.screen
    return pilot.app.screen


def test_walk_my_items_overdue_first_then_a_summary(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            mine = board.load().mine
            await pilot.press("w")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert [r.days_overdue for r in walk.rows] == sorted((r.days_overdue for r in mine), reverse=True)
            total = len(walk.rows)
            first = walk.rows[0]
            assert f"第1项/共{total}项" in text_of(walk, "#walk-header")
            step = text_of(walk, "#walk-step")
            for words in (first.checklist.title, first.item.title, f"周期：{first.period.label()}",
                          f"时限：{first.due.isoformat()}（逾期{first.days_overdue}天）", "佐证要求：", "依据："):
                assert words in step, words

            await pilot.press("space")  # 完成: saved, and on to the next
            await settle(pilot)
            assert states(board)[(first.checklist.id, first.item.id, first.period.key, "李明")]["state"] == "done"
            assert f"第2项/共{total}项" in text_of(walk, "#walk-header")

            await pilot.press("n", *"已报党建办", "enter")  # a note stays on the step and shows in it
            await settle(pilot)
            assert "备注：已报党建办" in text_of(walk, "#walk-step")
            assert f"第2项/共{total}项" in text_of(walk, "#walk-header")
            second = walk.rows[1]

            await pilot.press("right")  # 跳过
            await settle(pilot)
            third = walk.rows[2]
            await pilot.press("a", *"本年度未涉及", "enter")  # 不适用 with its reason, then on
            await settle(pilot)
            key = (third.checklist.id, third.item.id, third.period.key, third.subject)
            assert (states(board)[key]["state"], states(board)[key]["reason"]) == ("na", "本年度未涉及")
            assert f"第4项/共{total}项" in text_of(walk, "#walk-header")

            await pilot.press("left", "left")  # 上一项, back to the one skipped
            await settle(pilot)
            assert second.item.title in text_of(walk, "#walk-step")

            await pilot.press("escape")  # 结束: what was done in this walk
            await settle(pilot)
            summary = text_of(walk, "#walk-step")
            assert "本次办理：完成 1 项，不适用 1 项，备注 1 条" in summary
            assert f"仍未完成 {total - 2} 项" in summary
            assert "跳过" not in summary.split("\n")[0]  # the skipped one got a note: it was not just skipped
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert len(app.screen.data.mine) == len(mine) - 2  # current at once, no key pressed
    run(scenario())


def test_walk_a_named_persons_items(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("W")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await pilot.press(*"查无此人", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)  # refused, to be corrected
            await pilot.press("escape")
            walk = await walk_person(pilot, "张华")
            assert "张华的待办" in text_of(walk, "#walk-header")
            assert walk.rows and all(r.subject == "张华" or r.owner == "张华" for r in walk.rows)
    run(scenario())


def test_walk_a_whole_checklist_counting_with_a_date(board) -> None:
    """A staff member chases one checklist for everyone it concerns; a meeting is counted on its own date."""
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "三会")
            await pilot.press("w")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert {r.checklist.id for r in walk.rows} == {"sanhui-yike"}
            assert list(dict.fromkeys(r.subject for r in walk.rows)) == ["第一党支部", "第二党支部", "第三党支部"]
            first = walk.rows[0]
            assert first.days_overdue > 0
            await pilot.press("plus")
            await settle(pilot)
            await pilot.press(*["backspace"] * 10, *first.period.end.isoformat(), "enter")
            await settle(pilot)
            key = (first.checklist.id, first.item.id, first.period.key, first.subject)
            assert states(board)[key]["dates"] == [first.period.end.isoformat()]
            assert "第2项" in text_of(walk, "#walk-header")  # its one meeting was the target: done
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert app.screen is screen
    run(scenario())


def test_a_ledger_row_in_a_walk_opens_its_ledger(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            walk = await walk_person(pilot, "张华")
            index = next(n for n, r in enumerate(walk.rows) if r.item.kind == "ledger")
            for _ in range(index):
                await pilot.press("right")
            await settle(pilot)
            assert "按 Enter 打开台账" in text_of(walk, "#walk-step")
            before = len(all_events(board.store))
            await pilot.press("space")  # not for a ledger row: it says so, and changes nothing
            await settle(pilot)
            assert len(all_events(board.store)) == before
            await pilot.press("enter")
            await settle(pilot)
            from tui.app.screens.ledger import LedgerScreen

            assert isinstance(app.screen, LedgerScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is walk
    run(scenario())


def test_a_year_cell_is_walked_month_by_month(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "三会")
            await pilot.press("p", *"2024", "enter")
            await settle(pilot)
            assert "2024年（各期）" in text_of(screen, "#cl-header")
            table = screen.query_one("#grid", DataTable)
            column = next(n for n, key in enumerate(table.columns) if key.value == "zhiweihui")
            table.move_cursor(row=0, column=column)
            await settle(pilot)
            rows = screen.cell_rows()
            assert [r.period.key for r in rows] == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
            assert str(table.get_cell_at(table.cursor_coordinate)).endswith("/5期!")
            await pilot.press("space")  # one of five months: which? it says how to choose
            await settle(pilot)
            assert isinstance(app.screen, ChecklistScreen)
            await pilot.press("enter")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert {r.period.key for r in walk.rows} == {r.period.key for r in rows if r.open}
            assert [r.period.key for r in walk.rows][0] == "2024-01"  # the most overdue first
    run(scenario())


def test_a_past_periods_count_in_a_walk_lands_in_that_period_and_the_summary_says_where(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await open_checklist(pilot, "三会")
            await pilot.press("w")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            past = [r for r in walk.rows if r.item.kind == "count" and r.period.end < walk.day]
            first, second, third = past[:3]

            async def reach(row) -> None:  # the walk follows the screen: skip to the next past period's entry
                while walk.row is not row:
                    await pilot.press("right")
                    await settle(pilot)

            await reach(first)
            await pilot.press("space")  # counted in the step's own period, on its last day
            await settle(pilot)
            await reach(second)
            await pilot.press("plus")  # the date offered lies inside the step's period too
            await settle(pilot)
            assert isinstance(app.screen, PromptDialog)
            await pilot.press("enter")
            await settle(pilot)
            await reach(third)
            await pilot.press("plus", *["backspace"] * 10, *walk.day.isoformat(), "enter")  # today: this period
            await settle(pilot)
            events = all_events(board.store)[-3:]
            assert [(e["period"], e["date"]) for e in events] == [
                (first.period.key, first.period.end.isoformat()), (second.period.key, second.period.end.isoformat()),
                (walk.day.strftime("%Y-%m"), walk.day.isoformat())]
            await pilot.press("escape")
            await settle(pilot)
            summary = text_of(walk, "#walk-step")
            assert f"{third.period.label()}（{walk.day.isoformat()}，记入{walk.day.year}年{walk.day.month}月）" in summary
            assert f"{first.period.label()}（{first.period.end.isoformat()}）" in summary
    run(scenario())


def matrix_subjects(app, names: set[str]) -> list[str]:
    """The subjects down the matrix's side, as the terminal shows them, top to bottom."""
    return [line.split()[0] for line in screen_lines(app) if line.split() and line.split()[0] in names]


def test_a_person_matrix_lists_people_in_pinyin_order(board) -> None:
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 40)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "党费按月")
            assert screen.checklist.scope == "person"
            people = {p.name for p in board.store.roster().active()}
            shown = matrix_subjects(app, people)
            # 陈 chén, 李 lǐ, 刘 liú, 孙 sūn, 王 wáng, 张 zhāng, 赵 zhào, 周 zhōu: not code-point order
            assert len(shown) >= 4 and shown == sorted_people(shown) and shown != sorted(shown)
    run(scenario())


def test_a_checklists_walk_starts_at_the_cursor_and_follows_the_matrix(board) -> None:
    """第一/第二/第三党支部 down the side in that order; w on 第二党支部's second column starts there."""
    async def scenario():
        app = DutyApp(board, first=board.load())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = await open_checklist(pilot, "三会")
            branches = ["第一党支部", "第二党支部", "第三党支部"]
            assert matrix_subjects(app, set(branches)) == branches  # code points would put 第三 before 第二
            table = screen.query_one("#grid", DataTable)
            assert [key.value for key in table.rows] == branches
            table.move_cursor(row=1, column=2)
            await settle(pilot)
            at_cursor = [r for r in screen.cell_rows() if r.open]
            assert at_cursor, "the test needs an open entry under the cursor"
            await pilot.press("w")
            await settle(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            step = walk.rows[walk.index]
            assert (step.subject, step.item.id) == ("第二党支部", table.ordered_columns[2].key.value)
            assert step.period.key == min(r.period.key for r in at_cursor)  # a cell's periods oldest first
            assert f"第{walk.index + 1}项/共{len(walk.rows)}项" in text_of(walk, "#walk-header")
            assert step.subject in text_of(walk, "#walk-step")
            # Before it: 第一党支部's entries and 第二党支部's first column; after it, the rest, row by row.
            before = walk.rows[:walk.index]
            assert before and {r.subject for r in before} <= {"第一党支部", "第二党支部"}
            assert all(r.item.id == table.ordered_columns[1].key.value for r in before if r.subject == "第二党支部")
            order = [branches.index(r.subject) for r in walk.rows]
            assert order == sorted(order)
            await pilot.press("left")  # those above the cursor are a ← away
            await settle(pilot)
            assert walk.rows[walk.index] == before[-1]
    run(scenario())

"""`duty-tui remind --mail` through a stand-in sendmail that records every mail it is handed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tui.mail
from tests.cli.test_remind import TODAY, db, remind, status_items  # noqa: F401 - the fixture
from tests.conftest import ROOT, run_cli
from tui.cli import app

SENDMAIL = """#!/bin/sh
# Stands in for the system's sendmail: keeps the arguments and the mail, one pair per call.
n=$(ls "$OUTBOX" | wc -l)
printf '%s\\n' "$@" > "$OUTBOX/$n.args"
cat > "$OUTBOX/$n.mail"
sleep "${SENDMAIL_DELAY:-0}"
exit "${SENDMAIL_STATUS:-0}"
"""


@pytest.fixture
def outbox(tmp_path: Path) -> dict[str, str]:
    """The environment that puts the stand-in sendmail first on PATH, and where it keeps what it was given."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "sendmail").write_text(SENDMAIL)
    (folder / "sendmail").chmod(0o755)
    box = tmp_path / "outbox"
    box.mkdir()
    return {"PATH": f"{folder}:{os.environ['PATH']}", "OUTBOX": str(box)}


def mails(env: dict[str, str]) -> list[tuple[list[str], EmailMessage]]:
    box = Path(env["OUTBOX"])
    found = []
    for args in sorted(box.glob("*.args"), key=lambda p: int(p.stem)):
        message = BytesParser(policy=policy.default).parsebytes(args.with_suffix(".mail").read_bytes())
        found.append((args.read_text().split(), message))
    return found


def mail(db: Path, env: dict[str, str], *args: str, today: str = TODAY):
    return run_cli(db, "remind", "--mail", *args, DUTY_TUI_TODAY=today, **env)


def test_one_mail_in_chinese_to_each_person_with_an_address_and_something_due(db: Path, outbox) -> None:
    out = mail(db, outbox)
    assert out.returncode == 0, out.stderr
    assert "已发送提醒邮件 1 封：王五" in out.stdout and "名册中没有邮箱，未发送 1 人：张三" in out.stdout
    ((args, message),) = mails(outbox)
    assert args == ["-oi", "wangwu@example.gov.cn"]
    assert message["To"] == "wangwu@example.gov.cn" and message["Subject"].startswith("待办提醒：")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert body.startswith("王五：\n") and "截至 2024年5月20日" in body
    items = status_items(db, "--person", "王五")
    for number, row in enumerate(items, 1):
        assert f"{number}. {row['checklist_title']}·{row['item_title']}" in body
        assert f"时限 {row['due']}" in body
    assert f"{len(items) + 1}. " not in body


def test_nothing_is_sent_twice_on_the_same_day(db: Path, outbox) -> None:
    assert mail(db, outbox).returncode == 0
    again = mail(db, outbox)
    assert again.returncode == 0 and "今天已发送过，未重复发送 1 人：王五" in again.stdout
    assert len(mails(outbox)) == 1
    assert mail(db, outbox, today="2024-05-21").returncode == 0
    assert len(mails(outbox)) == 2


def test_two_runs_at_once_send_one_mail(db: Path, outbox) -> None:
    env = {**os.environ, **outbox, "DUTY_TUI_TODAY": TODAY, "SENDMAIL_DELAY": "1"}
    cmd = [sys.executable, "-m", "tui", "--db", str(db), "remind", "--mail"]
    runs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert len(mails(outbox)) == 1
    assert sorted("已发送提醒邮件 1 封" in out for out, _ in outputs) == [False, True]


def test_a_mail_sendmail_refuses_is_reported_and_tried_again_next_run(db: Path, outbox) -> None:
    failed = mail(db, {**outbox, "SENDMAIL_STATUS": "75"})
    assert failed.returncode == 3
    assert "未能发送：王五 <wangwu@example.gov.cn>：sendmail 退出码 75" in failed.stderr
    retried = mail(db, outbox)
    assert retried.returncode == 0 and "已发送提醒邮件 1 封：王五" in retried.stdout
    assert len(mails(outbox)) == 2


def test_one_person_only(db: Path, outbox) -> None:
    out = mail(db, outbox, "--person", "张三")
    assert out.returncode == 0 and "名册中没有邮箱，未发送 1 人：张三" in out.stdout and not mails(outbox)


def test_without_sendmail_nothing_is_sent_it_says_so_and_cron_sees_a_failure(db: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.mail, "SENDMAIL_PLACES", (str(tmp_path / "no-sendmail"),))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(app, ["--db", str(db), "remind", "--mail"], env={"DUTY_TUI_TODAY": TODAY})
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "没有找到 sendmail 命令" in result.stderr
    log = json.loads(db.read_bytes()).get("mail_log", {})
    assert log == {}


def test_the_sent_log_stays_small(db: Path, outbox) -> None:
    for day in ("2024-03-01", "2024-04-25", TODAY):
        assert mail(db, outbox, today=day).returncode == 0
    days = sorted(e["day"] for e in json.loads(db.read_bytes())["mail_log"].values())
    assert days == ["2024-04-25", TODAY]  # only the last month or so is kept

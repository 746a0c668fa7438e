"""`duty-tui remind --mail`: one plain-text mail in Chinese to each person with something overdue or soon due.

Run from cron where the bureau has a mail server. Mail leaves through the
system's ``sendmail`` command, which every mail server and relay installs
(Postfix, Exim, msmtp-mta, nullmailer): no SMTP settings of our own. Without
one, nothing is sent, the command says so, and it exits 3: a cron job that
ends 0 would read as "everyone was reminded".

The store's sent-log makes "once a day" hold even when cron runs the job
twice, or two runs overlap: each person is claimed in the log, under the
database lock, before the mail goes; a mail that could not be handed to
sendmail gives its claim back, so a later run may try again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from typing import TYPE_CHECKING, Any

from .fast.argv import Options
from .options import EXIT_BUSY, say, store_errors
from .resolve import library_for, store_for

if TYPE_CHECKING:
    from .config import Settings

SENDMAIL_PLACES = ("/usr/sbin/sendmail", "/usr/lib/sendmail")  # where MTAs put it when it is not on PATH
SEND_TIMEOUT = 60


def find_sendmail() -> str | None:
    found = shutil.which("sendmail")
    return found or next((p for p in SENDMAIL_PLACES if os.access(p, os.X_OK)), None)


def compose(entry: dict[str, Any], soon_days: int, day: date, org_name: str | None) -> bytes:
    """The mail for one person: every overdue and soon-due item, with its deadline."""
    from email.message import EmailMessage
    from email.utils import formatdate

    from .fast.banner import counts, when

    lines = [f"{entry['shown_name']}：", "",
             f"截至 {day.year}年{day.month}月{day.day}日，你有 {counts(entry, soon_days)}：", ""]
    for number, item in enumerate(entry["items"], 1):
        lines.append(f"{number}. {item['label']}")
        lines.append(f"   时限 {item['due'] or '无'}，{when(item)}")
    lines += ["", "请登录服务器运行 duty-tui 查看和办理。", "",
              f"—— {org_name or '全面从严治党主体责任'}（duty-tui 自动发送，请勿回复）"]
    message = EmailMessage()
    message["To"] = entry["email"]
    message["Subject"] = f"待办提醒：{counts(entry, soon_days)}"
    message["Date"] = formatdate(localtime=True)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    message.set_content("\n".join(lines) + "\n", cte="base64")  # 7-bit safe through any relay
    return message.as_bytes()


def deliver(sendmail: str, address: str, mail: bytes) -> str | None:
    """Hand one mail to sendmail; None when it took it, else why not (one line)."""
    try:
        done = subprocess.run([sendmail, "-oi", address], input=mail, capture_output=True, timeout=SEND_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        return f"sendmail 在 {SEND_TIMEOUT} 秒内没有结束"
    except OSError as exc:
        return f"无法运行 {sendmail}：{exc.strerror or exc}"
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"sendmail 退出码 {done.returncode}" + (f"：{said[0]}" if said else "")
    return None


def send_reminders(settings: Settings, options: Options) -> int:
    """Mail everyone due a reminder (or the one ``--person``); report what was sent, skipped and why."""
    from checklists.clock import today

    from .fast.banner import chosen
    from .reminders import reminders_for

    sendmail = find_sendmail()
    if sendmail is None:
        say("没有找到 sendmail 命令（PATH 中或 /usr/sbin/sendmail），未发送任何邮件；"
            "本机需先装好邮件服务（如 postfix 或 msmtp-mta）")
        return EXIT_BUSY
    library = library_for(settings)
    store = store_for(settings)
    day = today()
    with store_errors():
        data = reminders_for(store, library, settings, options.person)
    if data is None:
        print("没有需要提醒的人，未发送邮件")
        return 0
    entries = chosen(data, person=options.person, everyone=options.person is None, me=None)
    sent: list[str] = []
    earlier: list[str] = []
    no_address: list[str] = []
    failed: list[str] = []
    for entry in entries:
        name, address = entry["name"], entry["email"]
        if not address:
            no_address.append(entry["shown_name"])
            continue
        with store_errors():
            if not store.claim_mail(day, name, address):
                earlier.append(entry["shown_name"])
                continue
        problem = deliver(sendmail, address, compose(entry, data["soon_days"], day, settings.org_name))
        if problem:
            with store_errors():
                store.release_mail(day, name)
            failed.append(f"{entry['shown_name']} <{address}>：{problem}")
        else:
            sent.append(entry["shown_name"])
    report(sent, earlier, no_address, failed)
    return EXIT_BUSY if failed else 0


def report(sent: list[str], earlier: list[str], no_address: list[str], failed: list[str]) -> None:
    if sent:
        print(f"已发送提醒邮件 {len(sent)} 封：{'、'.join(sent)}")
    if earlier:
        print(f"今天已发送过，未重复发送 {len(earlier)} 人：{'、'.join(earlier)}")
    if no_address:
        print(f"名册中没有邮箱，未发送 {len(no_address)} 人：{'、'.join(no_address)}")
    if not (sent or earlier or no_address or failed):
        print("没有逾期或即将到期的事项，未发送邮件")
    for line in failed:
        say(f"未能发送：{line}")

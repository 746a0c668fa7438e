"""The reminder sent-log, kept in the head file: who was mailed on which day.

Small by design: a line per person mailed, and only the last few weeks are
kept. Its one job is that a cron job run twice (or two at once) never mails
anyone twice on the same day.
"""

from __future__ import annotations

from datetime import date, timedelta

from tinydb import Query

from ..account import os_account
from .db import Database, utc_now

TABLE = "mail_log"
KEEP_DAYS = 31


def claim(store: Database, day: date, name: str, address: str, account: str | None = None) -> bool:
    """Note ``name`` as mailed on ``day`` unless already noted; one locked write, so concurrent runs cannot both claim."""
    with store.head_txn() as txn:
        log = txn.table(TABLE)
        entry = Query()
        if log.contains((entry.day == day.isoformat()) & (entry.name == name)):
            return False
        log.remove(entry.day < (day - timedelta(days=KEEP_DAYS)).isoformat())
        log.insert({"day": day.isoformat(), "name": name, "address": address,
                    "account": account or os_account(), "time": utc_now()})
        return True


def release(store: Database, day: date, name: str) -> None:
    with store.head_txn() as txn:
        entry = Query()
        txn.table(TABLE).remove((entry.day == day.isoformat()) & (entry.name == name))

"""A writer process for concurrency tests: ticks N times, printing each saved event id.

A line is printed only after the use case returned, i.e. after the change was
reported as saved; the parent may SIGKILL this process at any moment.
"""

import sys

from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from tui import usecases

db, count, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
library = load_library()
checklist = library.get("sanhui-yike")
item = checklist.item("zhiweihui")
store = TinyStore(__import__("pathlib").Path(db), lock_timeout=60)
session = usecases.Session(store, library, usecases.Identity(name))
for n in range(count):
    period = parse_period(f"{2020 + n % 5}-{n % 12 + 1:02d}")
    event = usecases.record(session, usecases.RecordChange(
        checklist.id, item.id, "count", "第一党支部", period.key, note=f"{name}-{n}", date=f"{period.key}-01",
        back_fill=True))
    print(event["id"], flush=True)

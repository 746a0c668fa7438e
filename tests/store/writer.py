"""A writer process for concurrency tests: ticks N times, printing each saved event id.

A line is printed only after `record` returned, i.e. after the change was
reported as saved; the parent may SIGKILL this process at any moment.
"""

import sys

from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from store.tinydb.changes import Change, record

db, count, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
library = load_library()
checklist = library.get("sanhui-yike")
item = checklist.item("zhiweihui")
store = TinyStore(__import__("pathlib").Path(db), lock_timeout=60)
for n in range(count):
    period = parse_period(f"{2020 + n % 5}-{n % 12 + 1:02d}")
    event = record(store, Change(checklist, item, period, "第一党支部", "count", note=f"{name}-{n}",
                                 date=f"{period.key}-01"), account=name)
    print(event["id"], flush=True)

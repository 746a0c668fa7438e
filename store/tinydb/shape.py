"""Whether a parsed file's documents have the shape the program relies on.

Valid JSON with the right marker can still hold entries a reader would trip
over (an event replaced by a string, a state without its key): such a file is
refused like a torn one, naming the table and the entry, before anything reads
or rewrites it. Only what readers index is checked (a key-set comparison per
document), so the check costs a small part of the parse it follows.
"""

from __future__ import annotations

import operator
from itertools import repeat
from pathlib import Path
from typing import Any

from ..errors import StoreCorrupt

# What readers index without a default (store/tinydb/changes.py, ledger.py, checklists.records.key_of).
EVENT_KEYS = frozenset({"id", "time", "account", "action", "checklist", "item", "period", "subject", "seq"})
STATE_KEYS = frozenset({"key", "checklist", "item", "period", "subject"})
REQUIRED = {"events": EVENT_KEYS, "state": STATE_KEYS}


def check_entries(data: dict[str, Any], path: Path) -> None:
    """Raise StoreCorrupt("bad-entry") naming the first document that is not a record of its table."""
    for table, docs in data.items():
        required = REQUIRED.get(table, frozenset())
        try:  # the usual case, in C: every document a dict whose keys include the required ones
            if all(map(operator.ge, map(dict.keys, docs.values()), repeat(required))):
                continue
        except TypeError:  # dict.keys of something that is not a dict
            pass
        for doc_id, doc in docs.items():
            if not isinstance(doc, dict) or not required <= doc.keys():
                raise StoreCorrupt("bad-entry", path=str(path), table=table, entry=str(doc_id))
